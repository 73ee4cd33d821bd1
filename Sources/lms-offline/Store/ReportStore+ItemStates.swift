import Foundation
import LMSDatabase
import LMSModel

/// The queries behind `ItemStates` and `NextStep`: where one profile stands on each item of a
/// course, and which course it worked on last.
extension ReportStore {
    /// The states of `profileID` in `courseID`: each lesson opened (done, seconds), each quiz tried
    /// (attempts handed in, best and maximum points, awaiting the server, a draft open, marks
    /// withheld, whether the best is provisional), each
    /// assignment submitted (its latest version).
    func itemStates(profileID: String, courseID: String) throws -> ItemStates {
        var states = ItemStates()
        try queue.read { db in
            try db.forEach(
                "SELECT lesson_id, completed, total_seconds FROM progress WHERE profile_id = ? AND course_id = ?",
                arguments: [profileID, courseID]
            ) { c in
                states.lessons[c.string(at: 0)] = (c.int(at: 1) != 0, c.int(at: 2))
            }
            try db.forEach(
                """
                SELECT quiz_id, sum(status <> 'draft'), max(CASE WHEN \(Self.essaysPendingSQL) THEN NULL ELSE points END),
                       max(max_points), sum(status = 'awaiting'), sum(status = 'draft'), sum(status = 'withheld'),
                       max(CASE WHEN \(Self.essaysPendingSQL) THEN points END)
                FROM attempts WHERE profile_id = ? AND course_id = ? GROUP BY quiz_id
                """, arguments: [profileID, courseID]
            ) { c in
                // The best final score; with none, the best provisional one (essays awaiting a teacher), said so.
                let final = c.isNull(at: 2) ? nil : c.double(at: 2)
                let soFar = c.isNull(at: 7) ? nil : c.double(at: 7)
                states.quizzes[c.string(at: 0)] = (
                    c.int(at: 1), final ?? soFar, c.isNull(at: 3) ? nil : c.double(at: 3), c.int(at: 4),
                    c.int(at: 5) > 0,
                    c.int(at: 6), final == nil && soFar != nil
                )
            }
            try db.forEach(
                "SELECT assignment_id, max(version) FROM submissions WHERE profile_id = ? AND course_id = ? GROUP BY assignment_id",
                arguments: [profileID, courseID]
            ) { c in
                states.submissions[c.string(at: 0)] = c.int(at: 1)
            }
        }
        return states
    }

    /// The course `profileID` worked on last (read a lesson, started a quiz, submitted work), or nil.
    func lastWorkedCourse(profileID: String) throws -> String? {
        try queue.read { db in
            try db.fetchScalar(
                String.self,
                """
                SELECT course_id FROM (
                  SELECT course_id, updated_at AS t FROM progress WHERE profile_id = ?1
                  UNION ALL SELECT course_id, started_at FROM attempts WHERE profile_id = ?1
                  UNION ALL SELECT course_id, submitted_at FROM submissions WHERE profile_id = ?1)
                ORDER BY t DESC LIMIT 1
                """, arguments: [profileID])
        }
    }
}
