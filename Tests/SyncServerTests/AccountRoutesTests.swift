import Foundation
import LMSModel
import Testing
@testable import SyncServer

struct AccountRoutesTests {
    @Test func login_ReturnsTokenExpiryAndUser_AndLogoutRevokes() throws {
        let server = try TestServer()
        try server.app.store.accounts.createUser(
            username: "ada", displayName: "Ada", email: "ada@example.org", role: .student,
            password: Passwords.hash("correct horse", iterations: Passwords.minimumIterations))
        let login = server.request(.post, "/api/v1/auth/login", json: ["username": "ADA", "password": "correct horse"])
        #expect(login.status == 200)
        let token = try #require(login.json["token"]?.stringValue)
        #expect(token.hasPrefix("lms_") && token.count > 40)
        #expect(login.json["expiresAt"]?.stringValue?.hasSuffix("Z") == true)
        #expect(login.json["user"]?["username"]?.stringValue == "ada")
        server.tokens["ada"] = token
        #expect(server.request(.get, "/api/v1/me", as: "ada").json["user"]?["email"]?.stringValue == "ada@example.org")
        // The token is stored only as a hash.
        let stored = try server.snapshot()
        #expect(!stored.contains(token))
        #expect(server.request(.post, "/api/v1/auth/logout", as: "ada").status == 204)
        #expect(server.request(.get, "/api/v1/me", as: "ada").status == 401)
    }

