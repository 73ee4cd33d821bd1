import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Publishing and the catalogue (`CatalogueRoutes`): versions refused or stored, the catalogue
/// searched, packages and deltas downloaded.
struct CatalogueRoutesTests {
    func world() throws -> TestServer {
        try TestServer(users: ["admin": .admin, "owner": .teacher, "other": .teacher, "student": .student])
    }

    @Test func publish_ThenSameOrLowerVersion_Is409_AndInvalidIs422WithNothingStored() throws {
        let server = try world()
        let v120 = try SamplePackages.pack("rich-course")
        let published = server.request(
            .post, "/api/v1/courses", as: "owner", body: try server.upload(v120),
            headers: [("X-Changelog", "First edition")])
        #expect(published.status == 201)
        #expect(published.json["studentPackageId"]?.stringValue?.count == 64)
        #expect(server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(v120)).status == 409)
        let v130 = try SamplePackages.pack("rich-course", version: "1.3.0")
        #expect(
            server.request(.post, "/api/v1/courses", as: "other", body: try server.upload(v130)).status == 403,
            "not their course")
        let second = server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(v130))
        #expect(second.status == 201)
        #expect(second.json["previousVersion"]?.stringValue == "1.2.0")
        #expect(second.json["changes"]?["changed"]?.arrayValue?.compactMap(\.stringValue) == ["course.json"])
        #expect(
            try server.publish("rich-course", version: "1.2.5", as: "owner").status == 409)

        let before = try server.snapshot()
        let junk = NSTemporaryDirectory() + "junk-\(UUID().uuidString).zip"
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: junk))
        let invalid = server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(junk))
        #expect(invalid.status == 422)
        #expect(invalid.json["error"]?["code"]?.stringValue == "invalid_package")
        #expect(try server.snapshot() == before)
        let student = try PackageBuilder.studentBuild(
            of: v130, to: NSTemporaryDirectory() + "s-\(UUID().uuidString).zip")
        #expect(
            server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(student.path)).status == 422,
            "student builds are refused")
        #expect(server.request(.post, "/api/v1/courses", as: "owner").status == 400)

        let details = server.request(.get, "/api/v1/courses/intro-programming", as: "student")
        #expect(details.json["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == ["1.3.0", "1.2.0"])
        #expect(details.json["versions"]?.arrayValue?.last?["changelog"]?.stringValue == "First edition")
    }

    @Test func students_DownloadTheStudentBuild_WithETagAndRanges_AndNeverExamKeys() throws {
        let server = try world()
        let package = try SamplePackages.pack("rich-course")
        #expect(server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(package)).status == 201)
        let path = "/api/v1/courses/intro-programming/versions/1.2.0/package"
        #expect(server.request(.get, path, as: "student").status == 403, "enroll first")
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/enrollments", as: "owner", json: ["username": "student"]
            ).status == 201)
        let download = server.request(.get, path, as: "student")
        #expect(download.status == 200)
        #expect(download.headers["Accept-Ranges"] == "bytes")
        let file = NSTemporaryDirectory() + "dl-\(UUID().uuidString).zip"
        try download.bodyData.write(to: URL(fileURLWithPath: file))
        let archive = try PackageArchive(path: file)
        #expect(archive.manifest.build == .student)
        #expect(download.headers["ETag"] == "\"\(archive.packageID)\"")
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/latest/package", as: "student").headers[
                "ETag"] == download.headers["ETag"])
        let teacherCopy = server.request(.get, path, as: "owner")
        #expect(
            try PackageArchive(
                path: {
                    let f = file + ".t"
                    try teacherCopy.bodyData.write(to: URL(fileURLWithPath: f))
                    return f
                }()
            ).manifest.build == .full)

        // Entries by hash: the student build's exam file yes, the full build's exam file (with keys) never.
        let full = try PackageArchive(path: package)
        let keyed = try #require(full.manifest.entry("02-practice/02-exam.quiz.json")?.sha256)
        let keyless = try #require(archive.manifest.entry("02-practice/02-exam.quiz.json")?.sha256)
        #expect(keyed != keyless)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/1.2.0/entries/\(keyed)", as: "student")
                .status == 404)
        let entry = server.request(
            .get, "/api/v1/courses/intro-programming/versions/1.2.0/entries/\(keyless)", as: "student")
        #expect(entry.status == 200)
        #expect(SHA256.hash(entry.bodyData).hex == keyless)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/1.2.0/entries/\(keyed)", as: "owner")
                .status == 200)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/versions/9.9.9/package", as: "student").status
                == 404)
    }

    @Test func delta_ListsOnlyChangedEntries() throws {
        let server = try world()
        #expect(
            try server.publish("rich-course", as: "owner").status == 201)
        #expect(
            try server.publish("rich-course", version: "2.0.0", as: "owner").status == 201)
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/enrollments", as: "owner", json: ["username": "student"]
            ).status == 201)
        let delta = server.request(.get, "/api/v1/courses/intro-programming/delta?from=1.2.0", as: "student")
        #expect(delta.status == 200)
        #expect(delta.json["fetch"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == ["course.json"])
        #expect(delta.json["to"]?["version"]?.stringValue == "2.0.0")
        #expect(server.request(.get, "/api/v1/courses/intro-programming/delta", as: "student").status == 400)
    }

    @Test func catalogue_SearchesAndFilters_WithEnrollmentState() throws {
        let server = try world()
        #expect(
            try server.publish("rich-course", as: "owner").status == 201)
        #expect(
            try server.publish("small-course", as: "other").status == 201)
        #expect(
            server.request(
                .post, "/api/v1/courses/small-course/enrollments", as: "other", json: ["username": "student"]
            ).status == 201)
        func ids(_ query: String) -> [String] {
            server.request(.get, "/api/v1/courses" + query, as: "student").json["courses"]?.arrayValue?.compactMap {
                $0["id"]?.stringValue
            } ?? []
        }
        #expect(ids("") == ["small-course", "intro-programming"])
        #expect(ids("?q=programming") == ["intro-programming"])
        #expect(ids("?instructor=hopper") == ["small-course"])
        #expect(ids("?tag=beginner") == ["intro-programming"])
        #expect(ids("?language=en").count == 2)
        #expect(ids("?enrollment=enrolled") == ["small-course"])
        #expect(ids("?enrollment=not-enrolled") == ["intro-programming"])
        #expect(server.request(.get, "/api/v1/courses?enrollment=maybe", as: "student").status == 400)
    }
}

