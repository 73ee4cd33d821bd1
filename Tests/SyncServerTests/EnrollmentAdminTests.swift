import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

struct EnrollmentAdminTests {
    func world() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("admin", role: .admin)
        try server.addUser("owner", role: .teacher)
        try server.addUser("student", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("small-course"))
            ).status == 201)
        return server
    }

    @Test func selfEnrollment_FollowsTheCourseMode() throws {
        let server = try world()
        let enroll = "/api/v1/courses/small-course/enroll"
        #expect(server.request(.post, enroll, as: "student", json: [:]).status == 403, "teacher-managed by default")
        #expect(
            server.request(.put, "/api/v1/courses/small-course/settings", as: "owner", json: ["enrollment": "key"])
                .status == 422, "a key mode needs a key")
        #expect(
            server.request(
                .put, "/api/v1/courses/small-course/settings", as: "owner",
                json: ["enrollment": "key", "key": "BLUE-FISH"]
            ).status == 200)
        #expect(server.request(.post, enroll, as: "student", json: ["key": "red-fish"]).status == 403)
        #expect(server.request(.post, enroll, as: "student", json: ["key": "blue fish"]).status == 201)
        #expect(server.request(.post, enroll, as: "student", json: ["key": "blue fish"]).status == 200, "idempotent")
        let roster = server.request(.get, "/api/v1/courses/small-course/enrollments", as: "owner")
        #expect(roster.json["students"]?.arrayValue?.first?["source"]?.stringValue == "key")
        #expect(server.request(.delete, "/api/v1/courses/small-course/enrollments/student", as: "owner").status == 204)
        #expect(
            server.request(.get, "/api/v1/courses/small-course/versions/1.0.0/package", as: "student").status == 403)
        #expect(
            server.request(.put, "/api/v1/courses/small-course/settings", as: "owner", json: ["enrollment": "open"])
                .status == 200)
        #expect(server.request(.post, enroll, as: "student", json: [:]).status == 201)
    }

    @Test func prerequisitesAndEndDates_AreEnforced() throws {
        let server = try world()
        // A course that requires small-course, and one that has ended.
        let folder = NSTemporaryDirectory() + "lms-pre-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/01-m", withIntermediateDirectories: true)
        try
            #"{"id": "next-course", "version": "1.0.0", "title": "Next", "prerequisites": [{"course": "small-course"}]}"#
            .write(toFile: folder + "/course.json", atomically: true, encoding: .utf8)
        try "# L\n".write(toFile: folder + "/01-m/01-l.md", atomically: true, encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let next = NSTemporaryDirectory() + "next-\(UUID().uuidString).zip"
        _ = try PackageBuilder.pack(folder: folder, to: next, diagnostics: &diagnostics)
        #expect(server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(next)).status == 201)
        #expect(
            server.request(.put, "/api/v1/courses/next-course/settings", as: "owner", json: ["enrollment": "open"])
                .status == 200)
        let refused = server.request(.post, "/api/v1/courses/next-course/enroll", as: "student", json: [:])
        #expect(refused.status == 403)
        #expect(refused.json["error"]?["message"]?.stringValue?.contains("complete small-course") == true)
        #expect(
            server.request(.post, "/api/v1/courses/next-course/enrollments", as: "owner", json: ["username": "student"])
                .status == 403)
        // Completing the prerequisite (recorded by its teacher) opens the door.
        #expect(
            server.request(
                .post, "/api/v1/courses/small-course/enrollments", as: "owner", json: ["username": "student"]
            ).status == 201)
        let done = server.request(
            .put, "/api/v1/courses/small-course/enrollments/student/completion", as: "owner", json: ["completed": true])
        #expect(done.json["version"]?.stringValue == "1.0.0")
        #expect(server.request(.post, "/api/v1/courses/next-course/enroll", as: "student", json: [:]).status == 201)
        #expect(
            server.request(
                .post, "/api/v1/courses/next-course/enrollments", as: "owner",
                json: ["username": "student", "ignorePrerequisites": true, "groups": ["morning"]]
            ).status == 201)
        try server.app.store.write { db in
            try db.execute(
                "UPDATE courses SET end_date = '2001-01-01', enrollment_mode = 'open' WHERE id = 'small-course'")
        }
        try server.addUser("latecomer", role: .student)
        let ended = server.request(.post, "/api/v1/courses/small-course/enroll", as: "latecomer", json: [:])
        #expect(ended.status == 403)
        #expect(ended.json["error"]?["message"]?.stringValue?.contains("ended on 2001-01-01") == true)
    }

    @Test func admin_CreatesUpdatesAndImportsUsers_AllOrNothing() throws {
        let server = try world()
        let made = server.request(
            .post, "/api/v1/admin/users", as: "admin", json: ["username": "newbie", "role": "teacher"])
        #expect(made.status == 201)
        #expect(made.json["resetCode"]?.stringValue?.count == 14, "no password given: a reset code to hand over")
        #expect(server.request(.post, "/api/v1/admin/users", as: "admin", json: ["username": "NEWBIE"]).status == 409)
        #expect(server.request(.post, "/api/v1/admin/users", as: "admin", json: ["username": "x y"]).status == 422)
        #expect(
            server.request(.post, "/api/v1/admin/users", as: "admin", json: ["username": "ok", "role": "king"]).status
                == 422)
        #expect(
            server.request(
                .patch, "/api/v1/admin/users/newbie", as: "admin", json: ["role": "student", "displayName": "New Bie"]
            ).json["user"]?["role"]?.stringValue == "student")
        #expect(
            server.request(.patch, "/api/v1/admin/users/admin", as: "admin", json: ["disabled": true]).status == 422,
            "no self-lockout")

        let before = try server.snapshot()
        let bad =
            "username,displayName,role,password\nann,Ann,student,long enough\nben,Ben,wizard,\nstudent,Dup,student,\n"
        let refused = server.request(.post, "/api/v1/admin/users/import", as: "admin", body: .data(Data(bad.utf8)))
        #expect(refused.status == 422)
        let message = refused.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("line 3: role must be student, teacher or admin"))
        #expect(message.contains("line 4: the username \"student\" is taken"))
        #expect(try server.snapshot() == before, "nothing imported")
        let good = "username,displayName,email\r\nann,\"Ann, the First\",ann@example.org\r\nben,Ben,\r\n"
        let imported = server.request(.post, "/api/v1/admin/users/import", as: "admin", body: .data(Data(good.utf8)))
        #expect(imported.status == 201)
        #expect(imported.json["created"]?.numberValue == 2)
        #expect(try server.app.store.accounts.user(named: "ann")?.displayName == "Ann, the First")
        let stats = server.request(.get, "/api/v1/admin/stats", as: "admin")
        #expect(stats.json["users"]?["student"]?.numberValue == 4)
        #expect(stats.json["courses"]?.numberValue == 1)
        let list = server.request(.get, "/api/v1/admin/users?role=teacher", as: "admin")
        #expect(list.json["users"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["owner"])
    }

    @Test func metrics_AndHealth_Answer() throws {
        let server = try world()
        #expect(server.request(.get, "/healthz").status == 200)
        let metrics = String(decoding: server.request(.get, "/metrics").bodyData, as: UTF8.self)
        #expect(metrics.contains("lms_users{role=\"student\"} 1"))
        #expect(metrics.contains("lms_courses 1"))
    }
}

// MARK: - Edge cases (each failed before its fix)

extension EnrollmentAdminTests {
    @Test func enrollInAnOpenCourse_WithoutABody() throws {
        let server = try TestServer.withRichCourse()
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/settings", as: "owner", json: ["enrollment": "open"]
            ).status == 200)
        #expect(server.request(.post, "/api/v1/courses/intro-programming/enroll", as: "student").status == 201)
    }

    @Test func wrongEnrollmentKeys_AreThrottled() throws {
        let server = try TestServer.withRichCourse()
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/settings", as: "owner",
                json: ["enrollment": "key", "key": "abc"]
            ).status == 422)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/settings", as: "owner",
                json: ["enrollment": "key", "key": "BLUE-FISH-7"]
            ).status == 200)
        for _ in 0..<ServerLimits.freeLoginFailures {
            #expect(
                server.request(.post, "/api/v1/courses/intro-programming/enroll", as: "student", json: ["key": "guess"])
                    .status == 403)
        }
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/enroll", as: "student", json: ["key": "blue fish 7"]
            ).status == 429)
    }
}
