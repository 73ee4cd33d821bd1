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

/// Courses, their staff and published versions: the only writer of `courses`, `course_staff`
/// and `versions`.
struct CourseStore: AreaStore {
    let queue: DatabaseQueue

    func courseExists(_ id: String) throws -> Bool {
        try read { db in
            try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses WHERE id = ?", arguments: [id]) ?? 0 > 0
        }
    }

    func courseCount() throws -> Int {
        try read { db in Int(try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses") ?? 0) }
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

    /// A course's latest version inside a caller's transaction (nil: no such course), on a cached
    /// statement (asked once per course by each push).
    static func latestVersion(_ courseID: String, in db: Database) throws -> String? {
        try db.cachedStatement(sql: "SELECT latest_version FROM courses WHERE id = ?").fetchScalar(
            String.self, arguments: [courseID])
    }

    func version(courseID: String, version: String) throws -> VersionRecord? {
        try read { db in
            try db.fetchOne(
                "SELECT * FROM versions WHERE course_id = ? AND version = ?", arguments: [courseID, version]
            ).map(Self.version)
        }
    }

    /// Records a published version (and the course, when new) in one transaction. The version
    /// rules are checked again inside it, so that two publishes at once cannot both pass them.
    func publish(_ course: Course, version: VersionRecord, by userID: String, isNew: Bool) throws {
        try write { db in
            let now = nowMilliseconds()
            if let latestText = try db.fetchScalar(
                String.self, "SELECT latest_version FROM courses WHERE id = ?", arguments: [course.id])
            {
                guard !isNew else {
                    throw APIError.conflict("\(course.id) was published at the same moment by someone else")
                }
                for text in try db.fetchColumn(
                    String.self, "SELECT version FROM versions WHERE course_id = ?", arguments: [course.id])
                {
                    if let other = text.flatMap(SemanticVersion.init), other == course.version {
                        throw APIError.conflict(
                            "\(course.id) \(course.version) is already published and never changes: raise the version in course.json"
                        )
                    }
                }
                if let latest = SemanticVersion(latestText), course.version < latest {
                    throw APIError.conflict(
                        "\(course.id) is at \(latest); publish a higher version than that (found \(course.version))")
                }
            }
            let instructors = JSONWriter.write(JSONOut.arr(course.instructors.map { JSONOut.s($0) }))
            let tags = JSONWriter.write(JSONOut.arr(course.tags.map { JSONOut.s($0) }))
            let prerequisites = JSONWriter.write(
                JSONOut.arr(
                    course.prerequisites.map { p in
                        JSONOut.obj(
                            [("course", JSONOut.s(p.course))]
                                + (p.minVersion.map { [("minVersion", JSONOut.s($0.description))] } ?? []))
                    }))
            if isNew {
                try db.execute(
                    """
                    INSERT INTO courses(id, owner_id, title, description, language, instructors, tags, start_date, end_date, prerequisites,
                                        latest_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [
                        course.id, userID, course.title, course.description, course.language, instructors, tags,
                        course.startDate, course.endDate, prerequisites, version.version, now, now
                    ])
                try db.execute(
                    "INSERT INTO course_staff(course_id, user_id, role) VALUES (?, ?, 'owner')",
                    arguments: [course.id, userID])
            } else {
                try db.execute(
                    """
                    UPDATE courses SET title = ?, description = ?, language = ?, instructors = ?, tags = ?, start_date = ?, end_date = ?,
                                       prerequisites = ?, latest_version = ?, updated_at = ? WHERE id = ?
                    """,
                    arguments: [
                        course.title, course.description, course.language, instructors, tags, course.startDate,
                        course.endDate,
                        prerequisites, version.version, now, course.id
                    ])
            }
            try db.execute(
                """
                INSERT INTO versions(course_id, version, major, minor, patch, prerelease, package_id, package_blob, package_size,
                                     student_package_id, student_blob, student_size, manifest, student_manifest, changelog, changes,
                                     published_by, published_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    course.id, version.version, course.version.major, course.version.minor, course.version.patch,
                    course.version.prerelease.joined(separator: "."), version.packageID, version.packageBlob,
                    version.packageSize,
                    version.studentPackageID, version.studentBlob, version.studentSize, version.manifest,
                    version.studentManifest,
                    version.changelog, version.changes, userID, version.publishedAt
                ])
            // Enrolled devices learn of the new version at their next pull (docs/PROTOCOL.md §10).
            try ChangelogStore.appendChange(
                kind: "courseVersion", entity: "\(course.id)/\(version.version)", userID: nil, courseID: course.id,
                payload: JSONOut.obj([
                    ("course", JSONOut.s(course.id)), ("version", JSONOut.s(version.version)),
                    ("packageId", JSONOut.s(version.studentPackageID)), ("size", JSONOut.n(version.studentSize))
                ]), in: db)
        }
    }

    /// Sets how students enroll (`open`, `key`, `teacher`) and the key's hash (nil unless `key`).
    func setEnrollment(courseID: String, mode: String, keyHash: Data?) throws {
        try write { db in
            try db.execute(
                "UPDATE courses SET enrollment_mode = ?, enrollment_key_hash = ?, updated_at = ? WHERE id = ?",
                arguments: [mode, keyHash, nowMilliseconds(), courseID])
        }
    }

    /// Adds a co-teacher (nothing when they already teach the course).
    func addTeacher(userID: String, courseID: String) throws {
        try write { db in
            try db.execute(
                "INSERT INTO course_staff(course_id, user_id, role) VALUES (?, ?, 'teacher') ON CONFLICT DO NOTHING",
                arguments: [courseID, userID])
        }
    }
}
