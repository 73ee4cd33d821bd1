import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 3: exams hold on the server. The rich course's `practice/exam` allows one
/// attempt of 20 minutes and keeps its review closed until a teacher releases it (the default).
struct ExamRulesTests {
    /// An attempt at the exam that ran from `startedAt` to `submittedAt` (device ms).
    static func examAttempt(seq: Int64, id: String, startedAt: Int64, submittedAt: Int64) -> JSONValue {
        [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": "attempt",
            "entity": .init(.string(id)), "at": 1,
            "payload": [
                "quiz": "practice/exam", "course": "intro-programming", "courseVersion": "1.2.0",
                "startedAt": .init(.number(Double(startedAt))), "submittedAt": .init(.number(Double(submittedAt))),
                "questionOrder": [], "responses": ResponseCoding.json(["e2": .number(5)])
            ]
        ]
    }

    @Test func threeAttempts_AtAOneAttemptExam_OnlyTheFirstCounts_TheOthersSyncBackRejected() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 10 * 60_000
        let entries = (1...3).map { n in
            Self.examAttempt(seq: Int64(n), id: "exam-\(n)", startedAt: start, submittedAt: start + 5 * 60_000)
        }
        let pushed = server.push("ana", device: "dev-aaaaaaaa", entries: entries)
        #expect(pushed.json["acked"]?.numberValue == 3)
        let rejected = pushed.json["rejected"]?.arrayValue ?? []
        #expect(rejected.compactMap { $0["seq"]?.numberValue } == [2, 3])
        #expect(rejected.first?["reason"]?.stringValue?.contains("allows 1 attempt") == true)
        let stored = try server.app.store.queue.read { db in
            try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM attempts WHERE quiz_id = 'practice/exam'")
        }
        #expect(stored == 1)
        let changes = try server.pullAll("ana").changes
        let reasons = changes.filter { $0["kind"]?.stringValue == "rejection" }.compactMap {
            $0["payload"]?["reason"]?.stringValue
        }
        #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("allows 1 attempt") })
        // With its code and values, so that a device says it in its own language (`RejectionCode`).
        let coded = changes.filter { $0["kind"]?.stringValue == "rejection" }.compactMap { $0["payload"] }
        #expect(coded.count == 2)
        for payload in coded {
            #expect(payload["code"]?.stringValue == "attempt_limit")
            let params: [String] = payload["params"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(params.count == 3 && params.suffix(2) == ["1", "1"], "\(params)")
        }
        // The same first attempt again (another device of Ana's) is the same attempt, not a fourth.
        let again = server.push(
            "ana", device: "dev-bbbbbbbb",
            entries: [Self.examAttempt(seq: 1, id: "exam-1", startedAt: start, submittedAt: start + 5 * 60_000)])
        #expect(again.json["rejected"]?.arrayValue?.isEmpty == true)
    }

