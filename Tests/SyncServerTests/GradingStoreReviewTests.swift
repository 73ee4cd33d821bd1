import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Until a teacher releases an exam's review (`GradingStore+Review`), no device of a student
/// receives the credit per question, the essay scores, the feedback or the answer key: not by a
/// pull from a second device, nor for a student who is also a teacher of another course. Teachers
/// of the course seeing their students' full results is intended.
struct GradingStoreReviewTests {
    static let course = "/api/v1/courses/intro-programming"

    /// The rich course with Ana, and Tess: a teacher who owns the small course and is enrolled in
    /// the rich one as a student. Both made an attempt at the exam; the owner graded the essays.
    static func world() throws -> TestServer {
        let server = try SyncRoutesTests().world()
        try server.addUser("tess", role: .teacher)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "tess", body: try server.upload(try SamplePackages.pack("small-course"))
            ).status == 201)
        #expect(
            server.request(.post, "\(course)/enrollments", as: "owner", json: ["username": "tess"]).status == 201)
        let start = nowMilliseconds() - 10 * 60_000
        for (name, id) in [("ana", "exam-ana"), ("tess", "exam-tess")] {
            let pushed = server.push(
                name, device: "dev-\(name)-one",
                entries: [ExamRulesTests.examAttempt(seq: 1, id: id, startedAt: start, submittedAt: start + 60_000)])
            #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true)
            #expect(
                server.request(
                    .put, "\(course)/attempts/\(id)/grade", as: "owner",
                    json: ["scores": ["e4": 2], "feedback": "The key of e2 was 5"]
                ).status == 200)
        }
        return server
    }

    /// What a device of `name` that starts from nothing pulls of the exam: its results and grades.
    static func examChanges(_ server: TestServer, _ name: String) throws -> [JSONValue] {
        try server.pullAll(name).changes.filter {
            ["attemptResult", "grade"].contains($0["kind"]?.stringValue ?? "")
                && $0["payload"]?["quiz"]?.stringValue ?? $0["payload"]?["item"]?.stringValue == "practice/exam"
        }
    }

    /// Whether a pulled result or grade carries anything per question.
    static func revealsDetail(_ change: JSONValue) -> Bool {
        let payload = change["payload"]
        return payload?["questions"] != nil || payload?["scores"]?.objectMembers?.isEmpty == false
            || payload?["feedback"]?.stringValue != nil
    }

    @Test func beforeRelease_NoDeviceOfAStudent_ReceivesCreditPerQuestion_FeedbackOrKeys() throws {
        let server = try Self.world()
        for name in ["ana", "tess"] {
            // Any device of the student: a pull from an empty cursor is what a second device makes.
            let changes = try Self.examChanges(server, name)
            #expect(changes.contains { $0["kind"]?.stringValue == "attemptResult" })
            #expect(changes.contains { $0["kind"]?.stringValue == "grade" })
            #expect(changes.filter(Self.revealsDetail).isEmpty, "\(name) pulled detail before the release")
            let owners = Set(changes.compactMap { $0["payload"]?["user"]?.stringValue })
            #expect(owners.count == 1, "\(name) pulls only their own results")
        }
        // Tess teaches another course: in this one she is a student, with a student's rights.
        for path in ["/attempts/exam-tess", "/attempts/exam-ana", "/reports/items", "/gradebook"] {
            #expect(server.request(.get, Self.course + path, as: "tess").status == 403, "\(path)")
        }
        let details = server.request(.get, Self.course, as: "tess").json
        let studentBuild = server.request(.get, Self.course, as: "ana").json
        let studentID = studentBuild["versions"]?.arrayValue?.first?["packageId"]?.stringValue
        #expect(studentID != nil)
        #expect(details["versions"]?.arrayValue?.first?["packageId"]?.stringValue == studentID)
        let package = server.request(.get, "\(Self.course)/versions/latest/package", as: "tess")
        #expect(package.headers["ETag"] == "\"\(studentID ?? "")\"")
        // The course's teacher sees the full result meanwhile (intended).
        let items = server.request(.get, "\(Self.course)/reports/items", as: "owner")
        #expect(String(decoding: items.bodyData, as: UTF8.self).contains("\"e2\""))
        let attempt = server.request(.get, "\(Self.course)/attempts/exam-tess", as: "owner").json
        #expect(attempt["feedback"]?.stringValue == "The key of e2 was 5")
    }

    @Test func afterRelease_EveryDeviceOfTheStudent_ReceivesTheFullResult() throws {
        let server = try Self.world()
        #expect(
            server.request(.post, "\(Self.course)/reviews", as: "owner", json: ["quiz": "practice/exam"]).status
                == 200)
        for name in ["ana", "tess"] {
            let changes = try Self.examChanges(server, name)
            let result = try #require(changes.last { $0["kind"]?.stringValue == "attemptResult" })
            #expect(result["payload"]?["questions"]?.arrayValue?.isEmpty == false)
            let grade = try #require(changes.last { $0["kind"]?.stringValue == "grade" })
            #expect(grade["payload"]?["feedback"]?.stringValue == "The key of e2 was 5")
        }
    }
}