    @Test func wrongPasswords_AreThrottledPerUser_WithRetryAfter() throws {
        let server = try TestServer()
        try server.addUser("bob", role: .student)
        for _ in 0..<ServerLimits.freeLoginFailures {
            #expect(
                server.request(.post, "/api/v1/auth/login", json: ["username": "bob", "password": "nope-nope"]).status
                    == 401)
        }
        let locked = server.request(.post, "/api/v1/auth/login", json: ["username": "bob", "password": "password-bob"])
        #expect(locked.status == 429)
        #expect(Int(locked.headers["Retry-After"] ?? "") ?? 0 >= Int(ServerLimits.firstLockoutSeconds) - 1)
        // Another address is still throttled for that user; others on the same address are not (yet).
        #expect(
            server.request(
                .post, "/api/v1/auth/login", json: ["username": "bob", "password": "password-bob"], remote: "10.0.0.9"
            ).status == 429)
        try server.addUser("carol", role: .student)
        #expect(
            server.request(.post, "/api/v1/auth/login", json: ["username": "carol", "password": "password-carol"])
                .status == 200)
    }

    @Test func manyFailuresFromOneAddress_ThrottleThatAddress() throws {
        let server = try TestServer()
        try server.addUser("dora", role: .student)
        for i in 0..<ServerLimits.freeAddressFailures {
            _ = server.request(
                .post, "/api/v1/auth/login", json: ["username": .init(.string("guess\(i)")), "password": "wrong-one"],
                remote: "10.9.9.9")
        }
        #expect(
            server.request(
                .post, "/api/v1/auth/login", json: ["username": "dora", "password": "password-dora"], remote: "10.9.9.9"
            ).status == 429)
        #expect(
            server.request(
                .post, "/api/v1/auth/login", json: ["username": "dora", "password": "password-dora"], remote: "10.9.9.8"
            ).status == 200)
    }

    @Test func changingThePassword_EndsOtherSessions() throws {
        let server = try TestServer()
        try server.addUser("gus", role: .student)
        let other =
            server.request(.post, "/api/v1/auth/login", json: ["username": "gus", "password": "password-gus"]).json[
                "token"]?.stringValue ?? ""
        #expect(
            server.request(
                .put, "/api/v1/me/password", as: "gus",
                json: ["oldPassword": "password-gus", "newPassword": "brand new pass"]
            ).status == 204)
        #expect(server.request(.get, "/api/v1/me", as: "gus").status == 200, "the session that changed it stays")
        #expect(server.request(.get, "/api/v1/me", headers: [("Authorization", "Bearer \(other)")]).status == 401)
    }

    @Test func unknownUser_AndDisabledUser_GetTheSameAnswer() throws {
        let server = try TestServer()
        try server.addUser("admin", role: .admin)
        try server.addUser("dan", role: .student)
        let unknown = server.request(.post, "/api/v1/auth/login", json: ["username": "nobody", "password": "whatever1"])
        #expect(unknown.status == 401)
        #expect(server.request(.patch, "/api/v1/admin/users/dan", as: "admin", json: ["disabled": true]).status == 200)
        #expect(server.request(.get, "/api/v1/me", as: "dan").status == 401, "disabling revokes tokens")
        let disabled = server.request(
            .post, "/api/v1/auth/login", json: ["username": "dan", "password": "password-dan"], remote: "10.1.1.1")
        #expect(disabled.status == 401)
        #expect(disabled.json["error"]?["message"] == unknown.json["error"]?["message"])
    }

    @Test func resetCode_FromTheTeacher_SetsANewPasswordOnce() throws {
        let server = try TestServer()
        try server.addUser("teacher", role: .teacher)
        try server.addUser("eve", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "teacher",
                body: try server.upload(try SamplePackages.pack("small-course"))
            ).status == 201)
        #expect(
            server.request(.post, "/api/v1/users/eve/reset-code", as: "teacher").status == 403,
            "not yet the teacher's student")
        #expect(
            server.request(.post, "/api/v1/courses/small-course/enrollments", as: "teacher", json: ["username": "eve"])
                .status == 201)
        let made = server.request(.post, "/api/v1/users/eve/reset-code", as: "teacher")
        #expect(made.status == 201)
        let code = try #require(made.json["code"]?.stringValue)
        #expect(code.count == 14)
        let spoken = code.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(
            server.request(
                .post, "/api/v1/auth/reset",
                json: ["username": "eve", "code": .init(.string(spoken)), "newPassword": "short"]
            ).status == 422)
        #expect(
            server.request(
                .post, "/api/v1/auth/reset",
                json: ["username": "eve", "code": .init(.string(spoken)), "newPassword": "a new password"]
            ).status == 204)
        #expect(server.request(.get, "/api/v1/me", as: "eve").status == 401, "a reset ends every session")
        #expect(
            server.request(
                .post, "/api/v1/auth/reset",
                json: ["username": "eve", "code": .init(.string(code)), "newPassword": "another one!"]
            ).status == 403)
        #expect(
            server.request(.post, "/api/v1/auth/login", json: ["username": "eve", "password": "a new password"]).status
                == 200)
    }

    @Test func changePassword_NeedsTheOldOne() throws {
        let server = try TestServer()
        try server.addUser("fay", role: .student)
        #expect(
            server.request(
                .put, "/api/v1/me/password", as: "fay",
                json: ["oldPassword": "wrong-one", "newPassword": "new password"]
            ).status == 403)
        #expect(
            server.request(
                .put, "/api/v1/me/password", as: "fay",
                json: ["oldPassword": "password-fay", "newPassword": "new password"]
            ).status == 204)
        #expect(
            server.request(.post, "/api/v1/auth/login", json: ["username": "fay", "password": "new password"]).status
                == 200)
    }

    @Test(arguments: [
        ("{\"username\": \"a\"", "invalid_json"),
        ("[1, 2]", "invalid_json"),
        ("{\"username\": 5, \"password\": \"x\"}", "wrong_type"),
        ("{\"username\": \"a\", \"password\": \"b\", \"admin\": true}", "unknown_field"),
        ("{\"password\": \"b\"}", "missing_field")
    ])
    func badJSON_IsA400ThatNamesTheProblem(_ body: String, _ code: String) throws {
        let server = try TestServer()
        let response = server.request(.post, "/api/v1/auth/login", body: .data(Data(body.utf8)))
        #expect(response.status == 400)
        #expect(response.json["error"]?["code"]?.stringValue == code)
    }
}

// MARK: - Edge cases (each failed before its fix)

