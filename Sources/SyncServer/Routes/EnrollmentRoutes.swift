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

    /// `POST /api/v1/courses/{id}/enroll` `{"key"}`: loads the facts, throttles wrong keys, and
    /// enrolls the caller when `Rights.selfEnrollment` allows (open or with a key, before the end
    /// date, prerequisites completed).
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
        // Wrong keys are throttled like logins, so that a key cannot be guessed by trying them all.
        let throttle = ["enroll:" + user.id + ":" + id]
        var key: String?
        if course.enrollmentMode == "key" {
            let wait = try accounts.reserveLoginAttempt(keys: throttle, now: nowMilliseconds())
            if wait > 0 { throw APIError.tooManyRequests(retryAfter: Int(wait)) }
            key = try body?.string("key")
        }
        let decision = Rights.selfEnrollment(
            in: course, key: key, today: CalendarDay.string(Date()),
            completed: try completedPrerequisites(of: course, userID: user.id))
        if course.enrollmentMode == "key", decision != .refused(.needsKey) {
            try accounts.clearLoginFailures(keys: throttle)
        }
        switch decision {
        case .refused(let refusal): throw refusal.error(courseID: id)
        case .enroll(let source):
            try enrollments.enroll(userID: user.id, courseID: id, source: source, groups: [])
            return JSONOut.response(
                201, JSONOut.obj([("course", JSONOut.s(id)), ("enrollment", JSONOut.s("active"))]))
        }
    }

    /// The version of each of the course's prerequisites that the user completed, by course id
    /// (the facts `Rights.missingPrerequisites` decides on).
    func completedPrerequisites(of course: CourseRecord, userID: String) throws -> [String: String] {
        var completed: [String: String] = [:]
        for prerequisite in course.prerequisites {
            completed[prerequisite.course] = try enrollments.completedVersion(
                userID: userID, courseID: prerequisite.course)
        }
        return completed
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
        if try body.bool("ignorePrerequisites") != true {
            let missing = Rights.missingPrerequisites(
                of: course, completed: try completedPrerequisites(of: course, userID: student.id))
            if !missing.isEmpty { throw Rights.EnrollmentRefusal.missingPrerequisites(missing).error(courseID: id) }
        }
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
