import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Walks every route of `ServerApp.routes` with every role and with no token: the allowed calls
/// succeed, the others get 401 (no token) or 403 and change nothing.
@Suite(.serialized) struct RouteAccessTests {
    /// Who calls.
    enum Caller: String, CaseIterable {
        case nobody, admin, owner, otherTeacher, student, outsider
        var username: String? { self == .nobody ? nil : rawValue.lowercased() }
    }

    /// The rule of each access kind, written out independently of `ServerApp.authorize`.
    static func isAllowed(_ access: Access, _ caller: Caller) -> Bool {
        switch access {
        case .anyone: return true
        case .user: return caller != .nobody
        case .teacher, .publisher, .courseStaff, .studentsTeacher: return [.admin, .owner].contains(caller)
        case .admin: return caller == .admin
        case .courseOwner: return [.admin, .owner].contains(caller)
        case .courseMember: return [.admin, .owner, .student].contains(caller)
        }
    }

    @Test func everyRoute_WithEveryRole_IsAllowedOrRefusedWithoutSideEffects() throws {
        let server = try TestServer()
        try server.addUser("admin", role: .admin)
        try server.addUser("owner", role: .teacher)
        try server.addUser("otherteacher", role: .teacher)
        try server.addUser("student", role: .student)
        try server.addUser("outsider", role: .student)
        try server.addUser("leaver", role: .student)
        try server.addUser("erasable", role: .student)
        let rich = try SamplePackages.pack("rich-course")
        let small = try SamplePackages.pack("small-course")
        #expect(server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(rich)).status == 201)
        #expect(server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(small)).status == 201)
        #expect(
            server.request(.put, "/api/v1/courses/small-course/settings", as: "owner", json: ["enrollment": "open"])
                .status == 200)
        for name in ["student", "leaver"] {
            #expect(
                server.request(
                    .post, "/api/v1/courses/intro-programming/enrollments", as: "owner",
                    json: ["username": .init(.string(name))]
                ).status == 201)
        }
        let version = try #require(
            try server.app.store.courses.version(courseID: "intro-programming", version: "1.2.0"))
        let entryHash = try #require(
            try PackageManifest(data: Data(version.studentManifest.utf8)).entry("course.json")?.sha256)
        var nextVersion = 3
        var counter = 0

        for route in ServerApp.routes {
            for caller in Caller.allCases {
                counter += 1
                var path = route.pattern.replacingOccurrences(of: "{version}", with: "1.2.0")
                    .replacingOccurrences(
                        of: "{sha256}",
                        with: route.pattern.hasPrefix("/api/v1/sync/") ? SHA256.hash(Data("file".utf8)).hex : entryHash)
                path = path.replacingOccurrences(
                    of: "{id}", with: route.pattern.hasSuffix("/enroll") ? "small-course" : "intro-programming")
                path = path.replacingOccurrences(of: "{username}", with: route.method == .delete ? "leaver" : "student")
                path = path.replacingOccurrences(of: "{submission}", with: "no-such-submission").replacingOccurrences(
                    of: "{attempt}", with: "no-such-attempt"
                )
                .replacingOccurrences(of: "{code}", with: "ABCDE-FGHJK-MNPQR-STVWX")
                if route.pattern.hasSuffix("/delta") { path += "?from=1.2.0" }
                // An erasure is for good: it gets a user of its own.
                if route.pattern.hasSuffix("/erase") {
                    path = path.replacingOccurrences(of: "/student/", with: "/erasable/")
                }
                var json: [String: JSONValue]?
                var body: HTTPRequestBody?
                switch route.pattern {
                case "/api/v1/auth/login": json = ["username": "outsider", "password": "password-outsider"]
                case "/api/v1/auth/reset":
                    let code = Passwords.makeResetCode()
                    let target = try #require(try server.app.store.accounts.user(named: "outsider"))
                    try server.app.store.accounts.addResetCode(
                        hash: Passwords.secretHash(code, normalise: true), userID: target.id, createdBy: target.id,
                        expiresAt: nowMilliseconds() + 60_000)
                    json = ["username": "outsider", "code": .init(.string(code)), "newPassword": "password-outsider"]
                case "/api/v1/me/password":
                    json = [
                        "oldPassword": .init(.string("password-\(caller.username ?? "x")")),
                        "newPassword": .init(.string("password-\(caller.username ?? "x")"))
                    ]
                case "/api/v1/admin/users":
                    json = route.method == .post ? ["username": .init(.string("made\(counter)"))] : nil
                case "/api/v1/admin/users/{username}": json = ["displayName": "Student"]
                case "/api/v1/admin/users/import": body = .data(Data("username\nimported\(counter)\n".utf8))
                case "/api/v1/courses" where route.method == .post:
                    body = try server.upload(try SamplePackages.pack("rich-course", version: "1.\(nextVersion).0"))
                case "/api/v1/courses/{id}/settings": json = ["enrollment": "teacher"]
                case "/api/v1/courses/{id}/teachers": json = ["username": "admin"]
                case "/api/v1/courses/{id}/enroll": json = [:]
                case "/api/v1/courses/{id}/enrollments" where route.method == .post: json = ["username": "student"]
                case "/api/v1/courses/{id}/enrollments/{username}/completion": json = ["completed": false]
                case "/api/v1/courses/{id}/enrollments/{username}/groups": json = ["add": [.init(.string("morning"))]]
                case "/api/v1/admin/users/{username}/erase": json = ["confirm": "erasable"]
                case "/api/v1/sync/push":
                    body = .data(
                        Data(
                            WireCodec.encode([
                                "device": .init(.string("device-\(caller.rawValue)")), "clock": 1, "entries": []
                            ])))
                case "/api/v1/courses/{id}/submissions/{submission}/grade",
                    "/api/v1/courses/{id}/attempts/{attempt}/grade":
                    json = ["scores": ["points": 1], "feedback": "ok"]
                case "/api/v1/sync/blobs/missing":
                    json = ["sha256": [.init(.string(String(repeating: "a", count: 64)))]]
                case "/api/v1/sync/blobs/{sha256}":
                    let file = server.app.blobs.makeTempPath()
                    FileManager.default.createFile(atPath: file, contents: Data("file".utf8))
                    body = .file(path: file, size: 4)
                default: break
                }
                if route.pattern == "/api/v1/courses/{id}/enroll" {
                    json = nil
                    body = .data(Data("{}".utf8))
                }
                // Communication: a post of the caller's own (a member's) or of the student's, so that the author-only
                // rules inside the handlers do not hide what the route's access allows.
                if route.pattern.contains("{post}") {
                    let author = [.admin, .owner, .student].contains(caller) ? caller.username ?? "student" : "student"
                    path = path.replacingOccurrences(
                        of: "{post}", with: try CommunicationTestSupport.makePost(server, by: author))
                }
                switch (route.method, route.pattern) {
                case (.post, "/api/v1/courses/{id}/announcements"): json = ["title": "T", "body": "B"]
                case (.post, "/api/v1/courses/{id}/forum"): json = ["title": "T", "body": "B"]
                case (.post, "/api/v1/courses/{id}/forum/{post}/replies"),
                    (.patch, "/api/v1/courses/{id}/forum/{post}"):
                    json = ["body": "B"]
                case (.post, "/api/v1/courses/{id}/messages"):
                    json = ["to": caller == .student ? "owner" : "student", "body": "B"]
                default: break
                }
                let before = try server.snapshot()
                let response = server.request(route.method, path, as: caller.username, json: json, body: body)
                let allowed = Self.isAllowed(route.access, caller)
                if allowed {
                    #expect(
                        ![401, 403].contains(response.status) && response.status < 500,
                        "\(route.label) as \(caller.rawValue): \(response.status) \(String(decoding: response.bodyData, as: UTF8.self))"
                    )
                    if route.method == .post, route.pattern == "/api/v1/courses", response.status == 201 {
                        nextVersion += 1
                    }
                    // Logging out, and a password reset (which revokes every token of the user), end sessions: log in again.
                    let ended =
                        route.pattern == "/api/v1/auth/logout"
                        ? caller.username : route.pattern == "/api/v1/auth/reset" ? "outsider" : nil
                    if let name = ended {
                        let login = server.request(
                            .post, "/api/v1/auth/login",
                            json: ["username": .init(.string(name)), "password": .init(.string("password-\(name)"))])
                        server.tokens[name] = login.json["token"]?.stringValue
                    }
                } else {
                    #expect(
                        response.status == (caller == .nobody ? 401 : 403),
                        "\(route.label) as \(caller.rawValue): \(response.status)")
                    #expect(
                        try server.snapshot() == before, "\(route.label) as \(caller.rawValue) changed the database")
                    #expect(response.json["error"]?["code"]?.stringValue != nil, "errors are JSON")
                }
            }
        }
    }

    @Test func unknownPaths_Are404_AndWrongMethods_Are405WithAllow() throws {
        let server = try TestServer()
        #expect(server.request(.get, "/api/v1/nothing").status == 404)
        let wrong = server.request(.delete, "/api/v1/me")
        #expect(wrong.status == 405)
        #expect(wrong.headers["Allow"] == "GET")
        #expect(server.request(.head, "/healthz").status == 200, "HEAD is answered as GET")
    }

    @Test func badTokens_Are401() throws {
        let server = try TestServer()
        let user = server.request(.get, "/api/v1/me", headers: [("Authorization", "Bearer lms_notatoken")])
        #expect(user.status == 401)
        #expect(server.request(.get, "/api/v1/me", headers: [("Authorization", "Basic abc")]).status == 401)
    }
}

