import Foundation
import LMSDatabase
import LMSModel

/// A published course as the catalogue shows it.
struct CourseRecord: Sendable {
    var id: String
    var ownerID: String
    var title: String
    var description: String?
    var language: String?
    var instructors: [String]
    var tags: [String]
    var startDate: String?
    var endDate: String?
    var prerequisites: [Prerequisite]
    var enrollmentMode: String
    var enrollmentKeyHash: Data?
    var latestVersion: String
}

/// A published version.
struct VersionRecord: Sendable {
    var courseID: String
    var version: String
    var packageID: String
    var packageBlob: String
    var packageSize: Int64
    var studentPackageID: String
    var studentBlob: String
    var studentSize: Int64
    var manifest: String
    var studentManifest: String
    var changelog: String?
    var changes: String
    var publishedAt: Int64
}

/// Courses, versions, staff and enrollments.
extension ServerStore {
    func courseExists(_ id: String) throws -> Bool {
        try read { db in
            try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses WHERE id = ?", arguments: [id]) ?? 0 > 0
        }
    }

    /// `owner`, `teacher`, or nil.
    func staffRole(userID: String, courseID: String) throws -> String? {
        try read { db in
            try db.fetchScalar(
                String.self, "SELECT role FROM course_staff WHERE user_id = ? AND course_id = ?",
                arguments: [userID, courseID])
        }
    }

    func isActivelyEnrolled(userID: String, courseID: String) throws -> Bool {
        try read { db in
            try db.fetchScalar(
                Int64.self,
                "SELECT COUNT(*) FROM enrollments WHERE user_id = ? AND course_id = ? AND status = 'active'",
                arguments: [userID, courseID]) ?? 0 > 0
        }
    }

    /// Whether the student is actively enrolled somewhere, and only in courses this teacher teaches.
    func teachesEveryCourse(teacherID: String, studentID: String) throws -> Bool {
        try read { db in
            let enrolled =
                try db.fetchScalar(
                    Int64.self, "SELECT COUNT(*) FROM enrollments WHERE user_id = ? AND status = 'active'",
                    arguments: [studentID]) ?? 0
            let taught =
                try db.fetchScalar(
                    Int64.self,
                    """
                    SELECT COUNT(*) FROM enrollments e JOIN course_staff s ON s.course_id = e.course_id AND s.user_id = ?
                    WHERE e.user_id = ? AND e.status = 'active'
                    """, arguments: [teacherID, studentID]) ?? 0
            return enrolled > 0 && enrolled == taught
        }
    }

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

    func courseCount() throws -> Int {
        try read { db in Int(try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses") ?? 0) }
    }

    func systemFigures() throws -> (courses: Int, enrollments: Int, activeDevices: Int, lastSync: Int64?) {
        try read { db in
            let courses = try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses") ?? 0
            let enrollments =
                try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM enrollments WHERE status = 'active'") ?? 0
            let monthAgo = nowMilliseconds() - 30 * 24 * 3600 * 1000
            let devices =
                try db.fetchScalar(
                    Int64.self, "SELECT COUNT(*) FROM devices WHERE last_sync_at > ?", arguments: [monthAgo]) ?? 0
            let last = try db.fetchScalar(Int64.self, "SELECT MAX(last_sync_at) FROM devices")
            return (Int(courses), Int(enrollments), Int(devices), last)
        }
    }

    static func course(from row: Row) -> CourseRecord {
        func list(_ column: String) -> [String] {
            (try? JSONParser.parse(row.string(column) ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        let prerequisites = ((try? JSONParser.parse(row.string("prerequisites") ?? "[]"))?.arrayValue ?? []).compactMap
        { item -> Prerequisite? in
            guard let course = item["course"]?.stringValue else { return nil }
            return Prerequisite(
                course: course, minVersion: item["minVersion"]?.stringValue.flatMap(SemanticVersion.init))
        }
        return CourseRecord(
            id: row.string("id") ?? "", ownerID: row.string("owner_id") ?? "", title: row.string("title") ?? "",
            description: row.string("description"), language: row.string("language"), instructors: list("instructors"),
            tags: list("tags"), startDate: row.string("start_date"), endDate: row.string("end_date"),
            prerequisites: prerequisites, enrollmentMode: row.string("enrollment_mode") ?? "teacher",
            enrollmentKeyHash: row.data("enrollment_key_hash"), latestVersion: row.string("latest_version") ?? "")
    }

    func course(_ id: String) throws -> CourseRecord? {
        try read { db in try db.fetchOne("SELECT * FROM courses WHERE id = ?", arguments: [id]).map(Self.course) }
    }

    func allCourses() throws -> [CourseRecord] {
        try read { db in try db.fetchAll("SELECT * FROM courses ORDER BY title COLLATE NOCASE, id").map(Self.course) }
    }

    static func version(from row: Row) -> VersionRecord {
        VersionRecord(
            courseID: row.string("course_id") ?? "", version: row.string("version") ?? "",
            packageID: row.string("package_id") ?? "",
            packageBlob: row.string("package_blob") ?? "", packageSize: row.int64("package_size") ?? 0,
            studentPackageID: row.string("student_package_id") ?? "", studentBlob: row.string("student_blob") ?? "",
            studentSize: row.int64("student_size") ?? 0, manifest: row.string("manifest") ?? "",
            studentManifest: row.string("student_manifest") ?? "", changelog: row.string("changelog"),
            changes: row.string("changes") ?? "{}", publishedAt: row.int64("published_at") ?? 0)
    }

    /// The versions of a course, newest first.
    func versions(of courseID: String) throws -> [VersionRecord] {
        try read { db in
            try db.fetchAll(
                """
                SELECT * FROM versions WHERE course_id = ?
                ORDER BY major DESC, minor DESC, patch DESC, prerelease = '' DESC, published_at DESC
                """, arguments: [courseID]
            ).map(Self.version)
        }
    }

    func version(courseID: String, version: String) throws -> VersionRecord? {
        try read { db in
            try db.fetchOne(
                "SELECT * FROM versions WHERE course_id = ? AND version = ?", arguments: [courseID, version]
            ).map(Self.version)
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
}
