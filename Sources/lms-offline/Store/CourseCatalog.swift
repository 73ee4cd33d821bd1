import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// An installed course, as the store lists it.
struct InstalledCourse: Sendable, Hashable {
    var id: String
    var version: String
    var packageID: String
    var title: String
    var language: String?
    /// The absolute path of the extracted package.
    var folder: String
    /// Ids of courses to complete first.
    var prerequisites: [String]
}

/// One lesson, quiz or assignment of an installed course, in course order.
struct ItemRecord: Sendable, Hashable {
    var courseID: String
    var id: String
    var kind: String
    var moduleID: String
    var moduleTitle: String
    var title: String
    var position: Int
    var path: String
    var due: Date?
    var points: Double?
    var removed: Bool

    /// The last segment of the id (`welcome` for `foundations/welcome`).
    var shortID: String { id.split(separator: "/").last.map(String.init) ?? id }
}

/// Reads what is installed: courses, their items, and the `Course` of an installed version.
struct CourseCatalog {
    let queue: DatabaseQueue
    let home: ClientHome

    /// Every installed course, in install order.
    func courses() throws -> [InstalledCourse] {
        try queue.read { db in
            try db.fetchAll(
                "SELECT id, version, package_id, title, language, folder, prerequisites FROM courses ORDER BY position"
            )
            .map(makeCourse)
        }
    }

