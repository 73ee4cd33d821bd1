import Foundation
import LMSDatabase
import LMSModel

/// A teacher's grade of one assignment for one student (table `grades`).
struct GradeRecord: Sendable {
    var userID: String
    var courseID: String
    var itemID: String
    /// The submission graded.
    var submissionID: String
    var points: Double
    var maxPoints: Double
    /// Rubric criterion → points.
    var scores: [String: Double]
    var feedback: String?
    var gradedBy: String
    var gradedAt: Int64
}

/// One entry of a grade's history: who changed it, when, from what to what.
struct GradeChange: Sendable {
    var userID: String
    /// The student's username (filled when read back).
    var student = ""
    var itemID: String
    /// The submission or attempt graded.
    var targetID: String
    var oldPoints: Double?
    var newPoints: Double
    var oldFeedback: String?
    var newFeedback: String?
    var scores: [String: Double]
    var changedBy: String
    var changedAt: Int64
}

/// Grades, their history, essay grading of attempts, and certificates: the only writer of
/// `grades`, `grade_history`, `attempt_grades` and `certificates`.
struct GradingStore: AreaStore {
    let queue: DatabaseQueue

    // MARK: - Recording grades

    /// Records a teacher's grade of a submission (`record(_:teacher:in:)`) in one transaction.
    func record(_ grade: GradeRecord, teacher: User) throws -> JSONValue {
        try write { db in try Self.record(grade, teacher: teacher, in: db) }
    }

    /// Saves a grade with its history and the student's `grade` change, in `db`'s transaction; returns the change's payload.
    @discardableResult
    static func record(_ grade: GradeRecord, teacher: User, in db: Database) throws -> JSONValue {
        let payload = Grading.gradePayload(
            student: grade.userID, course: grade.courseID, item: grade.itemID, kind: "assignment",
            target: ("submission", grade.submissionID), points: grade.points, maxPoints: grade.maxPoints,
            scores: grade.scores, feedback: grade.feedback, teacher: teacher, at: grade.gradedAt)
        try Self.saveGrade(grade, in: db)
        try ChangelogStore.appendChange(
            kind: "grade", entity: "\(grade.userID)/\(grade.courseID)/\(grade.itemID)", userID: grade.userID,
            courseID: grade.courseID, payload: payload, in: db)
        return payload
    }

    /// Records a teacher's essay scores of an attempt (`recordAttemptGrade(…in:)`) in one transaction.
    func recordAttemptGrade(
        _ record: AttemptRecord, quiz: Quiz, essayPoints: Double, scores: [String: Double], feedback: String?,
        teacher: User
    ) throws -> JSONValue {
        try write { db in
            try Self.recordAttemptGrade(
                record, quiz: quiz, essayPoints: essayPoints, scores: scores, feedback: feedback, teacher: teacher,
                at: nowMilliseconds(), in: db)
        }
    }

