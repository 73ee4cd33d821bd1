import Foundation
import LMSDatabase
import LMSModel

/// One late attempt as the teachers' views show it.
struct LateAttempt: Sendable {
    var id: String
    var userID: String
    var quizID: String
    var points: Double
    var maxPoints: Double
    /// Why the server marked it late (`ExamTiming.lateness`).
    var reason: String
    /// Whether a teacher counted it in the gradebook anyway.
    var counted: Bool
}

/// Late attempts (docs/PROTOCOL.md §8): as in Moodle, an attempt not submitted in time does not
/// count. The server keeps and scores it, marks it late, and leaves it out of the gradebook, the
/// pass mark and certificates, until a teacher of the course counts it deliberately
/// (`PUT …/attempts/{attempt}/grade` with `"countLate": true`): the only writer of
/// `counted_late_attempts`.
extension GradingStore {
    /// SQL over `attempts a`: whether the attempt counts in the gradebook (on time, or counted by a teacher).
    static let countsInGradebook =
        "(a.late IS NULL OR a.id IN (SELECT attempt_id FROM counted_late_attempts))"

    /// The late attempts of a course (of one student when `onlyUserID` is given), oldest first.
    func lateAttempts(courseID: String, onlyUserID: String? = nil) throws -> [LateAttempt] {
        try read { db in
            var out: [LateAttempt] = []
            try db.forEach(
                """
                SELECT a.id, a.user_id, a.quiz_id, coalesce(a.points, 0), coalesce(a.max_points, 0), a.late,
                       \(Self.countsInGradebook)
                FROM attempts a WHERE a.course_id = ?1 AND a.late IS NOT NULL AND (?2 IS NULL OR a.user_id = ?2)
                ORDER BY a.received_at, a.id
                """, arguments: [courseID, onlyUserID]
            ) { c in
                out.append(
                    LateAttempt(
                        id: c.string(at: 0), userID: c.string(at: 1), quizID: c.string(at: 2),
                        points: c.double(at: 3), maxPoints: c.double(at: 4), reason: c.string(at: 5),
                        counted: c.int64(at: 6) != 0))
            }
            return out
        }
    }

    /// A teacher's judgement of an attempt in one transaction (`PUT …/attempts/{attempt}/grade`):
    /// counts it or not when it is late (`countLate`), then grades its essays (`essays`, when given).
    /// Answers the `grade` payload with the attempt's `late` and `counted`.
    func gradeAttempt(
        _ record: AttemptRecord, quiz: Quiz, essays: (points: Double, scores: [String: Double])?, feedback: String?,
        countLate: Bool?, teacher: User
    ) throws -> JSONValue {
        try write { db in
            let now = nowMilliseconds()
            if let countLate {
                try Self.countLate(record, quiz: quiz, counted: countLate, teacher: teacher, at: now, in: db)
            }
            var payload: JSONValue
            if let essays {
                payload = try Self.recordAttemptGrade(
                    record, quiz: quiz, essayPoints: essays.points, scores: essays.scores, feedback: feedback,
                    teacher: teacher, at: now, in: db)
            } else {
                let current = try Self.attempt(record.id, courseID: record.courseID, in: db) ?? record
                let graded = try db.fetchOne(
                    "SELECT scores, feedback FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id])
                payload = Grading.gradePayload(
                    student: record.student.id, course: record.courseID, item: quiz.id, kind: "quiz",
                    target: ("attempt", record.id), points: current.points, maxPoints: current.maxPoints,
                    scores: Self.decodeScores(graded?.string("scores")), feedback: graded?.string("feedback"),
                    teacher: teacher, at: now)
            }
            let counted = try record.late == nil || Self.lateIsCounted(record.id, in: db)
            var members = payload.objectMembers ?? []
            members.append((key: "late", value: JSONOut.b(record.late != nil)))
            members.append((key: "counted", value: JSONOut.b(counted)))
            return JSONValue(.object(members))
        }
    }

    /// Whether a teacher counted the late attempt `attemptID`, in `db`'s transaction.
    static func lateIsCounted(_ attemptID: String, in db: Database) throws -> Bool {
        try db.fetchOne("SELECT 1 FROM counted_late_attempts WHERE attempt_id = ?", arguments: [attemptID]) != nil
    }

    /// Counts the late attempt in the gradebook (`counted`), or stops counting it, in `db`'s
    /// transaction, and publishes its `attemptResult` again with `counted` so the student's devices
    /// update their grade. Returns false when nothing changed (the same decision again).
    @discardableResult
    static func countLate(
        _ record: AttemptRecord, quiz: Quiz, counted: Bool, teacher: User, at now: Int64, in db: Database
    ) throws -> Bool {
        if counted {
            try db.execute(
                """
                INSERT INTO counted_late_attempts(attempt_id, counted_by, counted_at) VALUES (?, ?, ?)
                ON CONFLICT(attempt_id) DO NOTHING
                """, arguments: [record.id, teacher.id, now])
        } else {
            try db.execute("DELETE FROM counted_late_attempts WHERE attempt_id = ?", arguments: [record.id])
        }
        guard db.changes == 1 else { return false }
        let current = try Self.attempt(record.id, courseID: record.courseID, in: db) ?? record
        let graded = try db.fetchOne("SELECT scores FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id])
            .map { decodeScores($0.string("scores")) }
        let result = Grading.regradedResult(
            current, quiz: quiz, scores: current.awaitingTeacher ? nil : graded ?? [:], total: current.points,
            late: current.late, counted: counted, reviewOpen: try reviewIsOpen(quiz, courseID: record.courseID, in: db))
        try WorkStore.keepFullResult(result.full, attemptID: record.id, in: db)
        try ChangelogStore.appendChange(
            kind: "attemptResult", entity: record.id, userID: record.student.id, courseID: record.courseID,
            encodedPayload: result.published, in: db)
        return true
    }
}