// MARK: - Edge cases (each failed before its fix)

extension CatalogueRoutesTests {
    @Test(arguments: ["\"format\": 1e19", "\"size\": 1e20", "\"size\": -1", "\"size\": 1.5"])
    func hostileManifestNumbers_AreRefused_NotACrash(_ replacement: String) throws {
        let manifest =
            "{\"build\": \"full\", \"course\": {\"id\": \"abc\", \"title\": \"t\", \"version\": \"1.0.0\"}, \"entries\": [{\"path\": \"a\", \"sha256\": \"\(String(repeating: "0", count: 64))\", \"size\": 1}], \"format\": 1}"
        let hostile = manifest.replacingOccurrences(
            of: replacement.hasPrefix("\"format\"") ? "\"format\": 1" : "\"size\": 1", with: replacement)
        #expect(throws: PackageError.self) { try PackageManifest(data: Data(hostile.utf8)) }
    }

    @Test func buildMetadataVersions_AreRefused() throws {
        let server = try TestServer.withRichCourse()
        let same = server.request(
            .post, "/api/v1/courses", as: "owner",
            body: try server.upload(try SamplePackages.pack("rich-course", version: "1.2.0+b1")))
        #expect(same.status == 422)
        #expect(same.json["error"]?["code"]?.stringValue == "invalid_version")
    }
}