    /// Records essay scores in `db`'s transaction: the attempt's score becomes its automatic points plus
    /// these, with history, an `attemptResult` and a `grade` change for the student; returns the grade's payload.
    @discardableResult
    static func recordAttemptGrade(
        _ record: AttemptRecord, quiz: Quiz, essayPoints: Double, scores: [String: Double], feedback: String?,
        teacher: User, at now: Int64, in db: Database
    ) throws -> JSONValue {
        let current =
            try db.fetchScalar(Double.self, "SELECT points FROM attempts WHERE id = ?", arguments: [record.id])
            ?? record.points
        let auto =
            try db.fetchScalar(
                Double.self, "SELECT auto_points FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id])
            ?? current
        let total = auto + essayPoints
        try WorkStore.setAttemptScore(record.id, points: total, in: db)
        try db.execute(
            """
            INSERT INTO attempt_grades(attempt_id, auto_points, scores, feedback, graded_by, graded_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(attempt_id) DO UPDATE SET scores = excluded.scores, feedback = excluded.feedback, graded_by = excluded.graded_by,
                graded_at = excluded.graded_at
            """, arguments: [record.id, auto, Self.encodeScores(scores), feedback, teacher.id, now])
        let oldFeedback = try db.fetchScalar(
            String.self, "SELECT new_feedback FROM grade_history WHERE target_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [record.id])
        try Self.addHistory(
            GradeChange(
                userID: record.student.id, itemID: quiz.id, targetID: record.id, oldPoints: current,
                newPoints: total, oldFeedback: oldFeedback, newFeedback: feedback, scores: scores,
                changedBy: teacher.id, changedAt: now), courseID: record.courseID, in: db)
        let reviewOpen = try Self.reviewIsOpen(quiz, courseID: record.courseID, in: db)
        let late = try db.fetchScalar(String.self, "SELECT late FROM attempts WHERE id = ?", arguments: [record.id])
        let counted = try late == nil || Self.lateIsCounted(record.id, in: db)
        let result = Grading.regradedResult(
            record, quiz: quiz, scores: scores, total: total, late: late, counted: counted, reviewOpen: reviewOpen)
        try WorkStore.keepFullResult(result.full, attemptID: record.id, in: db)
        try ChangelogStore.appendChange(
            kind: "attemptResult", entity: record.id, userID: record.student.id, courseID: record.courseID,
            encodedPayload: result.published, in: db)
        let makePayload = { (scores: [String: Double], feedback: String?) in
            Grading.gradePayload(
                student: record.student.id, course: record.courseID, item: quiz.id, kind: "quiz",
                target: ("attempt", record.id), points: total, maxPoints: record.maxPoints, scores: scores,
                feedback: feedback, teacher: teacher, at: now)
        }
        // Until the quiz's review opens, the student's copy carries no marks (Grading.withheldGrade).
        let full = makePayload(scores, feedback)
        try ChangelogStore.appendChange(
            kind: "grade", entity: "\(record.student.id)/\(record.courseID)/\(quiz.id)/\(record.id)",
            userID: record.student.id, courseID: record.courseID,
            payload: reviewOpen ? full : Grading.withheldGrade(full), in: db)
        return full
    }

    /// A teacher's essay scores and feedback of an attempt, when graded.
    func essayGrade(attemptID: String) throws -> (scores: [String: Double], feedback: String?)? {
        try read { db in
            try db.fetchOne("SELECT scores, feedback FROM attempt_grades WHERE attempt_id = ?", arguments: [attemptID])
                .map { (Self.decodeScores($0.string("scores")), $0.string("feedback")) }
        }
    }

    /// A student's grade of one item.
    func grade(courseID: String, userID: String, itemID: String) throws -> GradeRecord? {
        try read { db in try Self.grade(courseID: courseID, userID: userID, itemID: itemID, in: db) }
    }

    /// The student's latest submission of an assignment (`latestSubmissionID(…in:)`).
    func latestSubmissionID(userID: String, courseID: String, assignmentIDs: [String]) throws -> String? {
        try read { db in
            try Self.latestSubmissionID(userID: userID, courseID: courseID, assignmentIDs: assignmentIDs, in: db)
        }
    }

    /// A student's feedback in a course by item id.
    func feedback(courseID: String, userID: String) throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            try db.forEach(
                "SELECT item_id, feedback FROM grades WHERE course_id = ? AND user_id = ? AND feedback IS NOT NULL",
                arguments: [courseID, userID]
            ) { c in out[c.string(at: 0)] = c.string(at: 1) }
            return out
        }
    }

    // MARK: - Assignment grades

    static func grade(from row: Row) -> GradeRecord {
        GradeRecord(
            userID: row.string("user_id") ?? "", courseID: row.string("course_id") ?? "",
            itemID: row.string("item_id") ?? "",
            submissionID: row.string("submission_id") ?? "", points: row.double("points") ?? 0,
            maxPoints: row.double("max_points") ?? 0,
            scores: decodeScores(row.string("scores")), feedback: row.string("feedback"),
            gradedBy: row.string("graded_by") ?? "",
            gradedAt: row.int64("graded_at") ?? 0)
    }

    /// When an attempt's essays were last graded, or nil when they were not.
    static func attemptGradedAt(_ attemptID: String, in db: Database) throws -> Int64? {
        try db.fetchScalar(
            Int64.self, "SELECT graded_at FROM attempt_grades WHERE attempt_id = ?", arguments: [attemptID])
    }

    /// The current grade of an item for a student.
    static func grade(courseID: String, userID: String, itemID: String, in db: Database) throws -> GradeRecord? {
        try db.fetchOne(
            "SELECT * FROM grades WHERE course_id = ? AND user_id = ? AND item_id = ?",
            arguments: [courseID, userID, itemID]
        )
        .map(grade)
    }

