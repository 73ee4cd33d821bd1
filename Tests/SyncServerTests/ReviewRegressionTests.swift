import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Regressions for defects found in review: each test failed before its fix.
struct ReviewRegressionTests {
    func world() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("admin", role: .admin)
        try server.addUser("owner", role: .teacher)
        try server.addUser("student", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("rich-course"))
            ).status == 201)
        return server
    }

    @Test(arguments: ["\"format\": 1e19", "\"size\": 1e20", "\"size\": -1", "\"size\": 1.5"])
    func hostileManifestNumbers_AreRefused_NotACrash(_ replacement: String) throws {
        let manifest =
            "{\"build\": \"full\", \"course\": {\"id\": \"abc\", \"title\": \"t\", \"version\": \"1.0.0\"}, \"entries\": [{\"path\": \"a\", \"sha256\": \"\(String(repeating: "0", count: 64))\", \"size\": 1}], \"format\": 1}"
        let hostile = manifest.replacingOccurrences(
            of: replacement.hasPrefix("\"format\"") ? "\"format\": 1" : "\"size\": 1", with: replacement)
        #expect(throws: PackageError.self) { try PackageManifest(data: Data(hostile.utf8)) }
    }

    @Test func requestsWithoutTheRight_AreAnsweredBeforeTheirBodyIsRead() throws {
        let server = try world()
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
        let server = try world()
        #expect(server.request(.get, "/api/v1/courses/intro-programming/enrollments", as: "owner").status == 200)
        #expect(
            server.request(.patch, "/api/v1/admin/users/owner", as: "admin", json: ["role": "student"]).status == 200)
        #expect(server.request(.get, "/api/v1/courses/intro-programming/enrollments", as: "owner").status == 403)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/1.2.0/package", as: "owner").status == 403)
    }

    @Test func teacherResetCodes_OnlyForStudentsWhollyInTheirCourses() throws {
        let server = try world()
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

    @Test func buildMetadataVersions_AreRefused() throws {
        let server = try world()
        let same = server.request(
            .post, "/api/v1/courses", as: "owner",
            body: try server.upload(try SamplePackages.pack("rich-course", version: "1.2.0+b1")))
        #expect(same.status == 422)
        #expect(same.json["error"]?["code"]?.stringValue == "invalid_version")
    }

    @Test func enrollInAnOpenCourse_WithoutABody() throws {
        let server = try world()
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/settings", as: "owner", json: ["enrollment": "open"]
            ).status == 200)
        #expect(server.request(.post, "/api/v1/courses/intro-programming/enroll", as: "student").status == 201)
    }

    @Test func wrongEnrollmentKeys_AreThrottled() throws {
        let server = try world()
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
