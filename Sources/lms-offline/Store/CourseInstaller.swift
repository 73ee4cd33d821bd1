import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// What an install or update did.
struct InstallReport: Sendable {
    var courseID: String
    var title: String
    var previousVersion: String?
    var version: String
    var packageID: String
    var alreadyInstalled = false
    var added: [String] = []
    var changed: [String] = []
    var removed: [String] = []
    var renamed: [(from: String, to: String)] = []
}

/// Installs or updates a course from a package file.
///
/// The package is verified while it is extracted into its own folder
/// (`HOME/courses/<course>/<package-id>/`, written beside and renamed into place by
/// `PackageArchive.extract`); the store then switches to it in one transaction. Any failure
/// before the commit leaves the previous version in place and in use. An update keeps every
/// record: items renamed on purpose (`course.json` `renamed`) carry their records to the new
/// id in the same transaction; items that disappeared stay, marked removed.
struct CourseInstaller {
    let queue: DatabaseQueue
    let home: ClientHome

    func install(path: String, force: Bool, now: Date) throws -> InstallReport {
        let archive: PackageArchive
        do {
            archive = try PackageArchive(path: path)
        } catch {
            throw ClientError(.packageUnusable, path, Self.sentence(error))
        }
        let manifest = archive.manifest
        let packageID = archive.packageID
        let current = try queue.read { db in
            try db.fetchOne("SELECT version, package_id FROM courses WHERE id = ?", arguments: [manifest.courseID])
        }
        let previous = current.flatMap { $0.string(0) }
        if current?.string(1) == packageID {
            return InstallReport(
                courseID: manifest.courseID, title: manifest.title, previousVersion: previous,
                version: manifest.version.description, packageID: packageID, alreadyInstalled: true)
        }
        if let previous, let old = SemanticVersion(previous), old > manifest.version, !force {
            throw ClientError(.olderVersion, manifest.courseID, previous, manifest.version.description)
        }
        let relative = "courses/\(manifest.courseID)/\(packageID)"
        let folder = home.absolute(relative: relative)
        var created = false
        // What a killed install left beside the versions (`.ID.partial-PID-N` folders).
        PartialFiles.removeStale(in: home.coursesPath + "/" + manifest.courseID)
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: home.coursesPath + "/" + manifest.courseID,
                    withIntermediateDirectories: true)
                try archive.extract(to: folder)
            } catch let error as ClientError {
                throw error
            } catch {
                let text = "\(error)"
                if text.contains("No space left") || text.contains("errno 28") { throw ClientError(.diskFull, folder) }
                throw ClientError(.packageUnusable, path, Self.sentence(error))
            }
            created = true
        }
        return try install(
            folder: relative, manifest: manifest, packageID: packageID, previousVersion: previous,
            created: created, source: path, now: now)
    }

    /// Installs a version whose folder is already in place at `courses/<course>/<package-id>/` and
    /// verified against its manifest (built by sync from an older version and fetched entries):
    /// the same switch as a package file, in one transaction; any failure leaves the previous
    /// version in use. `created` removes the folder on failure.
    func install(verifiedFolder relative: String, manifest: PackageManifest, created: Bool, now: Date) throws
        -> InstallReport
    {
        let previous = try queue.read { db in
            try db.fetchScalar(String.self, "SELECT version FROM courses WHERE id = ?", arguments: [manifest.courseID])
        }
        return try install(
            folder: relative, manifest: manifest, packageID: manifest.packageID, previousVersion: previous,
            created: created, source: home.absolute(relative: relative), now: now)
    }

    private func install(
        folder relative: String, manifest: PackageManifest, packageID: String, previousVersion previous: String?,
        created: Bool, source path: String, now: Date
    ) throws -> InstallReport {
        let folder = home.absolute(relative: relative)
        do {
            let loaded = CourseLoader.load(try FolderFiles(root: folder))
            guard let course = loaded.course else {
                let first = loaded.diagnostics.first { $0.severity == .error }?.description ?? "?"
                throw ClientError(.packageInvalidCourse, path, first)
            }
            var report = InstallReport(
                courseID: course.id, title: course.title, previousVersion: previous,
                version: course.version.description, packageID: packageID)
            try queue.write { db in
                try switchVersion(
                    db, course: course, itemPaths: loaded.itemPaths, manifest: manifest,
                    packageID: packageID, folder: relative, now: now, report: &report)
            }
            try removeUnusedVersions(courseID: course.id, keeping: packageID)
            return report
        } catch {
            if created { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
    }

    /// An error's text without its final full stop (the message goes on after it).
    static func sentence(_ error: Error) -> String {
        var text = "\(error)"
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    // MARK: - The switch, in one transaction

    private func switchVersion(
        _ db: Database, course: Course, itemPaths: [String: String], manifest: PackageManifest,
        packageID: String, folder: String, now: Date, report: inout InstallReport
    ) throws {
        var oldItems: [String: (sha: String, removed: Bool)] = [:]
        for row in try db.fetchAll(
            "SELECT item_id, sha256, removed FROM course_items WHERE course_id = ?", arguments: [course.id])
        {
            oldItems[row.string(0) ?? ""] = (row.string(1) ?? "", row.bool(2) ?? false)
        }
        let isUpdate = !oldItems.isEmpty
        let newIDs = Set(course.items.map(\.id))
        for (old, new) in course.renamed.sorted(by: { $0.key < $1.key })
        where oldItems[old] != nil && newIDs.contains(new) {
            try Self.carryRecords(db, courseID: course.id, from: old, to: new)
            if let entry = oldItems.removeValue(forKey: old) { oldItems[new] = oldItems[new] ?? entry }
            report.renamed.append((old, new))
        }
        let position =
            try db.fetchScalar(Int.self, "SELECT position FROM courses WHERE id = ?", arguments: [course.id])
            ?? (try db.fetchScalar(Int.self, "SELECT coalesce(max(position), 0) + 1 FROM courses") ?? 1)
        let prerequisites = JSONWriter.write(
            JSONValue(.array(course.prerequisites.map { JSONValue(.string($0.course)) })))
        try db.execute(
            """
            INSERT INTO courses(id, version, package_id, title, language, folder, position, prerequisites, installed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET version = excluded.version, package_id = excluded.package_id, title = excluded.title,
                language = excluded.language, folder = excluded.folder, prerequisites = excluded.prerequisites,
                installed_at = excluded.installed_at
            """,
            arguments: [
                course.id, course.version.description, packageID, course.title, course.language, folder,
                position, prerequisites, now
            ])
        try db.execute(
            "INSERT OR REPLACE INTO course_versions(course_id, package_id, version, folder, installed_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [course.id, packageID, course.version.description, folder, now])
        var index = 0
        for module in course.modules {
            for item in module.items {
                index += 1
                let path = itemPaths[item.id] ?? ""
                let sha = manifest.entry(path)?.sha256 ?? ""
                var due: Date?
                var points: Double?
                switch item {
                case .assignment(let a):
                    due = a.due
                    points = a.points
                case .quiz(let q): points = q.maxPoints
                case .lesson: break
                }
                if let old = oldItems[item.id], !old.removed {
                    if old.sha != sha { report.changed.append(item.id) }
                } else if isUpdate {
                    report.added.append(item.id)
                }
                try db.execute(
                    """
                    INSERT OR REPLACE INTO course_items(course_id, item_id, kind, module_id, module_title, title, position, path,
                                                        sha256, due, points, removed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                    """,
                    arguments: [
                        course.id, item.id, item.kindName, module.id, module.title, item.title, index, path, sha,
                        due, points
                    ])
            }
        }
        for (id, old) in oldItems.sorted(by: { $0.key < $1.key }) where !newIDs.contains(id) && !old.removed {
            report.removed.append(id)
        }
        try db.execute(
            "UPDATE course_items SET removed = 1 WHERE course_id = ? AND item_id NOT IN (SELECT value FROM json_each(?))",
            arguments: [course.id, JSONWriter.write(JSONValue(.array(newIDs.sorted().map { JSONValue(.string($0)) })))])
        // Tell every profile on the device.
        // In both languages, as sync's notifications are: the inbox shows the reader's.
        let title = SyncNotes.Both(
            isUpdate ? .noteUpdatedTitle : .noteInstalledTitle, [course.title, course.version.description])
        let changes = [report.added.count, report.changed.count, report.removed.count, report.renamed.count]
        let body =
            isUpdate
            ? SyncNotes.Both(.noteUpdatedBody, changes.map(String.init))
            : SyncNotes.Both(en: course.description ?? "", es: course.description ?? "")
        for profileID in try db.fetchColumn(String.self, "SELECT id FROM profiles").compactMap({ $0 }) {
            // "Course updated", which says what changed, replaces the sync's "new version" notice.
            try db.execute(
                "DELETE FROM notifications WHERE id = ?",
                arguments: [
                    Notifications.newVersionID(
                        course: course.id, version: course.version.description, profileID: profileID)
                ])
            try SyncNotes.add(
                db, id: UUID().uuidString.lowercased(), profileID: profileID,
                kind: isUpdate ? "course-updated" : "course-installed", title: title, body: body, now: now)
        }
    }

    /// Moves every record of item `old` to `new` (a rename on purpose). A record that would
    /// collide with one already under the new id stays under the old id, never dropped.
    static func carryRecords(_ db: Database, courseID: String, from old: String, to new: String) throws {
        let args: StatementArguments = [new, courseID, old]
        try db.execute(
            "UPDATE OR IGNORE progress SET lesson_id = ? WHERE course_id = ? AND lesson_id = ?", arguments: args)
        try db.execute(
            "UPDATE OR IGNORE open_lessons SET lesson_id = ? WHERE course_id = ? AND lesson_id = ?", arguments: args)
        try db.execute("UPDATE attempts SET quiz_id = ? WHERE course_id = ? AND quiz_id = ?", arguments: args)
        try db.execute(
            "UPDATE OR IGNORE submissions SET assignment_id = ? WHERE course_id = ? AND assignment_id = ?",
            arguments: args)
        try db.execute("UPDATE OR IGNORE grades SET item_id = ? WHERE course_id = ? AND item_id = ?", arguments: args)
        try db.execute("DELETE FROM course_items WHERE course_id = ? AND item_id = ?", arguments: [courseID, old])
    }

    /// Deletes folders of older versions that no attempt references (after the switch committed).
    private func removeUnusedVersions(courseID: String, keeping packageID: String) throws {
        let unused = try queue.write { db -> [String] in
            let rows = try db.fetchAll(
                """
                SELECT package_id, folder FROM course_versions v WHERE course_id = ? AND package_id <> ?
                AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.course_id = v.course_id AND a.package_id = v.package_id)
                """, arguments: [courseID, packageID])
            for row in rows {
                try db.execute(
                    "DELETE FROM course_versions WHERE course_id = ? AND package_id = ?",
                    arguments: [courseID, row.string(0)])
            }
            return rows.compactMap { $0.string(1) }
        }
        for folder in unused { try? FileManager.default.removeItem(atPath: home.absolute(relative: folder)) }
    }
}
