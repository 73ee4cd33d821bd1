import Foundation
import LMSDatabase
import LMSModel

/// The review of quiz attempts (docs/COURSE-FORMAT.md "review", docs/PROTOCOL.md §8 "Review"):
/// whether students see the marks of their attempts, and a teacher's release of a quiz's review.
/// Until it opens, an attempt's full result (`attemptResult` with `points` and `questions`) is kept
/// in `attempts.full_result` for the teachers' reports, and students pull no marks at all.
extension GradingStore {
    /// Whether students of `courseID` see the per-question result of `quiz` now: at once for
    /// `afterAttempt`, after a teacher's release for `afterClose`, never for `never`.
    static func reviewIsOpen(_ quiz: Quiz, courseID: String, in db: Database) throws -> Bool {
        switch quiz.reviewPolicy {
        case .afterAttempt: return true
        case .never: return false
        case .afterClose:
            return try db.cachedStatement(sql: "SELECT 1 FROM quiz_reviews WHERE course_id = ? AND quiz_id = ?")
                .fetchOne(arguments: [courseID, quiz.id]) != nil
        }
    }

    /// The teacher's grade of an attempt's essays, published again with its scores and feedback
    /// (withheld from the student until the review opened), when there is one.
    private static func republishGrade(
        attemptID: String, student: String, courseID: String, quiz: Quiz, in db: Database
    ) throws {
        guard
            let row = try db.fetchOne(
                """
                SELECT g.scores, g.feedback, g.graded_at, a.points, a.max_points, u.id AS teacher_id, u.username,
                       u.display_name, u.role
                FROM attempt_grades g JOIN attempts a ON a.id = g.attempt_id JOIN users u ON u.id = g.graded_by
                WHERE g.attempt_id = ?
                """, arguments: [attemptID])
        else { return }
        let teacher = User(
            id: row.string("teacher_id") ?? "", username: row.string("username") ?? "",
            displayName: row.string("display_name") ?? "", role: .teacher)
        let payload = Grading.gradePayload(
            student: student, course: courseID, item: quiz.id, kind: "quiz", target: ("attempt", attemptID),
            points: row.double("points") ?? 0, maxPoints: row.double("max_points") ?? 0,
            scores: decodeScores(row.string("scores")), feedback: row.string("feedback"), teacher: teacher,
            at: row.int64("graded_at") ?? 0)
        try ChangelogStore.appendChange(
            kind: "grade", entity: "\(student)/\(courseID)/\(quiz.id)/\(attemptID)", userID: student,
            courseID: courseID, payload: payload, in: db)
    }

    /// Opens the review of `quiz` (an `afterClose` quiz) in `courseID`: records the release and
    /// publishes the full result of each of its attempts that was withheld, so students pull it.
    /// Returns how many results were published; releasing twice publishes nothing more.
    func releaseReview(courseID: String, quiz: Quiz, by teacher: User, at now: Int64) throws -> Int {
        try write { db in
            try db.execute(
                """
                INSERT INTO quiz_reviews(course_id, quiz_id, released_by, released_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(course_id, quiz_id) DO NOTHING
                """, arguments: [courseID, quiz.id, teacher.id, now])
            guard db.changes == 1 else { return 0 }
            var results: [(id: String, user: String, frame: Data)] = []
            try db.forEach(
                """
                SELECT id, user_id, full_result FROM attempts
                WHERE course_id = ? AND quiz_id = ? AND full_result IS NOT NULL ORDER BY received_at, id
                """, arguments: [courseID, quiz.id]
            ) { c in results.append((c.string(at: 0), c.string(at: 1), c.data(at: 2))) }
            for result in results {
                try ChangelogStore.appendChange(
                    kind: "attemptResult", entity: result.id, userID: result.user, courseID: courseID,
                    encodedPayload: result.frame, in: db)
                try Self.republishGrade(
                    attemptID: result.id, student: result.user, courseID: courseID, quiz: quiz, in: db)
            }
            return results.count
        }
    }
}