    @Test func aThreeHourAttempt_AtATwentyMinuteExam_IsLate() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 4 * 3_600_000
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.examAttempt(seq: 1, id: "long", startedAt: start, submittedAt: start + 3 * 3_600_000)])
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true)
        let result = try #require(
            try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "attemptResult" })
        #expect(result["payload"]?["late"]?.boolValue == true)
        #expect(result["payload"]?["lateReason"]?.stringValue?.contains("180 minutes") == true)
        // Within the limit and its grace: on time.
        let other = server.push(
            "ben", device: "dev-cccccccc",
            entries: [Self.examAttempt(seq: 1, id: "short", startedAt: start, submittedAt: start + 21 * 60_000)])
        #expect(other.json["rejected"]?.arrayValue?.isEmpty == true)
        let onTime = try #require(
            try server.pullAll("ben").changes.first { $0["kind"]?.stringValue == "attemptResult" })
        #expect(onTime["payload"]?["late"]?.boolValue == false)
    }

    @Test func aClockMovedDuringTheExam_MakesTheAttemptLate() throws {
        let server = try SyncRoutesTests().world()
        let now = nowMilliseconds()
        // A first sync with the clock right, then the clock set back two hours for the exam.
        #expect(server.push("ana", device: "dev-aaaaaaaa", entries: [], clock: now).status == 200)
        let back = now - 2 * 3_600_000
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.examAttempt(seq: 1, id: "moved", startedAt: back - 10 * 60_000, submittedAt: back)],
            clock: back)
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true)
        let result = try #require(
            try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "attemptResult" })
        #expect(result["payload"]?["lateReason"]?.stringValue?.contains("clock was moved") == true)
    }

    @Test func aStudentsPulledExamResult_CarriesNoMarks_UntilTheTeacherReleasesTheReview() throws {
        let server = try SyncRoutesTests().world()
        let start = nowMilliseconds() - 10 * 60_000
        _ = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.examAttempt(seq: 1, id: "exam-a", startedAt: start, submittedAt: start + 60_000)])
        let withheld = try #require(
            try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "attemptResult" })
        #expect(withheld["payload"]?["points"] == nil, "no total: compared between attempts it reveals the key")
        #expect(withheld["payload"]?["questions"] == nil, "no credit per question")
        #expect(withheld["payload"]?["maxPoints"]?.numberValue == 7, "the quiz's maximum is no mark")
        #expect(withheld["payload"]?["review"]?.stringValue == "withheld")
        // The teacher's item analysis still sees every question.
        let items = server.request(.get, "/api/v1/courses/intro-programming/reports/items", as: "owner")
        #expect(items.status == 200)
        #expect(String(decoding: items.bodyData, as: UTF8.self).contains("e2"))
        // The teacher's essay score and feedback do not reach the student: no total, no scores, no feedback.
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/attempts/exam-a/grade", as: "owner",
                json: ["scores": ["e4": 2], "feedback": "The key was 5"]
            ).status == 200)
        let grade = try #require(try server.pullAll("ana").changes.last { $0["kind"]?.stringValue == "grade" })
        #expect(grade["payload"]?["points"] == nil)
        #expect(grade["payload"]?["feedback"] == nil)
        #expect(grade["payload"]?["scores"] == nil)
        #expect(grade["payload"]?["review"]?.stringValue == "withheld")
        // Students cannot release it; the teacher can, once.
        let body: [String: JSONValue] = ["quiz": "practice/exam"]
        #expect(server.request(.post, "/api/v1/courses/intro-programming/reviews", as: "ana", json: body).status == 403)
        let released = server.request(.post, "/api/v1/courses/intro-programming/reviews", as: "owner", json: body)
        #expect(released.status == 200)
        #expect(released.json["released"]?.numberValue == 1)
        #expect(
            server.request(.post, "/api/v1/courses/intro-programming/reviews", as: "owner", json: body)
                .json["released"]?.numberValue == 0)
        let open = try #require(
            try server.pullAll("ana").changes.last { $0["kind"]?.stringValue == "attemptResult" })
        #expect(open["payload"]?["questions"]?.arrayValue?.count == 4)
        #expect(open["payload"]?["points"]?.numberValue == 4, "the release publishes the marks")
        let feedback = try #require(try server.pullAll("ana").changes.last { $0["kind"]?.stringValue == "grade" })
        #expect(feedback["payload"]?["feedback"]?.stringValue == "The key was 5", "the teacher's feedback follows")
        // A practice quiz (review after the attempt) is not released: its review is already open.
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/reviews", as: "owner", json: ["quiz": "foundations/check"]
            ).status == 409)
    }

    /// An attempt at the rich course's `practice/final` (an exam of 15 minutes, any number of
    /// attempts, review after close by default) that answers only its true/false question.
    static func finalAttempt(seq: Int64, id: String, indentationMatters: Bool) -> JSONValue {
        let start = nowMilliseconds() - 10 * 60_000
        return [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": "attempt",
            "entity": .init(.string(id)), "at": 1,
            "payload": [
                "quiz": "practice/final", "course": "intro-programming", "courseVersion": "1.2.0",
                "startedAt": .init(.number(Double(start))), "submittedAt": .init(.number(Double(start + 60_000))),
                "questionOrder": [], "responses": ResponseCoding.json(["final-q2": .bool(indentationMatters)])
            ]
        ]
    }

    @Test func twoAttemptsThatDifferInOneAnswer_PullResultsThatDoNotDiffer_WhileTheReviewIsClosed() throws {
        let server = try SyncRoutesTests().world()
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [
                Self.finalAttempt(seq: 1, id: "final-true", indentationMatters: true),
                Self.finalAttempt(seq: 2, id: "final-false", indentationMatters: false)
            ])
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true, "the exam allows more than one attempt")
        let results = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "attemptResult" }
        func payload(_ id: String) -> JSONValue? {
            results.last { $0["entity"]?.stringValue == id }?["payload"]
        }
        let right = try #require(payload("final-true"))
        let wrong = try #require(payload("final-false"))
        #expect(right == wrong, "nothing in the two results tells which answer was right")
        #expect(right["review"]?.stringValue == "withheld")
        // The teachers' copy keeps the marks: the gradebook counts the better attempt.
        let row = server.request(.get, "/api/v1/courses/intro-programming/gradebook", as: "owner")
            .json["students"]?.arrayValue?.first { $0["username"]?.stringValue == "ana" }
        #expect(row?["scores"]?["practice/final"]?.numberValue == 1)
        // The release publishes each result with its marks, and then they differ.
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/reviews", as: "owner", json: ["quiz": "practice/final"]
            ).json["released"]?.numberValue == 2)
        let released = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "attemptResult" }
        let points = ["final-true", "final-false"].map { id in
            released.last { $0["entity"]?.stringValue == id }?["payload"]?["points"]?.numberValue
        }
        #expect(points == [1, 0])
    }

    @Test func aCertificate_WaitsForWithheldMarks_AndItsRefusalShowsNoGrade() throws {
        let server = try SyncRoutesTests().world()
        _ = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.finalAttempt(seq: 1, id: "final-1", indentationMatters: true)])
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/ana/completion", as: "owner",
                json: ["completed": true]
            ).status == 200)
        let asked = server.request(.post, "/api/v1/courses/intro-programming/certificate", as: "ana")
        #expect(asked.status == 409)
        let message = asked.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("practice/final") && message.contains("releases the review"), "\(asked.json)")
        #expect(!message.contains("%"), "no grade while marks are withheld")
        // Once released, the marks are Ana's to see, and so is the grade they make.
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/reviews", as: "owner", json: ["quiz": "practice/final"]
            ).status == 200)
        let again = server.request(.post, "/api/v1/courses/intro-programming/certificate", as: "ana")
        #expect(again.status == 409)
        #expect(again.json["error"]?["message"]?.stringValue?.contains("% is needed") == true, "\(again.json)")
    }
}