    private func makeCourse(_ row: Row) -> InstalledCourse {
        let prerequisites = (try? JSONParser.parse(row.string(6) ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
        return InstalledCourse(
            id: row.string(0) ?? "", version: row.string(1) ?? "", packageID: row.string(2) ?? "",
            title: row.string(3) ?? "", language: row.string(4),
            folder: home.absolute(relative: row.string(5) ?? ""), prerequisites: prerequisites)
    }

    /// The course whose id is `text` or starts with it unambiguously; else an error with the nearest id.
    func course(matching text: String) throws -> InstalledCourse {
        let all = try courses()
        if let exact = all.first(where: { $0.id == text }) { return exact }
        let prefixed = all.filter { $0.id.hasPrefix(text) }
        if prefixed.count == 1 { return prefixed[0] }
        if prefixed.count > 1 { throw ClientError(.courseAmbiguous, text, prefixed.map(\.id).joined(separator: ", ")) }
        if all.isEmpty { throw ClientError(.noCourses) }
        let near = nearest(to: text, among: all.map(\.id))
        throw ClientError(.courseUnknown, text, near.map { Messages.t(.didYouMean, $0) } ?? "")
    }

    /// The items of a course in course order (removed ones included, marked).
    func items(of courseID: String) throws -> [ItemRecord] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT course_id, item_id, kind, module_id, module_title, title, position, path, due, points, removed
                FROM course_items WHERE course_id = ? ORDER BY removed, position
                """, arguments: [courseID]
            ).map(Self.makeItem)
        }
    }

    static func makeItem(_ row: Row) -> ItemRecord {
        ItemRecord(
            courseID: row.string(0) ?? "", id: row.string(1) ?? "", kind: row.string(2) ?? "",
            moduleID: row.string(3) ?? "", moduleTitle: row.string(4) ?? "", title: row.string(5) ?? "",
            position: row.int(6) ?? 0, path: row.string(7) ?? "", due: row.date(8), points: row.double(9),
            removed: row.bool(10) ?? false)
    }

    /// The item named by `text`: its full id, or unambiguously its last segment, in `course`
    /// (or any installed course). Errors suggest the nearest id. `kind` checks what it must be.
    func item(matching text: String, course: String? = nil, kind: String) throws -> ItemRecord {
        let courseID = try course.map { try self.course(matching: $0).id }
        let all = try queue.read { db in
            try db.fetchAll(
                """
                SELECT course_id, item_id, kind, module_id, module_title, title, position, path, due, points, removed
                FROM course_items WHERE removed = 0 AND (?1 IS NULL OR course_id = ?1)
                """, arguments: [courseID]
            ).map(Self.makeItem)
        }
        var found = all.filter { $0.id == text }
        if found.isEmpty { found = all.filter { $0.shortID == text } }
        if found.isEmpty, let slash = text.firstIndex(of: ":") {
            // COURSE:ITEM names an item of one course.
            return try item(
                matching: String(text[text.index(after: slash)...]), course: String(text[..<slash]), kind: kind)
        }
        guard found.count == 1, let item = found.first else {
            if found.count > 1 {
                throw ClientError(.itemAmbiguous, text, found.map { "\($0.courseID):\($0.id)" }.joined(separator: ", "))
            }
            let names = all.filter { $0.kind == kind }.flatMap { [$0.id, $0.shortID] }
            let near = nearest(to: text, among: names)
            throw ClientError(.itemUnknown, Self.kindWord(kind), text, near.map { Messages.t(.didYouMean, $0) } ?? "")
        }
        guard item.kind == kind else {
            let key: MessageKey = kind == "lesson" ? .notALesson : kind == "quiz" ? .notAQuiz : .notAnAssignment
            throw ClientError(key, item.id, item.kind)
        }
        return item
    }

    /// An installed course with how many of its lessons a profile has done.
    struct Summary: Equatable {
        var id: String
        var version: String
        var title: String
        var lessons: Int
        var lessonsDone: Int
    }

    /// Every installed course in install order, with the lessons `profileID` has done (none for nil).
    func summaries(profileID: String?) throws -> [Summary] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT c.id, c.version, c.title,
                  (SELECT count(*) FROM course_items i WHERE i.course_id = c.id AND i.kind = 'lesson' AND i.removed = 0),
                  (SELECT count(*) FROM progress p JOIN course_items i ON i.course_id = p.course_id AND i.item_id = p.lesson_id
                     AND i.removed = 0 WHERE p.profile_id = ?1 AND p.course_id = c.id AND p.completed = 1)
                FROM courses c ORDER BY c.position
                """, arguments: [profileID ?? ""]
            ).map {
                Summary(
                    id: $0.string(0) ?? "", version: $0.string(1) ?? "", title: $0.string(2) ?? "",
                    lessons: $0.int(3) ?? 0, lessonsDone: $0.int(4) ?? 0)
            }
        }
    }

    /// Every lesson of every installed course (course id, lesson id), removed ones left out.
    func allLessons() throws -> [(courseID: String, lessonID: String)] {
        try queue.read { db in
            try db.fetchAll("SELECT course_id, item_id FROM course_items WHERE kind = 'lesson' AND removed = 0")
                .map { ($0.string(0) ?? "", $0.string(1) ?? "") }
        }
    }

    static func kindWord(_ kind: String) -> String {
        guard Language.current == .spanish else { return kind }
        return ["lesson": "lección", "quiz": "cuestionario", "assignment": "tarea"][kind] ?? kind
    }

    /// The width of a column of kind words: the longest one in the reader's language.
    static var kindColumnWidth: Int {
        ["lesson", "quiz", "assignment"].map { DisplayWidth.of(kindWord($0)) }.max() ?? 10
    }

    /// The folder of an installed version of a course (for attempts started on an older one).
    func folder(courseID: String, packageID: String) throws -> String? {
        try queue.read { db in
            try db.fetchScalar(
                String.self, "SELECT folder FROM course_versions WHERE course_id = ? AND package_id = ?",
                arguments: [courseID, packageID])
        }.map { home.absolute(relative: $0) }
    }

    /// The course held in an extracted package folder.
    static func loadCourse(folder: String) throws -> Course {
        let loaded = CourseLoader.load(try FolderFiles(root: folder))
        guard let course = loaded.course else {
            throw ClientError(
                .packageInvalidCourse, folder, loaded.diagnostics.first { $0.severity == .error }?.description ?? "?")
        }
        return course
    }
}
