import Foundation
import LMSDatabase
import LMSModel

/// Self-enrollment, the roster, and teacher-managed enrollment.
struct EnrollmentRoutes: Sendable {
    let accounts: AccountStore
    let courses: CourseStore
    let enrollments: EnrollmentStore
    let rights: Rights
    let courseGrades: CourseGrades

    /// `POST /api/v1/courses/{id}/enroll` `{"key"}`: open courses, or a key; dates and prerequisites enforced.
    func selfEnroll(_ context: RequestContext) throws -> HTTPResponse {
        // The key is optional: an empty body is an empty object.
        let body: JSONBody? =
            { if case .data(let d) = context.request.body, !d.isEmpty { return true } else { return false } }()
            ? try JSONBody(context.request, allowing: ["key"]) : nil
        let user = try context.user
        let id = context.parameter("id")
        guard let course = try courses.course(id) else { throw APIError.notFound("no course \"\(id)\"") }
        if try rights.isEnrolled(user.id, in: id) {
            return JSONOut.response(200, JSONOut.obj([("course", JSONOut.s(id)), ("enrollment", JSONOut.s("active"))]))
        }
        var source = "self"
        switch course.enrollmentMode {
        case "open": break
        case "key":
            // Wrong keys are throttled like logins, so that a key cannot be guessed by trying them all.
            let keys = ["enroll:" + user.id + ":" + id]
            let wait = try accounts.reserveLoginAttempt(keys: keys, now: nowMilliseconds())
            if wait > 0 { throw APIError.tooManyRequests(retryAfter: Int(wait)) }
            guard let key = try body?.string("key"),
                let stored = course.enrollmentKeyHash, [UInt8](stored) == Passwords.secretHash(key, normalise: true)
            else {
                throw APIError.forbidden("\(id) needs an enrollment key: ask your teacher for it")
            }
            try accounts.clearLoginFailures(keys: keys)
            source = "key"
        default:
            throw APIError.forbidden("\(id) is enrolled by its teachers: ask a teacher to add you")
        }
        try checkDates(course)
        try checkPrerequisites(course, userID: user.id)
        try enrollments.enroll(userID: user.id, courseID: id, source: source, groups: [])
        return JSONOut.response(201, JSONOut.obj([("course", JSONOut.s(id)), ("enrollment", JSONOut.s("active"))]))
    }

    /// Refuses enrollment after the course's end date (today in UTC).
    func checkDates(_ course: CourseRecord) throws {
        guard let end = course.endDate else { return }
        let today = ISO8601DateFormatter.string(
            from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
        if today > end { throw APIError.forbidden("\(course.id) ended on \(end); it no longer takes enrollments") }
    }

    /// Refuses enrollment until every prerequisite course is completed (at `minVersion` or later, when given).
    func checkPrerequisites(_ course: CourseRecord, userID: String) throws {
        let missing = try course.prerequisites.filter { prerequisite in
            guard let completed = try enrollments.completedVersion(userID: userID, courseID: prerequisite.course)
            else {
                return true
            }
            guard let minimum = prerequisite.minVersion else { return false }
            return (SemanticVersion(completed) ?? SemanticVersion(0, 0, 0)) < minimum
        }.map { p in p.minVersion.map { "\(p.course) \($0) or later" } ?? p.course }
        if !missing.isEmpty {
            throw APIError.forbidden("complete \(missing.joined(separator: ", ")) before enrolling in \(course.id)")
        }
    }

    /// `GET /api/v1/courses/{id}/enrollments`: the roster.
    func roster(_ context: RequestContext) throws -> HTTPResponse {
        var rows = try enrollments.roster(courseID: context.parameter("id"))
        if let group = context.request.query["group"] { rows = rows.filter { $0.3.contains(group) } }
        return JSONOut.response(
            200,
            JSONOut.obj([
                (
                    "students",
                    JSONOut.arr(
                        rows.map { user, status, source, groups in
                            JSONOut.obj([
                                ("username", JSONOut.s(user.username)), ("displayName", JSONOut.s(user.displayName)),
                                ("status", JSONOut.s(status)), ("source", JSONOut.s(source)),
                                ("groups", JSONOut.arr(groups.map(JSONOut.s)))
                            ])
                        })
                )
            ]))
    }

    /// `POST /api/v1/courses/{id}/enrollments` `{"username", "groups", "ignorePrerequisites"}`.
    func addEnrollment(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["username", "groups", "ignorePrerequisites"])
        let id = context.parameter("id")
        guard let name = try body.string("username", required: true), let student = try accounts.user(named: name)
        else {
            throw APIError.notFound("no such user")
        }
        guard let course = try courses.course(id) else { throw APIError.notFound("no course \"\(id)\"") }
        if try body.bool("ignorePrerequisites") != true { try checkPrerequisites(course, userID: student.id) }
        let groups = try body.strings("groups") ?? []
        try enrollments.enroll(userID: student.id, courseID: id, source: "teacher", groups: groups)
        return JSONOut.response(
            201,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("username", JSONOut.s(student.username)),
                ("enrollment", JSONOut.s("active")), ("groups", JSONOut.arr(groups.map(JSONOut.s)))
            ]))
    }

    /// `PUT /api/v1/courses/{id}/enrollments/{username}/completion` `{"completed": true, "version": "1.2.0"}`:
    /// records that the student completed the course (at a version, by default the latest), or withdraws it.
    func setCompletion(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["completed", "version"])
        let id = context.parameter("id")
        guard let student = try accounts.user(named: context.parameter("username")) else {
            throw APIError.notFound("no such user")
        }
        guard let completed = try body.bool("completed") else {
            throw APIError.badRequest("send \"completed\": true or false", code: "missing_field")
        }
        let latest = try courses.course(id)?.latestVersion ?? ""
        let version = try body.string("version") ?? latest
        guard try courses.version(courseID: id, version: version) != nil else {
            throw APIError.notFound("\(id) has no version \(version)")
        }
        guard try enrollments.setCompletion(userID: student.id, courseID: id, version: completed ? version : nil)
        else {
            throw APIError.notFound("\(student.username) is not enrolled in \(id)")
        }
        if completed { courseGrades.issueIfEarned([StudentCourse(userID: student.id, courseID: id)]) }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("username", JSONOut.s(student.username)),
                ("completed", JSONOut.b(completed)), ("version", completed ? JSONOut.s(version) : JSONOut.null)
            ]))
    }

    /// `DELETE /api/v1/courses/{id}/enrollments/{username}`: marks the enrollment removed (records stay).
    func removeEnrollment(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        guard let student = try accounts.user(named: context.parameter("username")) else {
            throw APIError.notFound("no such user")
        }
        guard try enrollments.setEnrollmentStatus(userID: student.id, courseID: id, status: "removed") else {
            throw APIError.notFound("\(student.username) is not enrolled in \(id)")
        }
        return HTTPResponse(status: 204)
    }
}