extension AccountRoutesTests {
    @Test func teacherResetCodes_OnlyForStudentsWhollyInTheirCourses() throws {
        let server = try TestServer.withRichCourse()
        try server.addUser("rival", role: .teacher)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "rival", body: try server.upload(try SamplePackages.pack("small-course"))
            ).status == 201)
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/enrollments", as: "owner", json: ["username": "student"]
            ).status == 201)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "owner").status == 201)
        // The rival enrolls the student in a throwaway course to take the account over: refused.
        #expect(
            server.request(
                .post, "/api/v1/courses/small-course/enrollments", as: "rival", json: ["username": "student"]
            ).status == 201)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "rival").status == 403)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "owner").status == 403)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "admin").status == 201)
    }

    /// Issue 13, item 2: a student removed from a course keeps their work and messages there, so
    /// another teacher who enrolls them afterwards must not take the account over.
    @Test func teacherResetCodes_NotForAStudentOnceInAnotherTeachersCourse() throws {
        let server = try TestServer.withRichCourse()
        try server.addUser("rival", role: .teacher)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "rival", body: try server.upload(try SamplePackages.pack("small-course"))
            ).status == 201)
        let enroll = { (course: String, teacher: String) in
            server.request(
                .post, "/api/v1/courses/\(course)/enrollments", as: teacher, json: ["username": "student"]
            ).status
        }
        #expect(enroll("intro-programming", "owner") == 201)
        #expect(
            server.request(.delete, "/api/v1/courses/intro-programming/enrollments/student", as: "owner").status
                == 204)
        #expect(enroll("small-course", "rival") == 201)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "rival").status == 403)
        #expect(server.request(.post, "/api/v1/users/student/reset-code", as: "admin").status == 201)
    }

    /// Issue 13, item 8: a login to the attacker's own account takes back only its own reservation
    /// from the address's counter, so rounds of guesses between such logins still reach 429.
    @Test func aSuccessfulLogin_DoesNotClearTheAddresssFailures() throws {
        let server = try TestServer()
        try server.addUser("mallory", role: .student)
        let address = "10.7.7.7"
        let guess = { (n: Int) in
            server.request(
                .post, "/api/v1/auth/login", json: ["username": .init(.string("victim\(n)")), "password": "guess-one"],
                remote: address
            ).status
        }
        for n in 0..<(ServerLimits.freeAddressFailures - 1) { #expect(guess(n) == 401) }
        #expect(
            server.request(
                .post, "/api/v1/auth/login", json: ["username": "mallory", "password": "password-mallory"],
                remote: address
            ).status == 200)
        #expect(guess(1000) == 401)
        #expect(guess(1001) == 429)
    }

    /// Issue 13, item 9: a wrong old password is a guess, throttled like a login.
    @Test func wrongOldPasswords_AreThrottledLikeLogins() throws {
        let server = try TestServer()
        try server.addUser("fay", role: .student)
        let change = {
            server.request(
                .put, "/api/v1/me/password", as: "fay",
                json: ["oldPassword": "wrong-one", "newPassword": "new password"]
            )
        }
        for _ in 0..<ServerLimits.freeLoginFailures { #expect(change().status == 403) }
        let locked = change()
        #expect(locked.status == 429)
        #expect(Int(locked.headers["Retry-After"] ?? "") ?? 0 > 0)
    }

    /// Issue 13, item 9: every login adds a session; past the limit the oldest ends.
    @Test func sessionsPerUser_AreBounded_TheOldestEnds() throws {
        let server = try TestServer()
        try server.addUser("sam", role: .student)
        var tokens: [String] = []
        for _ in 0..<(ServerLimits.maxSessionsPerUser + 5) {
            let login = server.request(
                .post, "/api/v1/auth/login", json: ["username": "sam", "password": "password-sam"])
            tokens.append(login.json["token"]?.stringValue ?? "")
        }
        let rows = try server.app.store.queue.read { db in
            try db.fetchScalar(
                Int64.self, "SELECT COUNT(*) FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'sam'")
        }
        #expect(rows == Int64(ServerLimits.maxSessionsPerUser))
        server.tokens["sam"] = tokens.first
        #expect(server.request(.get, "/api/v1/me", as: "sam").status == 401, "the oldest session ended")
        server.tokens["sam"] = tokens.last
        #expect(server.request(.get, "/api/v1/me", as: "sam").status == 200)
    }
}
