import Foundation
import LMSDatabase
import LMSModel

/// What the certificate rules ask about marks withheld from students until a quiz's review
/// (`GradingStore+Review`): reads only.
extension GradingStore {
    /// The quizzes of `courseID` whose marks are withheld from `userID` now (an attempt's full result
    /// kept and the review not released), sorted. The certificate waits for an `afterClose` one's
    /// release and never shows the grade that a `never` one makes (docs/PROTOCOL.md §8 "Review").
    func withheldQuizzes(userID: String, courseID: String) throws -> [String] {
        try read { db in
            var quizzes: [String] = []
            try db.forEach(
                """
                SELECT DISTINCT a.quiz_id FROM attempts a
                WHERE a.user_id = ? AND a.course_id = ? AND a.full_result IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM quiz_reviews r WHERE r.course_id = a.course_id AND r.quiz_id = a.quiz_id)
                ORDER BY a.quiz_id
                """, arguments: [userID, courseID]
            ) { c in quizzes.append(c.string(at: 0)) }
            return quizzes
        }
    }

    /// The students with an attempt at `quizID` in `courseID` (whose certificate a release may earn).
    func students(attemptingQuiz quizID: String, courseID: String) throws -> [String] {
        try read { db in
            var users: [String] = []
            try db.forEach(
                "SELECT DISTINCT user_id FROM attempts WHERE course_id = ? AND quiz_id = ? ORDER BY user_id",
                arguments: [courseID, quizID]
            ) { c in users.append(c.string(at: 0)) }
            return users
        }
    }
}
