import Foundation
import LMSDatabase
import LMSModel

/// Enrollments: who is in which course, their groups and completions. The only writer of
/// `enrollments`; each change of a student's enrollment appends an `enrollment` server change
/// for the student's devices.
struct EnrollmentStore: AreaStore {
    let queue: DatabaseQueue

    func coursesOf(userID: String) throws -> (teaching: [String], enrolled: [String]) {
        try read { db in
            let teaching = try db.fetchColumn(
                String.self, "SELECT course_id FROM course_staff WHERE user_id = ? ORDER BY course_id",
                arguments: [userID])
            let enrolled = try db.fetchColumn(
                String.self,
                "SELECT course_id FROM enrollments WHERE user_id = ? AND status = 'active' ORDER BY course_id",
                arguments: [userID])
            return (teaching.compactMap { $0 }, enrolled.compactMap { $0 })
        }
    }

    /// Enrollment states of a user: course id → status.
    func enrollmentStates(userID: String) throws -> [String: String] {
        try read { db in
            var states: [String: String] = [:]
            for row in try db.fetchAll(
                "SELECT course_id, status FROM enrollments WHERE user_id = ?", arguments: [userID])
            {
                states[row.string("course_id") ?? ""] = row.string("status")
            }
            return states
        }
    }

    func activeEnrollmentCount(courseID: String) throws -> Int {
        try read { db in
            Int(
                try db.fetchScalar(
                    Int64.self, "SELECT COUNT(*) FROM enrollments WHERE course_id = ? AND status = 'active'",
                    arguments: [courseID]) ?? 0)
        }
    }

    func enroll(userID: String, courseID: String, source: String, groups: [String]) throws {
        let groupsJSON = JSONWriter.write(JSONOut.arr(groups.map { JSONOut.s($0) }))
        try write { db in
            let now = nowMilliseconds()
            try db.execute(
                """
                INSERT INTO enrollments(user_id, course_id, source, status, groups, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)
                ON CONFLICT(user_id, course_id) DO UPDATE SET status = 'active', source = excluded.source, groups = excluded.groups,
                                                              updated_at = excluded.updated_at
                """, arguments: [userID, courseID, source, groupsJSON, now, now])
            try Self.appendEnrollmentChange(userID: userID, courseID: courseID, status: "active", in: db)
        }
    }

    /// Tells the student's devices about an enrollment (docs/PROTOCOL.md §5, `enrollment`).
    static func appendEnrollmentChange(userID: String, courseID: String, status: String, in db: Database) throws {
        let latest =
            try db.fetchScalar(String.self, "SELECT latest_version FROM courses WHERE id = ?", arguments: [courseID])
            ?? ""
        try ChangelogStore.appendChange(
            kind: "enrollment", entity: "\(userID)/\(courseID)", userID: userID, courseID: courseID,
            payload: JSONOut.obj([
                ("course", JSONOut.s(courseID)), ("status", JSONOut.s(status)), ("latestVersion", JSONOut.s(latest))
            ]), in: db)
    }

    func setEnrollmentStatus(userID: String, courseID: String, status: String) throws -> Bool {
        try write { db in
            try db.execute(
                "UPDATE enrollments SET status = ?, updated_at = ? WHERE user_id = ? AND course_id = ?",
                arguments: [status, nowMilliseconds(), userID, courseID])
            guard db.changes > 0 else { return false }
            try Self.appendEnrollmentChange(userID: userID, courseID: courseID, status: status, in: db)
            return true
        }
    }

    /// The version at which the user completed the course, if they did.
    func completedVersion(userID: String, courseID: String) throws -> String? {
        try read { db in
            try db.fetchOne(
                "SELECT completed_at, completed_version FROM enrollments WHERE user_id = ? AND course_id = ? AND completed_at IS NOT NULL",
                arguments: [userID, courseID]
            ).map { $0.string("completed_version") ?? "0.0.0" }
        }
    }

    /// Records (a version) or withdraws (nil) a completion; false when there is no enrollment.
    func setCompletion(userID: String, courseID: String, version: String?) throws -> Bool {
        try write { db in
            try db.execute(
                "UPDATE enrollments SET completed_at = ?, completed_version = ?, updated_at = ? WHERE user_id = ? AND course_id = ?",
                arguments: [version == nil ? nil : nowMilliseconds(), version, nowMilliseconds(), userID, courseID])
            return db.changes > 0
        }
    }

    func roster(courseID: String) throws -> [(User, String, String, [String])] {
        try read { db in
            try db.fetchAll(
                """
                SELECT \(AccountStore.qualifiedUserColumns),
                       e.status, e.source, e.groups
                FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.course_id = ? ORDER BY u.username
                """, arguments: [courseID]
            ).map { row in
                let groups =
                    (try? JSONParser.parse(row.string("groups") ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
                return (AccountStore.user(from: row), row.string("status") ?? "", row.string("source") ?? "", groups)
            }
        }
    }

    /// Changes a student's groups in one transaction; nil when there is no enrollment. The change is
    /// rolled back when the result has too many groups.
    func updateGroups(userID: String, courseID: String, _ change: ([String]) -> [String]) throws -> [String]? {
        try write { db in
            guard
                let text = try db.fetchScalar(
                    String.self, "SELECT groups FROM enrollments WHERE user_id = ? AND course_id = ?",
                    arguments: [userID, courseID])
            else { return nil }
            let current = (try? JSONParser.parse(text))?.arrayValue?.compactMap(\.stringValue) ?? []
            let groups = change(current)
            guard groups.count <= RosterRoutes.maxGroupsPerStudent else { return groups }
            try db.execute(
                "UPDATE enrollments SET groups = ?, updated_at = ? WHERE user_id = ? AND course_id = ?",
                arguments: [
                    JSONWriter.write(JSONOut.arr(groups.map { JSONOut.s($0) })), nowMilliseconds(),
                    userID, courseID
                ])
            return groups
        }
    }
}
