import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Certificates the server issues by itself: the grade a teacher made offline and pushed can be what
/// makes a student eligible (the student, who has finished, pushes nothing more).
@Suite struct CertificateIssueTests {
    /// The small sample with an essay assignment that alone decides the grade, and certificates on.
    static func essayCourse() throws -> String {
        let folder = NSTemporaryDirectory() + "lms-cert-essay-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: SamplePackages.root + "/samples/small-course", toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/course.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "\"language\"",
                with:
                    "\"certificate\": true, \"grading\": {\"passPercent\": 50, \"weights\": {\"assignment\": 1}},\n  \"language\""
            )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try "---\npoints: 10\nsubmission: text\n---\n# Essay\nWrite what you learned.\n"
            .write(toFile: folder + "/01-basics/04-essay.assignment.md", atomically: true, encoding: .utf8)
        let output = NSTemporaryDirectory() + "lms-package-\(UUID().uuidString).zip"
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(folder: folder, to: output, diagnostics: &diagnostics)
        return output
    }

    static func entry(_ seq: Int, _ kind: String, _ entity: String, _ payload: [(key: String, value: JSONValue)])
        -> JSONValue
    {
        JSONValue(
            .object([
                ("seq", .init(.number(Double(seq)))), ("prev", .init(.number(Double(seq - 1)))),
                ("kind", .init(.string(kind))),
                ("entity", .init(.string(entity))), ("at", 1), ("payload", JSONValue(.object(payload)))
            ]))
    }

    @Test func aGradePushedFromATeachersLaptop_IssuesTheCertificateItMadeEarned() throws {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("ana", role: .student)
        #expect(
            server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(try Self.essayCourse()))
                .status == 201)
        #expect(
            server.request(.post, "/api/v1/courses/small-course/enrollments", as: "owner", json: ["username": "ana"])
                .status == 201)
        func certificates() throws -> [JSONValue] {
            try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "certificate" }
        }
        // Ana finishes every lesson and submits the essay: complete, but not yet passing (the essay is ungraded).
        let work =
            ["basics/hello", "basics/next"].enumerated().map { i, lesson in
                Self.entry(
                    i + 1, "progress", "me/small-course/\(lesson)",
                    [("course", "small-course"), ("lesson", .init(.string(lesson))), ("completed", true)])
            } + [
                Self.entry(
                    3, "submission", "sub-essay",
                    [
                        ("course", "small-course"), ("assignment", "basics/essay"), ("text", "Loops and lists."),
                        ("version", 1), ("submittedAt", .init(.number(Double(nowMilliseconds()))))
                    ])
            ]
        let pushed = server.push("ana", device: "dev-ana-1", entries: work)
        #expect(pushed.status == 200 && pushed.json["rejected"]?.arrayValue?.isEmpty == true, "\(pushed.json)")
        #expect(try certificates().isEmpty)
        // The teacher grades it offline; the laptop's push carries the grade that makes her pass.
        let grade = Self.entry(
            1, "grade", "submission/sub-essay/1",
            [
                ("course", "small-course"), ("submission", "sub-essay"),
                ("scores", .init(.object([(key: "points", value: 8)]))),
                ("gradedAt", .init(.number(Double(nowMilliseconds() - 1000))))
            ])
        let graded = server.push("owner", device: "dev-owner-1", entries: [grade])
        #expect(graded.status == 200 && graded.json["rejected"]?.arrayValue?.isEmpty == true, "\(graded.json)")
        let issued = try certificates()
        #expect(issued.count == 1 && issued.first?["payload"]?["name"]?.stringValue == "Ana")
    }
}