    /// The student's latest submission of an assignment (under any of `assignmentIDs`), in the
    /// grading queue's order: submission time, then version, then id.
    static func latestSubmissionID(userID: String, courseID: String, assignmentIDs: [String], in db: Database) throws
        -> String?
    {
        try db.fetchScalar(
            String.self,
            """
            SELECT id FROM submissions WHERE user_id = ?1 AND course_id = ?2 AND assignment_id IN (SELECT value FROM json_each(?3))
            ORDER BY submitted_at DESC, version DESC, id DESC LIMIT 1
            """,
            arguments: [
                userID, courseID, JSONWriter.write(JSONOut.arr(assignmentIDs.map { JSONOut.s($0) }))
            ])
    }

    /// Why a grade of `record` made at `gradedAt` must not replace the item's current grade (one made
    /// later, or one of a later submission), or nil when it may. Offline grading arrives late: the
    /// newest grading of the newest work wins, not the last to reach the server.
    static func newerGrade(than record: SubmissionRecord, itemID: String, gradedAt: Int64, in db: Database) throws
        -> String?
    {
        guard let current = try grade(courseID: record.courseID, userID: record.student.id, itemID: itemID, in: db)
        else { return nil }
        if current.submissionID != record.id,
            let graded = try submission(current.submissionID, courseID: record.courseID, in: db),
            (record.submittedAt, record.version, record.id) < (graded.submittedAt, graded.version, graded.id)
        {
            return
                "\(itemID): \(record.id) is older than \(graded.id), which has a grade already; this grade was not applied"
        }
        if current.gradedAt > gradedAt {
            return
                "\(itemID): \(current.submissionID) was graded again after this grade was made; this grade was not applied"
        }
        return nil
    }

    /// Records a grade, its history entry and the `grade` change for the student, in `db`'s transaction.
    static func saveGrade(_ grade: GradeRecord, in db: Database) throws {
        let old = try Self.grade(courseID: grade.courseID, userID: grade.userID, itemID: grade.itemID, in: db)
        try db.execute(
            """
            INSERT INTO grades(user_id, course_id, item_id, submission_id, points, max_points, scores, feedback, graded_by, graded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(course_id, user_id, item_id) DO UPDATE SET submission_id = excluded.submission_id, points = excluded.points,
                max_points = excluded.max_points, scores = excluded.scores, feedback = excluded.feedback,
                graded_by = excluded.graded_by, graded_at = excluded.graded_at
            """,
            arguments: [
                grade.userID, grade.courseID, grade.itemID, grade.submissionID, grade.points, grade.maxPoints,
                encodeScores(grade.scores), grade.feedback, grade.gradedBy, grade.gradedAt
            ])
        try addHistory(
            GradeChange(
                userID: grade.userID, itemID: grade.itemID, targetID: grade.submissionID, oldPoints: old?.points,
                newPoints: grade.points, oldFeedback: old?.feedback, newFeedback: grade.feedback, scores: grade.scores,
                changedBy: grade.gradedBy, changedAt: grade.gradedAt), courseID: grade.courseID, in: db)
    }