// MARK: - Edge cases (each failed before its fix)

extension RouteAccessTests {
    @Test func requestsWithoutTheRight_AreAnsweredBeforeTheirBodyIsRead() throws {
        let server = try TestServer.withRichCourse()
        for (method, path, headers) in [
            (HTTPMethod.post, "/api/v1/courses", HTTPHeaders()),
            (
                .post, "/api/v1/admin/users/import",
                HTTPHeaders([("Authorization", "Bearer \(server.tokens["student"] ?? "")")])
            ),
            (.post, "/api/v1/nowhere", HTTPHeaders())
        ] {
            guard case .respond(let response) = server.app.bodyPolicy(method: method, path: path, headers: headers)
            else {
                Issue.record("\(path) would read the body")
                continue
            }
            #expect([401, 403, 404].contains(response.status))
        }
        guard
            case .spool = server.app.bodyPolicy(
                method: .post, path: "/api/v1/courses",
                headers: HTTPHeaders([("Authorization", "Bearer \(server.tokens["owner"] ?? "")")]))
        else {
            Issue.record("a teacher's upload must be spooled")
            return
        }
    }

    @Test func demotedTeacher_LosesStaffRights_AndTheFullBuild() throws {
        let server = try TestServer.withRichCourse()
        #expect(server.request(.get, "/api/v1/courses/intro-programming/enrollments", as: "owner").status == 200)
        #expect(
            server.request(.patch, "/api/v1/admin/users/owner", as: "admin", json: ["role": "student"]).status == 200)
        #expect(server.request(.get, "/api/v1/courses/intro-programming/enrollments", as: "owner").status == 403)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/1.2.0/package", as: "owner").status == 403)
    }
}
