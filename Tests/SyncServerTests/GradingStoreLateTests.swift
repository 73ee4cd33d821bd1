import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Late attempts (docs/PROTOCOL.md §8, `GradingStore+Late`): as in Moodle, an attempt not submitted
/// in time is kept and scored but not counted, until a teacher counts it with `countLate`. The rich
/// course's `practice/final` is an exam of 15 minutes without essays; `practice/exam` one of 20 with an essay.
struct GradingStoreLateTests {
    static let course = "/api/v1/courses/intro-programming"

    /// An attempt at `quiz` that ran from `startedAt` to `submittedAt` (device ms).
    static func attempt(seq: Int64, id: String, quiz: String, startedAt: Int64, minutes: Int64) -> JSONValue {
        let responses: [String: Response] =
            quiz == "practice/final" ? ["final-q2": .bool(true)] : ["e2": .number(5), "e4": .essay("A washing machine")]
        return [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": "attempt",
            "entity": .init(.string(id)), "at": 1,
            "payload": [
                "quiz": .init(.string(quiz)), "course": "intro-programming", "courseVersion": "1.2.0",
                "startedAt": .init(.number(Double(startedAt))),
                "submittedAt": .init(.number(Double(startedAt + minutes * 60_000))),
                "questionOrder": [], "responses": ResponseCoding.json(responses)
            ]
        ]
    }

    /// Ana's row of the gradebook.
    static func anasRow(_ server: TestServer) -> JSONValue? {
        server.request(.get, "\(course)/gradebook", as: "owner").json["students"]?.arrayValue?.first {
            $0["username"]?.stringValue == "ana"
        }
    }

    /// The latest `attemptResult` of `id` that Ana's device pulls.
    static func anasResult(_ server: TestServer, _ id: String) throws -> JSONValue? {
        try server.pullAll("ana").changes.last {
            $0["kind"]?.stringValue == "attemptResult" && $0["entity"]?.stringValue == id
        }?["payload"]
    }

    @Test func aLateAttempt_DoesNotCount_UntilATeacherCountsIt_AndStopsCountingWhenUncounted() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 4 * 3_600_000
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.attempt(seq: 1, id: "late-1", quiz: "practice/final", startedAt: start, minutes: 180)])
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true)
        // Kept and scored, marked late, not counted: the gradebook leaves it out and shows why.
        let result = try #require(try Self.anasResult(server, "late-1"))
        #expect(result["late"]?.boolValue == true)
        #expect(result["counted"]?.boolValue == false)
        // The exam's marks are withheld from Ana until the review (ExamRulesTests); the teacher sees them.
        #expect(result["points"] == nil)
        let points = try #require(
            server.request(.get, "\(Self.course)/attempts/late-1", as: "owner").json["points"]?.numberValue)
        #expect(points > 0)
        let row = try #require(Self.anasRow(server))
        #expect(row["scores"]?["practice/final"] == nil, "a late attempt is not counted")
        let late = try #require(row["late"]?.arrayValue?.first)
        #expect(late["attempt"]?.stringValue == "late-1")
        #expect(late["counted"]?.boolValue == false)
        #expect(late["lateReason"]?.stringValue?.contains("180 minutes") == true)
        let report = server.request(.get, "\(Self.course)/reports/students/ana", as: "owner").json
        let item = report["items"]?.arrayValue?.first { $0["id"]?.stringValue == "practice/final" }
        #expect(item?["status"]?.stringValue == "late-not-counted")
        // The CSV a teacher opens in a spreadsheet says it too, in its last column.
        let csv = String(
            decoding: server.request(.get, "\(Self.course)/gradebook?format=csv", as: "owner").bodyData, as: UTF8.self)
        let anasLine = try #require(csv.components(separatedBy: "\r\n").first { $0.hasPrefix("ana,") })
        #expect(
            anasLine.contains("practice/final ") && anasLine.contains("not counted (the attempt took 180 minutes")
                && anasLine.hasSuffix("attempt late-1\""), "\(anasLine)")
        let shown = server.request(.get, "\(Self.course)/attempts/late-1", as: "owner").json
        #expect(shown["late"]?.boolValue == true && shown["counted"]?.boolValue == false)
        // A student cannot count it; the teacher can.
        let count: [String: JSONValue] = ["countLate": true]
        #expect(server.request(.put, "\(Self.course)/attempts/late-1/grade", as: "ana", json: count).status == 403)
        let counted = server.request(.put, "\(Self.course)/attempts/late-1/grade", as: "owner", json: count)
        #expect(counted.status == 200)
        #expect(counted.json["counted"]?.boolValue == true && counted.json["late"]?.boolValue == true)
        #expect(Self.anasRow(server)?["scores"]?["practice/final"]?.numberValue == points)
        #expect(try Self.anasResult(server, "late-1")?["counted"]?.boolValue == true, "the student's devices learn it")
        // Uncounted again.
        let uncount: [String: JSONValue] = ["countLate": false]
        #expect(server.request(.put, "\(Self.course)/attempts/late-1/grade", as: "owner", json: uncount).status == 200)
        #expect(Self.anasRow(server)?["scores"]?["practice/final"] == nil)
        #expect(try Self.anasResult(server, "late-1")?["counted"]?.boolValue == false)
    }

    @Test func countLate_OnAnOnTimeAttempt_Is409_AndScoresForAQuizWithoutEssays_Still409() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 30 * 60_000
        _ = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.attempt(seq: 1, id: "on-time", quiz: "practice/final", startedAt: start, minutes: 10)])
        #expect(try Self.anasResult(server, "on-time")?["counted"]?.boolValue == true)
        #expect(Self.anasRow(server)?["scores"]?["practice/final"] != nil)
        let answer = server.request(
            .put, "\(Self.course)/attempts/on-time/grade", as: "owner", json: ["countLate": true])
        #expect(answer.status == 409)
        #expect(answer.json["error"]?["code"]?.stringValue == "not_late")
        let scores = server.request(
            .put, "\(Self.course)/attempts/on-time/grade", as: "owner", json: ["scores": ["final-q1": 1]])
        #expect(scores.status == 409)
    }

    @Test func aLateExamAttempt_IsMarkedLateInTheQueue_AndGradingItsEssaysDoesNotCountIt() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 4 * 3_600_000
        _ = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.attempt(seq: 1, id: "late-exam", quiz: "practice/exam", startedAt: start, minutes: 90)])
        let queue = server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue ?? []
        let entry = try #require(queue.first { $0["id"]?.stringValue == "late-exam" })
        #expect(entry["late"]?.boolValue == true)
        let graded = server.request(
            .put, "\(Self.course)/attempts/late-exam/grade", as: "owner", json: ["scores": ["e4": 3]])
        #expect(graded.status == 200)
        #expect(graded.json["counted"]?.boolValue == false)
        #expect(Self.anasRow(server)?["scores"]?["practice/exam"] == nil, "graded, but still late and not counted")
        #expect(try Self.anasResult(server, "late-exam")?["counted"]?.boolValue == false)
        // Counted and graded in one request: it counts with the essay's points.
        let both = server.request(
            .put, "\(Self.course)/attempts/late-exam/grade", as: "owner",
            json: ["scores": ["e4": 2], "countLate": true, "feedback": "Counted: the bus was late"])
        #expect(both.status == 200)
        #expect(Self.anasRow(server)?["scores"]?["practice/exam"]?.numberValue == both.json["points"]?.numberValue)
    }
}
