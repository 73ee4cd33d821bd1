import Foundation
import LMSDatabase
import LMSModel

/// The queries behind `progress`, `grades` and `due`: one profile's lessons, scores and open work.
/// Read-only; the tables belong to `ProgressStore`, `AttemptStore`, `SubmissionStore` and sync.
struct ReportStore {
    let queue: DatabaseQueue

    /// A module's lessons and how many are done.
    struct ModuleProgress: Equatable {
        var id: String
        var title: String
        var lessons: Int
        var done: Int
    }

    /// A quiz scored on this device (practice), awaiting the server (exam), or handed in with its
    /// marks withheld until the teacher releases the review (`withheld`: no points).
    struct LocalResult: Equatable {
        var courseID: String
        var quizID: String
        var awaiting: Bool
        var withheld: Bool = false
        var points: Double
        var maxPoints: Double
        /// Late and not counted (docs/PROTOCOL.md §8): it counts only if a teacher counts it.
        var late: Bool = false
        /// Scored here without its essays, which wait for a teacher's grade: the score is provisional.
        var essaysPending: Bool = false
    }

    /// A grade from the server.
    struct ServerGrade: Equatable {
        var courseID: String
        var itemID: String
        var points: Double
        var maxPoints: Double
        var feedback: String?
    }

    /// An assignment with a due date and no submission yet.
    struct DueItem: Equatable {
        var courseID: String
        var assignmentID: String
        var title: String
        var due: Date
    }

    /// The course's modules in order with their lessons done, and the seconds spent on its lessons.
    func moduleProgress(profileID: String, courseID: String) throws -> (modules: [ModuleProgress], seconds: Int) {
        var modules: [ModuleProgress] = []
        var seconds = 0
        try queue.read { db in
            try db.forEach(
                """
                SELECT i.module_id, i.module_title, p.completed, p.total_seconds FROM course_items i
                LEFT JOIN progress p ON p.profile_id = ? AND p.course_id = i.course_id AND p.lesson_id = i.item_id
                WHERE i.course_id = ? AND i.kind = 'lesson' AND i.removed = 0 ORDER BY i.position
                """, arguments: [profileID, courseID]
            ) { c in
                let id = c.string(at: 0)
                if modules.last?.id != id {
                    modules.append(ModuleProgress(id: id, title: c.string(at: 1), lessons: 0, done: 0))
                }
                modules[modules.count - 1].lessons += 1
                if c.int(at: 2) != 0 { modules[modules.count - 1].done += 1 }
                seconds += c.int(at: 3)
            }
        }
        return (modules, seconds)
    }

    /// Whether an attempt's score is provisional, its essays awaiting a teacher's grade (an SQL
    /// expression on `attempts`, 1 or 0): the server's word once its score of record is here
    /// (`awaiting_teacher`), the device's own grading (`awaitingManualGrading`) before.
    static let essaysPendingSQL = """
        (CASE WHEN server_scored = 1 THEN awaiting_teacher
              WHEN json_valid(result) THEN coalesce(json_extract(result, '$.awaitingManualGrading'), 0) ELSE 0 END)
        """

    /// Submitted attempts of quizzes the server has not graded yet (its grade stands for a quiz once it
    /// is here), oldest first; in one course, or all when `courseID` is nil.
    func localResults(profileID: String, courseID: String?) throws -> [LocalResult] {
        var results: [LocalResult] = []
        try queue.read { db in
            try db.forEach(
                """
                SELECT course_id, quiz_id, status, points, max_points, late, \(Self.essaysPendingSQL)
                FROM attempts
                WHERE profile_id = ?1 AND status <> 'draft' AND (?2 IS NULL OR course_id = ?2)
                  AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.profile_id = attempts.profile_id AND g.course_id = attempts.course_id
                                  AND g.item_id = attempts.quiz_id)
                ORDER BY submitted_at
                """, arguments: [profileID, courseID]
            ) { c in
                results.append(
                    LocalResult(
                        courseID: c.string(at: 0), quizID: c.string(at: 1), awaiting: c.string(at: 2) == "awaiting",
                        withheld: c.string(at: 2) == "withheld",
                        points: c.double(at: 3), maxPoints: c.double(at: 4), late: c.int(at: 5) != 0,
                        essaysPending: c.int(at: 6) != 0))
            }
        }
        return results
    }

    /// The server's grades, oldest first; in one course, or all when `courseID` is nil.
    func serverGrades(profileID: String, courseID: String?) throws -> [ServerGrade] {
        var grades: [ServerGrade] = []
        try queue.read { db in
            try db.forEach(
                """
                SELECT course_id, item_id, points, max_points, feedback FROM grades
                WHERE profile_id = ?1 AND (?2 IS NULL OR course_id = ?2) ORDER BY graded_at
                """, arguments: [profileID, courseID]
            ) { c in
                grades.append(
                    ServerGrade(
                        courseID: c.string(at: 0), itemID: c.string(at: 1), points: c.double(at: 2),
                        maxPoints: c.double(at: 3), feedback: c.isNull(at: 4) ? nil : c.string(at: 4)))
            }
        }
        return grades
    }

    /// Assignments with a due date that the profile has not submitted, soonest first.
    func dueWork(profileID: String) throws -> [DueItem] {
        var items: [DueItem] = []
        try queue.read { db in
            try db.forEach(
                """
                SELECT i.course_id, i.item_id, i.title, i.due FROM course_items i
                WHERE i.kind = 'assignment' AND i.removed = 0 AND i.due IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.profile_id = ? AND s.course_id = i.course_id
                                  AND s.assignment_id = i.item_id)
                ORDER BY i.due
                """, arguments: [profileID]
            ) { c in
                items.append(
                    DueItem(
                        courseID: c.string(at: 0), assignmentID: c.string(at: 1), title: c.string(at: 2),
                        due: Date(timeIntervalSince1970: Double(c.int64(at: 3)) / 1000)))
            }
        }
        return items
    }
}
