import CoursePackage
import Foundation
import LMSModel

/// The catalogue, course details, settings, and downloads.
struct CatalogueRoutes: Sendable {
    let accounts: AccountStore
    let courses: CourseStore
    let enrollments: EnrollmentStore
    let blobs: BlobStore
    let rights: Rights

    func courseJSON(_ course: CourseRecord, enrollment: String?) -> JSONValue {
        JSONOut.obj([
            ("id", JSONOut.s(course.id)), ("title", JSONOut.s(course.title)),
            ("description", JSONOut.opt(course.description)),
            ("language", JSONOut.opt(course.language)), ("instructors", JSONOut.arr(course.instructors.map(JSONOut.s))),
            ("tags", JSONOut.arr(course.tags.map(JSONOut.s))), ("latestVersion", JSONOut.s(course.latestVersion)),
            ("startDate", JSONOut.opt(course.startDate)), ("endDate", JSONOut.opt(course.endDate)),
            ("enrollmentMode", JSONOut.s(course.enrollmentMode)), ("enrollment", JSONOut.s(enrollment ?? "none"))
        ])
    }

    /// `GET /api/v1/courses?q=&language=&instructor=&tag=&enrollment=enrolled|not-enrolled`.
    func catalogue(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let states = try enrollments.enrollmentStates(userID: user.id)
        let query = context.request.query
        func matches(_ text: String?, _ needle: String) -> Bool {
            text?.lowercased().contains(needle.lowercased()) ?? false
        }
        var courses = try courses.allCourses()
        if let q = query["q"], !q.isEmpty {
            courses = courses.filter {
                matches($0.title, q) || matches($0.description, q) || matches($0.id, q)
                    || $0.tags.contains { matches($0, q) }
            }
        }
        if let language = query["language"] {
            courses = courses.filter { $0.language?.lowercased() == language.lowercased() }
        }
        if let instructor = query["instructor"] {
            courses = courses.filter { $0.instructors.contains { matches($0, instructor) } }
        }
        if let tag = query["tag"] {
            courses = courses.filter { $0.tags.contains { $0.lowercased() == tag.lowercased() } }
        }
        switch query["enrollment"] {
        case nil, "all": break
        case "enrolled": courses = courses.filter { states[$0.id] == "active" }
        case "not-enrolled": courses = courses.filter { states[$0.id] != "active" }
        case let other?:
            throw APIError.badRequest("enrollment must be enrolled, not-enrolled or all (found \"\(other)\")")
        }
        let page = courses.prefix(ServerLimits.maxCatalogueResults)
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("courses", JSONOut.arr(page.map { courseJSON($0, enrollment: states[$0.id]) })),
                ("total", JSONOut.n(Double(courses.count)))
            ]))
    }

    /// `GET /api/v1/courses/{id}`: details with versions and changelog.
    func courseDetails(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let id = context.parameter("id")
        guard let course = try courses.course(id) else { throw APIError.notFound("no course \"\(id)\"") }
        let full = try rights.getsFullBuild(user, courseID: id)
        let versions = try courses.versions(of: id).map { v in
            JSONOut.obj([
                ("version", JSONOut.s(v.version)), ("packageId", JSONOut.s(full ? v.packageID : v.studentPackageID)),
                ("size", JSONOut.n(Double(full ? v.packageSize : v.studentSize))),
                ("publishedAt", JSONOut.time(v.publishedAt)),
                ("changelog", JSONOut.opt(v.changelog)),
                ("changes", (try? JSONParser.parse(v.changes)) ?? JSONOut.obj([]))
            ])
        }
        var json = courseJSON(course, enrollment: try enrollments.enrollmentStates(userID: user.id)[id])
        if case .object(var members) = json.kind {
            members.append(
                (
                    key: "prerequisites",
                    value: JSONOut.arr(
                        course.prerequisites.map {
                            JSONOut.obj([
                                ("course", JSONOut.s($0.course)),
                                ("minVersion", JSONOut.opt($0.minVersion?.description))
                            ])
                        })
                ))
            members.append((key: "versions", value: JSONOut.arr(versions)))
            json = JSONValue(.object(members))
        }
        return JSONOut.response(200, json)
    }

    /// `PUT /api/v1/courses/{id}/settings` `{"enrollment": "open"|"key"|"teacher", "key": "..."}`.
    func updateCourseSettings(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["enrollment", "key"])
        let id = context.parameter("id")
        guard let mode = try body.string("enrollment", required: true), ["open", "key", "teacher"].contains(mode) else {
            throw APIError.unprocessable("enrollment must be open, key or teacher")
        }
        let key = try body.string("key")
        if mode == "key", (key ?? "").filter({ $0 != "-" && $0 != " " }).count < ServerLimits.minimumEnrollmentKeyLength
        {
            throw APIError.unprocessable(
                "an enrollment key needs at least \(ServerLimits.minimumEnrollmentKeyLength) letters or digits")
        }
        let keyHash = key.map { Data(Passwords.secretHash($0, normalise: true)) }
        try courses.setEnrollment(courseID: id, mode: mode, keyHash: mode == "key" ? keyHash : nil)
        return JSONOut.response(200, JSONOut.obj([("id", JSONOut.s(id)), ("enrollment", JSONOut.s(mode))]))
    }

    /// `POST /api/v1/courses/{id}/teachers` `{"username"}`: adds a co-teacher.
    func addTeacher(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["username"])
        let id = context.parameter("id")
        guard let name = try body.string("username", required: true), let teacher = try accounts.user(named: name)
        else {
            throw APIError.notFound("no such user")
        }
        guard teacher.role >= .teacher else {
            throw APIError.unprocessable("\(teacher.username) is a student: make them a teacher first")
        }
        try courses.addTeacher(userID: teacher.id, courseID: id)
        return JSONOut.response(200, JSONOut.obj([("id", JSONOut.s(id)), ("teacher", JSONOut.s(teacher.username))]))
    }

    // MARK: - Downloads

    func versionRecord(_ context: RequestContext) throws -> VersionRecord {
        let id = context.parameter("id")
        let text = context.parameter("version")
        let latest = try courses.course(id)?.latestVersion ?? ""
        let version = text == "latest" ? latest : text
        guard let record = try courses.version(courseID: id, version: version) else {
            throw APIError.notFound("\(id) has no version \(text)")
        }
        return record
    }

    /// `GET /api/v1/courses/{id}/versions/{version}/package[?build=student]`: streamed, with ETag and ranges.
    func downloadPackage(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let record = try versionRecord(context)
        let full =
            try rights.getsFullBuild(user, courseID: record.courseID) && context.request.query["build"] != "student"
        let blob = full ? record.packageBlob : record.studentBlob
        guard let path = blobs.path(for: blob), FileManager.default.fileExists(atPath: path) else {
            throw APIError.internalError("the package file is missing from the data folder; restore it from a backup")
        }
        var response = HTTPResponse(
            status: 200, body: .file(path: path, offset: 0, length: full ? record.packageSize : record.studentSize))
        response.headers["Content-Type"] = "application/zip"
        response.headers["ETag"] = "\"\(full ? record.packageID : record.studentPackageID)\""
        response.headers["Accept-Ranges"] = "bytes"
        response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
        let name = "\(record.courseID)-\(record.version)\(full ? "" : "-student").zip"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }

    /// The manifest of the build `user` may see.
    func manifest(of record: VersionRecord, for user: User) throws -> PackageManifest {
        let full = try rights.getsFullBuild(user, courseID: record.courseID)
        return try PackageManifest(data: Data((full ? record.manifest : record.studentManifest).utf8))
    }

    /// `GET /api/v1/courses/{id}/versions/{version}/entries/{sha256}`: one entry of the build the user may see.
    func downloadEntry(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let record = try versionRecord(context)
        let hash = context.parameter("sha256")
        guard let entry = try manifest(of: record, for: user).entries.first(where: { $0.sha256 == hash }),
            let path = blobs.path(for: hash), FileManager.default.fileExists(atPath: path)
        else {
            throw APIError.notFound("\(record.courseID) \(record.version) has no entry with that hash")
        }
        var response = HTTPResponse(status: 200, body: .file(path: path, offset: 0, length: Int64(entry.size)))
        response.headers["Content-Type"] = "application/octet-stream"
        response.headers["ETag"] = "\"\(hash)\""
        response.headers["Accept-Ranges"] = "bytes"
        response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
        return response
    }

    /// `GET /api/v1/courses/{id}/delta?from=V1[&to=V2]`: what a device holding V1 must fetch for V2 (default: latest).
    func delta(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let id = context.parameter("id")
        guard let fromText = context.request.query["from"] else {
            throw APIError.badRequest("give ?from=VERSION (the version the device has)")
        }
        let latest = try courses.course(id)?.latestVersion ?? ""
        let toText = context.request.query["to"] ?? latest
        guard let from = try courses.version(courseID: id, version: fromText) else {
            throw APIError.notFound("\(id) has no version \(fromText)")
        }
        guard let to = try courses.version(courseID: id, version: toText) else {
            throw APIError.notFound("\(id) has no version \(toText)")
        }
        let plan = try PackageDelta.make(from: try manifest(of: from, for: user), to: try manifest(of: to, for: user))
        return JSONOut.response(200, plan.json)
    }

    /// `GET /api/v1/courses/{id}/versions/{version}/manifest`: the manifest of the caller's build.
    func versionManifest(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let record = try versionRecord(context)
        let full =
            try rights.getsFullBuild(user, courseID: record.courseID) && context.request.query["build"] != "student"
        var response = HTTPResponse.json(200, Data((full ? record.manifest : record.studentManifest).utf8))
        response.headers["ETag"] = "\"\(full ? record.packageID : record.studentPackageID)\""
        return response
    }
}
