import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// `POST /api/v1/courses`: publishing a package.
struct PublishRoute: Sendable {
    /// The settings (the data folder, whose paths an error must not show: issue 13).
    let configuration: ServerApp.Configuration
    let courses: CourseStore
    let enrollments: EnrollmentStore
    let blobs: BlobStore
    let rights: Rights
    let courseCache: CourseCache
    /// The upload queue (issue 13: two publishes or uploads at once).
    let workGates: WorkGates

    /// An error's text with the server's own paths (the data folder, where uploads are spooled)
    /// replaced by "the package": a caller learns what is wrong, not where the server keeps files.
    func hidingServerPaths(_ error: Error) -> String {
        var text = "\(error)"
        // Bounded: each pass removes one occurrence.
        for _ in 0..<16 {
            guard let range = text.range(of: configuration.dataDirectory) else { break }
            let end = text[range.upperBound...].firstIndex { " :\",'".contains($0) } ?? text.endIndex
            text.replaceSubrange(range.lowerBound..<end, with: "the package")
        }
        return text
    }

    /// Validates the uploaded package with CoursePackage, refuses existing or lower versions, makes the
    /// student build, stores both packages and every entry by hash, and records the version, all or nothing.
    func publish(_ context: RequestContext) throws -> HTTPResponse {
        try workGates.upload.enter()
        defer { workGates.upload.leave() }
        let publisher = try context.user
        guard case .file(let upload, _) = context.request.body else {
            throw APIError.badRequest("send the package file as the request body (curl --data-binary @course.zip)")
        }
        defer { unlink(upload) }
        let archive: PackageArchive
        do {
            archive = try PackageArchive(path: upload)
            try archive.verify()
        } catch {
            throw APIError.unprocessable(
                "the package is not valid: \(hidingServerPaths(error))", code: "invalid_package")
        }
        guard archive.manifest.build == .full else {
            throw APIError.unprocessable(
                "this is a student build; publish the full package made by lms-offline pack", code: "invalid_package")
        }
        let loaded = CourseLoader.load(archive)
        guard let course = loaded.course else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }.prefix(20).map(\.description)
            throw APIError.unprocessable(
                "the course has errors: " + errors.joined(separator: "; "), code: "invalid_course")
        }
        guard course.version.build.isEmpty else {
            throw APIError.unprocessable(
                "publish versions without build metadata (found \(course.version)): 1.2.0+b1 would equal 1.2.0",
                code: "invalid_version")
        }
        let existing = try courses.course(course.id)
        if let existing {
            do {
                try rights.authorize(.courseStaff, user: context.auth?.user, courseID: course.id, username: nil)
            } catch {
                throw APIError.forbidden(
                    "\(course.id) belongs to other teachers: ask its owner to add you as a co-teacher")
            }
            if try courses.version(courseID: course.id, version: course.version.description) != nil {
                throw APIError.conflict(
                    "\(course.id) \(course.version) is already published and never changes: raise the version in course.json"
                )
            }
            if let latest = SemanticVersion(existing.latestVersion), course.version < latest {
                throw APIError.conflict(
                    "\(course.id) is at \(latest); publish a higher version than that (found \(course.version))")
            }
        }
        // The student build and the blobs are written before the database; a crash leaves only unreferenced blobs.
        let studentPath = blobs.makeTempPath()
        defer { unlink(studentPath) }
        let student: PackageBuilder.Output
        do { student = try PackageBuilder.studentBuild(of: upload, to: studentPath) } catch {
            if StorageFull.matches(error) { throw APIError.insufficientStorage() }
            throw APIError.unprocessable(
                "the student build cannot be made: \(hidingServerPaths(error))", code: "invalid_course")
        }
        let studentArchive = try PackageArchive(path: studentPath)
        for package in [archive, studentArchive] {
            for entry in package.manifest.entries where !blobs.contains(entry.sha256) {
                let temp = blobs.makeTempPath()
                try package.copyEntry(entry.path, to: temp) // checks the bytes against the manifest's hash
                try blobs.adopt(fileAt: temp, verifiedSHA256: entry.sha256)
            }
        }
        // Both files are this server's own temp files, which nothing changes in place: a hard link serves.
        let full = try blobs.storeCopy(ofFileAt: upload, hardLink: true)
        let studentBlob = try blobs.storeCopy(ofFileAt: studentPath, hardLink: true)
        let previous = try existing.flatMap {
            try courses.version(courseID: course.id, version: $0.latestVersion)
        }
        let changes = try previous.map { try Self.changes(from: $0.manifest, to: archive) } ?? JSONOut.obj([])
        let items = try previous.flatMap { try itemChanges(from: $0, to: course, archive: archive) }
        let changelog = context.request.headers["X-Changelog"] ?? context.request.query["changelog"]
        let record = VersionRecord(
            courseID: course.id, version: course.version.description, packageID: archive.packageID,
            packageBlob: full.sha256, packageSize: full.size, studentPackageID: student.packageID,
            studentBlob: studentBlob.sha256, studentSize: studentBlob.size,
            manifest: String(decoding: archive.manifest.encoded, as: UTF8.self),
            studentManifest: String(decoding: studentArchive.manifest.encoded, as: UTF8.self),
            changelog: changelog, changes: JSONWriter.write(Self.adding(items, to: changes)),
            publishedAt: nowMilliseconds())
        do {
            try courses.publish(course, version: record, by: publisher.id, isNew: existing == nil)
        } catch let error as DatabaseError where error.isUniqueViolation || error.isConstraintViolation {
            throw APIError.conflict("\(course.id) \(course.version) was published at the same moment by someone else")
        }
        let affected = try enrollments.activeEnrollmentCount(courseID: course.id)
        return JSONOut.response(
            201,
            JSONOut.obj([
                ("id", JSONOut.s(course.id)), ("version", JSONOut.s(course.version.description)),
                ("title", JSONOut.s(course.title)),
                ("packageId", JSONOut.s(archive.packageID)), ("studentPackageId", JSONOut.s(student.packageID)),
                ("previousVersion", JSONOut.opt(previous?.version)), ("changes", changes),
                ("items", items ?? JSONOut.null),
                ("studentsAffected", JSONOut.n(Double(affected)))
            ]))
    }

    /// Entries added, removed and changed between a stored manifest and a new package, by path.
    static func changes(from oldManifest: String, to new: PackageArchive) throws -> JSONValue {
        let old = try PackageManifest(data: Data(oldManifest.utf8))
        let oldByPath = Dictionary(uniqueKeysWithValues: old.entries.map { ($0.path, $0.sha256) })
        let newByPath = Dictionary(uniqueKeysWithValues: new.manifest.entries.map { ($0.path, $0.sha256) })
        let added = new.manifest.entries.map(\.path).filter { oldByPath[$0] == nil }
        let removed = old.entries.map(\.path).filter { newByPath[$0] == nil }
        let changed = new.manifest.entries.filter { oldByPath[$0.path] != nil && oldByPath[$0.path] != $0.sha256 }.map(
            \.path)
        // A removed path whose bytes reappear under an added path was moved (the file renamed).
        let addedByHash = Dictionary(
            added.compactMap { path in newByPath[path].map { ($0, path) } }, uniquingKeysWith: { a, _ in a })
        var renamed: [(String, String)] = []
        for path in removed { if let hash = oldByPath[path], let to = addedByHash[hash] { renamed.append((path, to)) } }
        let movedFrom = Set(renamed.map(\.0))
        let movedTo = Set(renamed.map(\.1))
        return JSONOut.obj([
            ("added", JSONOut.arr(added.filter { !movedTo.contains($0) }.map(JSONOut.s))),
            ("removed", JSONOut.arr(removed.filter { !movedFrom.contains($0) }.map(JSONOut.s))),
            ("changed", JSONOut.arr(changed.map(JSONOut.s))),
            ("renamed", JSONOut.arr(renamed.map { JSONOut.obj([("from", JSONOut.s($0.0)), ("to", JSONOut.s($0.1))]) }))
        ])
    }

    /// Items added, changed, removed and renamed since the previous version (nil when it cannot be read).
    func itemChanges(from previous: VersionRecord, to course: Course, archive: PackageArchive) throws -> JSONValue? {
        guard let old = try courseCache.course(previous.courseID, version: previous.version) else {
            return nil
        }
        let oldManifest = try PackageManifest(data: Data(previous.manifest.utf8))
        let diff = CourseDiff.between(
            old, course,
            oldHashes: Dictionary(oldManifest.entries.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a }),
            newHashes: Dictionary(
                archive.manifest.entries.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a }))
        func list(_ items: [CourseDiff.Item]) -> JSONValue {
            JSONOut.arr(
                items.map { item in
                    JSONOut.obj(
                        [("id", JSONOut.s(item.id)), ("kind", JSONOut.s(item.kind)), ("title", JSONOut.s(item.title))]
                            + (item.from.map { [("from", JSONOut.s($0))] } ?? []))
                })
        }
        return JSONOut.obj([
            ("added", list(diff.added)), ("changed", list(diff.changed)), ("removed", list(diff.removed)),
            ("renamed", list(diff.renamed))
        ])
    }

    /// The stored `changes` of a version: the paths, and the items when known.
    static func adding(_ items: JSONValue?, to changes: JSONValue) -> JSONValue {
        guard let items, var members = changes.objectMembers else { return changes }
        members.append((key: "items", value: items))
        return JSONValue(.object(members))
    }
}