    static func addHistory(_ change: GradeChange, courseID: String, in db: Database) throws {
        try db.execute(
            """
            INSERT INTO grade_history(course_id, user_id, item_id, target_id, old_points, new_points, old_feedback, new_feedback,
                                      scores, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                courseID, change.userID, change.itemID, change.targetID, change.oldPoints, change.newPoints,
                change.oldFeedback, change.newFeedback, encodeScores(change.scores), change.changedBy, change.changedAt
            ])
    }

    /// The history of a course's grades, oldest first, optionally of one student and one item.
    func gradeHistory(courseID: String, userID: String?, itemID: String?) throws -> [GradeChange] {
        try read { db in
            try db.fetchAll(
                """
                SELECT h.*, u.username AS changed_by_name, s.username AS student_name FROM grade_history h
                LEFT JOIN users u ON u.id = h.changed_by LEFT JOIN users s ON s.id = h.user_id
                WHERE h.course_id = ?1 AND (?2 IS NULL OR h.user_id = ?2) AND (?3 IS NULL OR h.item_id = ?3) ORDER BY h.id
                """, arguments: [courseID, userID, itemID]
            ).map { row in
                GradeChange(
                    userID: row.string("user_id") ?? "", student: row.string("student_name") ?? "",
                    itemID: row.string("item_id") ?? "", targetID: row.string("target_id") ?? "",
                    oldPoints: row.double("old_points"), newPoints: row.double("new_points") ?? 0,
                    oldFeedback: row.string("old_feedback"), newFeedback: row.string("new_feedback"),
                    scores: Self.decodeScores(row.string("scores")),
                    changedBy: row.string("changed_by_name") ?? row.string("changed_by") ?? "",
                    changedAt: row.int64("changed_at") ?? 0)
            }
        }
    }

    // MARK: - Scores as JSON

    static func encodeScores(_ scores: [String: Double]) -> String {
        JSONWriter.write(
            JSONValue(
                .object(scores.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONOut.n($0.value)) })))
    }

    static func decodeScores(_ text: String?) -> [String: Double] {
        var out: [String: Double] = [:]
        for member in (try? JSONParser.parse(text ?? "{}"))?.objectMembers ?? [] {
            if let n = member.value.numberValue { out[member.key] = n }
        }
        return out
    }

    // MARK: - Certificates

    /// A certificate by its code.
    func certificate(code: String) throws -> Certificate? {
        try read { db in
            try db.fetchOne("SELECT * FROM certificates WHERE code = ?", arguments: [code]).map(Self.certificate)
        }
    }

    /// A student's certificate of a course.
    func certificate(userID: String, courseID: String) throws -> Certificate? {
        try read { db in
            try db.fetchOne(
                "SELECT * FROM certificates WHERE user_id = ? AND course_id = ?", arguments: [userID, courseID]
            ).map(Self.certificate)
        }
    }

    static func certificate(from row: Row) -> Certificate {
        Certificate(
            code: row.string("code") ?? "", name: row.string("name") ?? "", courseID: row.string("course_id") ?? "",
            courseTitle: row.string("course_title") ?? "",
            issuedAt: Date(timeIntervalSince1970: Double(row.int64("issued_at") ?? 0) / 1000))
    }

    /// Stores a certificate and tells the student's devices (`certificate` change); an existing one of
    /// the same student and course wins (two requests at once make one certificate).
    func issue(_ certificate: Certificate, userID: String) throws -> Certificate {
        try write { db in
            if let existing = try db.fetchOne(
                "SELECT * FROM certificates WHERE user_id = ? AND course_id = ?",
                arguments: [userID, certificate.courseID]
            ).map(Self.certificate) {
                return existing
            }
            let issued = Int64((certificate.issuedAt.timeIntervalSince1970 * 1000).rounded())
            try db.execute(
                "INSERT INTO certificates(code, user_id, course_id, name, course_title, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    certificate.code, userID, certificate.courseID, certificate.name, certificate.courseTitle, issued
                ])
            try ChangelogStore.appendChange(
                kind: "certificate", entity: "\(userID)/\(certificate.courseID)", userID: userID,
                courseID: certificate.courseID,
                payload: JSONOut.obj([
                    ("user", JSONOut.s(userID)), ("course", JSONOut.s(certificate.courseID)),
                    ("code", JSONOut.s(certificate.code)), ("name", JSONOut.s(certificate.name)),
                    ("title", JSONOut.s(certificate.courseTitle)), ("issuedAt", JSONOut.n(issued))
                ]), in: db)
            return certificate
        }
    }

    /// Whether the student may have completed the course: a teacher recorded completion, or at least as
    /// many lessons are completed as the course has (a pre-check with no false negative, before the
    /// gradebook decides exactly).
    func mayHaveCompleted(userID: String, courseID: String, lessonCount: Int) throws -> Bool {
        try read { db in
            if try db.fetchScalar(
                Int.self, "SELECT completed_at IS NOT NULL FROM enrollments WHERE user_id = ? AND course_id = ?",
                arguments: [userID, courseID]) == 1
            {
                return true
            }
            let done =
                try db.fetchScalar(
                    Int.self, "SELECT count(*) FROM progress WHERE user_id = ? AND course_id = ? AND completed = 1",
                    arguments: [userID, courseID]) ?? 0
            return done >= lessonCount
        }
    }
}
