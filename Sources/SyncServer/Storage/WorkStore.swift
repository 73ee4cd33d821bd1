import Foundation
import LMSDatabase
import LMSModel

/// The students' work as devices push it: the only writer of `progress`, `attempts` and
/// `submissions` (an attempt is one row, which the pull splices into its change; its score after
/// essay grading is set here too, for `GradingStore`). Its methods run
/// inside the push's one transaction (`SyncIngest.run`) on statements cached by their SQL text,
/// so a push costs the same statements it always did.
enum WorkStore {
    /// A new attempt's row (`attempts`), as the push graded it.
    struct NewAttempt {
        var id: String
        var userID: String
        var courseID: String
        var courseVersion: String
        var quizID: String
        var startedAt: Int64?
        var submittedAt: Int64?
        /// The attempt's payload frame, with its owner's id.
        var payload: Data
        var points: Double
        var maxPoints: Double
        var awaitingTeacher: Bool
        var receivedAt: Int64
        /// Why the attempt is late, or nil when it is on time.
        var late: String?
    }

    /// A new submission's row (`submissions`).
    struct NewSubmission {
        var id: String
        var userID: String
        var courseID: String
        var assignmentID: String
        var version: Int64
        /// The pushed payload's frame.
        var payload: Data
        var submittedAt: Int64
        var receivedAt: Int64
        var late: Bool
    }

    // MARK: - Progress

    /// A user's stored progress in one lesson, or nil when there is none.
    static func progress(userID: String, courseID: String, lessonID: String, in db: Database) throws
        -> LMSModel.Progress?
    {
        let row = try db.cachedStatement(
            sql:
                "SELECT completed, seconds, last_opened_at FROM progress WHERE user_id = ? AND course_id = ? AND lesson_id = ?"
        )
        .fetchOne(arguments: StatementArguments([.text(userID), .text(courseID), .text(lessonID)]))
        return row.map { r -> LMSModel.Progress in
            var p = LMSModel.Progress(
                userID: userID, courseID: courseID, lessonID: lessonID, completed: (r.int64("completed") ?? 0) != 0)
            for m in (try? JSONParser.parse(r.string("seconds") ?? "{}"))?.objectMembers ?? [] {
                p.secondsByDevice[m.key] = Int(m.value.int(in: WireBounds.lessonSeconds) ?? 0)
            }
            p.lastOpenedAt = r.int64("last_opened_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }
            return p
        }
    }

    /// Stores `progress` (inserted or replaced): `seconds` is its seconds by device as JSON text,
    /// `lastOpenedAt` in milliseconds.
    static func saveProgress(
        _ progress: LMSModel.Progress, seconds: String, lastOpenedAt: Int64?, now: Int64, in db: Database
    ) throws {
        let opened: DatabaseValue = lastOpenedAt.map { .integer($0) } ?? .null
        try db.cachedStatement(
            sql: """
                INSERT INTO progress(user_id, course_id, lesson_id, completed, seconds, last_opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(user_id, course_id, lesson_id) DO UPDATE SET completed = excluded.completed, seconds = excluded.seconds,
                       last_opened_at = excluded.last_opened_at, updated_at = excluded.updated_at
                """
        ).execute(
            arguments: StatementArguments([
                .text(progress.userID), .text(progress.courseID), .text(progress.lessonID),
                .integer(progress.completed ? 1 : 0), .text(seconds),
                opened, .integer(now)
            ]))
    }

    // MARK: - Attempts

    /// Who made the attempt `id`, or nil when there is no such attempt.
    static func attemptOwner(_ id: String, in db: Database) throws -> String? {
        try db.cachedStatement(sql: "SELECT user_id FROM attempts WHERE id = ?")
            .fetchScalar(String.self, arguments: StatementArguments([.text(id)]))
    }

    /// How many attempts a user has made at one quiz.
    static func attemptCount(userID: String, courseID: String, quizID: String, in db: Database) throws -> Int64 {
        try db.cachedStatement(
            sql: "SELECT COUNT(*) FROM attempts WHERE user_id = ? AND course_id = ? AND quiz_id = ?"
        ).fetchScalar(Int64.self, arguments: [userID, courseID, quizID]) ?? 0
    }

    /// Inserts `attempt` unless its id is stored already; true when it was inserted.
    static func insertAttempt(_ attempt: NewAttempt, in db: Database) throws -> Bool {
        let started: DatabaseValue = attempt.startedAt.map { .integer($0) } ?? .null
        let submitted: DatabaseValue = attempt.submittedAt.map { .integer($0) } ?? .null
        let late: DatabaseValue = attempt.late.map { .text($0) } ?? .null
        try db.cachedStatement(
            sql: """
                INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, started_at, submitted_at, payload, points, max_points,
                                     awaiting_teacher, received_at, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO NOTHING
                """
        ).execute(
            arguments: StatementArguments([
                .text(attempt.id), .text(attempt.userID), .text(attempt.courseID), .text(attempt.courseVersion),
                .text(attempt.quizID), started, submitted, .blob(attempt.payload),
                .real(attempt.points), .real(attempt.maxPoints), .integer(attempt.awaitingTeacher ? 1 : 0),
                .integer(attempt.receivedAt), late
            ]))
        return db.changes == 1
    }

    /// Sets an attempt's score after a teacher graded its essays (`GradingStore.recordAttemptGrade`).
    static func setAttemptScore(_ id: String, points: Double, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE attempts SET points = ?, awaiting_teacher = 0 WHERE id = ?")
            .execute(arguments: [points, id])
    }

    /// Keeps an attempt's full result (its latest grading) while its review is withheld, for the
    /// teachers' reports and the release (`GradingStore.releaseReview`).
    static func keepFullResult(_ result: Data, attemptID: String, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE attempts SET full_result = ? WHERE id = ?")
            .execute(arguments: [result, attemptID])
    }

    // MARK: - Submissions

    /// Who made the submission `id`, or nil when there is no such submission.
    static func submissionOwner(_ id: String, in db: Database) throws -> String? {
        try db.cachedStatement(sql: "SELECT user_id FROM submissions WHERE id = ?").fetchScalar(
            String.self, arguments: [id])
    }

    /// Inserts a new submission.
    static func insertSubmission(_ submission: NewSubmission, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO submissions(id, user_id, course_id, assignment_id, version, payload, submitted_at, received_at, late)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            submission.id, submission.userID, submission.courseID, submission.assignmentID, submission.version,
            submission.payload, submission.submittedAt, submission.receivedAt, submission.late
        ])
    }
}
