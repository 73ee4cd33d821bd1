import Foundation
import LMSDatabase
import LMSModel

/// What the study app's home screen shows of one profile: courses and how far it is in each,
/// unread notifications, and where sync stands.
struct StudyOverview: Sendable {
    /// A course with its lessons done and in all.
    struct CourseLine: Sendable {
        var course: InstalledCourse
        var lessonsDone: Int
        var lessons: Int
    }

    var courses: [CourseLine] = []
    var unreadNotifications = 0
    /// When this profile last synced; nil when it never did (or has no account).
    var lastSync: Date?
    /// Changes written here that the server has not acknowledged yet.
    var waitingToSend = 0
}

extension CourseCatalog {
    /// The home screen's figures for `profile`, in one read transaction.
    func overview(of profile: Profile) throws -> StudyOverview {
        let courses = try courses()
        return try queue.read { db in
            var overview = StudyOverview()
            var counts: [String: (Int, Int)] = [:]
            try db.forEach(
                """
                SELECT c.id,
                  (SELECT count(*) FROM course_items i WHERE i.course_id = c.id AND i.kind = 'lesson' AND i.removed = 0),
                  (SELECT count(*) FROM progress p JOIN course_items i ON i.course_id = p.course_id AND i.item_id = p.lesson_id
                     AND i.removed = 0 WHERE p.profile_id = ?1 AND p.course_id = c.id AND p.completed = 1)
                FROM courses c
                """, arguments: [profile.id]
            ) { c in counts[c.string(at: 0)] = (c.int(at: 2), c.int(at: 1)) }
            overview.courses = courses.map {
                StudyOverview.CourseLine(course: $0, lessonsDone: counts[$0.id]?.0 ?? 0, lessons: counts[$0.id]?.1 ?? 0)
            }
            overview.unreadNotifications =
                try db.fetchScalar(
                    Int.self, "SELECT count(*) FROM notifications WHERE profile_id = ? AND read_at IS NULL",
                    arguments: [profile.id]) ?? 0
            overview.waitingToSend =
                try db.fetchScalar(
                    Int.self, "SELECT count(*) FROM outbox WHERE profile_id = ? AND pushed_at IS NULL",
                    arguments: [profile.id]) ?? 0
            overview.lastSync = try db.fetchOne(
                "SELECT last_sync_at FROM sync_accounts WHERE profile_id = ?", arguments: [profile.id])?.date(0)
            return overview
        }
    }

    /// Quizzes and assignments of every course still waiting for `profile`, due from `now - 7 days`
    /// to `horizon`, soonest first.
    func dueSoon(for profile: Profile, now: Date, horizon: Date) throws -> [ItemRecord] {
        let candidates = try queue.read { db in
            try db.fetchAll(
                """
                SELECT course_id, item_id, kind, module_id, module_title, title, position, path, due, points, removed
                FROM course_items WHERE removed = 0 AND kind <> 'lesson' AND due IS NOT NULL AND due BETWEEN ? AND ?
                ORDER BY due
                """, arguments: [now.addingTimeInterval(-7 * 86400), horizon]
            ).map(Self.makeItem)
        }
        var states: [String: ItemStates] = [:]
        return try candidates.filter { item in
            if states[item.courseID] == nil {
                states[item.courseID] = try ItemStates.load(queue, profile: profile, courseID: item.courseID)
            }
            return states[item.courseID]?.isPending(item) ?? true
        }
    }

    /// Whether the profile has no PIN (an empty hash: a student's own device).
    func profileHasPIN(_ profileID: String) throws -> Bool {
        try queue.read { db in
            try db.fetchScalar(
                Int.self, "SELECT length(pin_hash) FROM profiles WHERE id = ?", arguments: [profileID]) ?? 0
        } > 0
    }
}

extension CourseCatalog {
    /// The grades `profile` received in a course, by item id: points and maximum.
    func grades(of profile: Profile, courseID: String) throws -> [String: (points: Double, max: Double)] {
        try queue.read { db in
            var out: [String: (points: Double, max: Double)] = [:]
            try db.forEach(
                "SELECT item_id, points, max_points FROM grades WHERE profile_id = ? AND course_id = ?",
                arguments: [profile.id, courseID]
            ) { c in out[c.string(at: 0)] = (c.double(at: 1), c.double(at: 2)) }
            return out
        }
    }
}

/// One submitted version of an assignment, as the study app lists it.
struct SubmissionLine: Sendable {
    var version: Int
    var submittedAt: Date?
    var late: Bool
    var files: [String]
    var hasText: Bool
}

extension CourseCatalog {
    /// The versions `profile` submitted for an assignment, newest first.
    func submissions(of profile: Profile, courseID: String, assignmentID: String) throws -> [SubmissionLine] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT s.version, s.submitted_at, s.late, s.text IS NOT NULL AND s.text <> '',
                  (SELECT group_concat(f.name, ', ') FROM submission_files f WHERE f.submission_id = s.id)
                FROM submissions s WHERE s.profile_id = ? AND s.course_id = ? AND s.assignment_id = ?
                ORDER BY s.version DESC
                """, arguments: [profile.id, courseID, assignmentID]
            ).map {
                SubmissionLine(
                    version: $0.int(0) ?? 0, submittedAt: $0.date(1), late: $0.bool(2) ?? false,
                    files: ($0.string(4) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }, hasText: $0.bool(3) ?? false)
            }
        }
    }

    /// The teacher's feedback on an item, if graded.
    func feedback(of profile: Profile, courseID: String, itemID: String) throws -> String? {
        try queue.read { db in
            try db.fetchScalar(
                String.self, "SELECT feedback FROM grades WHERE profile_id = ? AND course_id = ? AND item_id = ?",
                arguments: [profile.id, courseID, itemID])
        }
    }
}
