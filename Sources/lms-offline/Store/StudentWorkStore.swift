import Foundation
import LMSDatabase
import LMSModel

/// The students' work a teacher's device pulled (table `student_work`, written by `ChangeApplier`),
/// read for offline grading.
struct StudentWorkStore {
    let queue: DatabaseQueue
    let profileID: String

    /// What an offline grade is of.
    enum Target: String { case submission, attempt }

    /// A piece of work waiting for a grade.
    struct Entry: Equatable {
        var kind: Target
        var id: String
        var user: String
        var item: String
        var submitted: Date
    }

    /// The latest submission of each student and assignment in a course that is graded neither on this
    /// device (a grade in the outbox) nor by the server (a pulled grade of that submission), oldest first.
    func ungradedSubmissions(courseID: String) throws -> [Entry] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT w.entity, w.user_id, w.item_id, w.submitted_at FROM student_work w
                WHERE w.profile_id = ?1 AND w.course_id = ?2 AND w.kind = 'submission'
                  AND NOT EXISTS (SELECT 1 FROM student_work n WHERE n.profile_id = w.profile_id AND n.kind = 'submission'
                                  AND n.course_id = w.course_id AND n.user_id = w.user_id AND n.item_id = w.item_id
                                  AND (n.submitted_at > w.submitted_at OR (n.submitted_at = w.submitted_at AND n.entity > w.entity)))
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.profile_id = w.profile_id AND o.kind = 'grade'
                                  AND o.entity_id LIKE 'submission/' || w.entity || '/%')
                  AND NOT EXISTS (SELECT 1 FROM student_work g WHERE g.profile_id = w.profile_id AND g.kind = 'grade'
                                  AND g.course_id = w.course_id AND g.user_id = w.user_id AND g.item_id = w.item_id
                                  AND json_extract(g.payload, '$.submission') = w.entity)
                ORDER BY w.submitted_at, w.entity
                """, arguments: [profileID, courseID]
            ).map {
                Entry(
                    kind: .submission, id: $0.string(0) ?? "", user: $0.string(1) ?? "", item: $0.string(2) ?? "",
                    submitted: Date(timeIntervalSince1970: Double($0.int64(3) ?? 0) / 1000))
            }
        }
    }

    /// Attempts in a course whose latest result awaits a teacher and that are not graded on this device.
    func attemptsAwaitingTeacher(courseID: String) throws -> [Entry] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT a.entity, a.user_id, a.item_id, a.submitted_at, r.payload FROM student_work a
                JOIN student_work r ON r.profile_id = a.profile_id AND r.kind = 'attemptResult' AND r.entity = a.entity
                WHERE a.profile_id = ?1 AND a.course_id = ?2 AND a.kind = 'attempt'
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.profile_id = a.profile_id AND o.kind = 'grade'
                                  AND o.entity_id LIKE 'attempt/' || a.entity || '/%')
                ORDER BY a.submitted_at, a.entity
                """, arguments: [profileID, courseID]
            ).compactMap { row -> Entry? in
                guard (try? JSONParser.parse(row.string(4) ?? "{}"))?["awaitingTeacher"]?.boolValue == true else {
                    return nil
                }
                return Entry(
                    kind: .attempt, id: row.string(0) ?? "", user: row.string(1) ?? "", item: row.string(2) ?? "",
                    submitted: Date(timeIntervalSince1970: Double(row.int64(3) ?? 0) / 1000))
            }
        }
    }

    /// The pulled payload of a submission or an attempt of a course; nil when this device has none.
    func payload(_ kind: Target, _ id: String, courseID: String) throws -> JSONValue? {
        let text = try queue.read { db in
            try db.fetchScalar(
                String.self,
                "SELECT payload FROM student_work WHERE profile_id = ? AND kind = ? AND entity = ? AND course_id = ?",
                arguments: [profileID, kind.rawValue, id, courseID])
        }
        return text.flatMap { try? JSONParser.parse($0) }
    }
}
