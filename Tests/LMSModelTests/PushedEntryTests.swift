import Foundation
import LMSModel
import LMSTestSupport
import Testing

/// Issue 13: every pushed kind decodes once into a typed value, or is refused with a reason; the
/// worked examples of docs/PROTOCOL.md §6 decode as written.
struct PushedEntryTests {
    static func decode(_ entry: JSONValue) throws(EntryRejection) -> PushedEntry {
        try PushedEntry(
            kind: entry["kind"]?.stringValue, entity: entry["entity"]?.stringValue, payload: entry["payload"])
    }

    @Test func theProtocolsWorkedAttemptAndSubmission_DecodeAsWritten() throws {
        let entries = try ProtocolDocument.workedEntries().map(JSONParser.parse)
        #expect(entries.count == 2)
        guard case .attempt(let attempt) = try Self.decode(entries[0]) else {
            Issue.record("the first worked entry is not an attempt")
            return
        }
        #expect(attempt.quizID == "practice/exam" && attempt.courseVersion == "1.2.0")
        #expect(attempt.startedAt == 1_765_014_000_000 && attempt.submittedAt == 1_765_015_100_000)
        #expect(attempt.questionOrder == ["e2", "e1", "e3", "e4"])
        #expect(attempt.responses["e1"] == .choice(0) && attempt.responses["e2"] == .number(5))
        #expect(attempt.responses["e3"] == .matches(["a": "1", "b": "2", "c": "3"]))
        #expect(attempt.responses["e4"] == .essay("A washing machine repeats its cycle."))
        guard case .submission(let submission) = try Self.decode(entries[1]) else {
            Issue.record("the second worked entry is not a submission")
            return
        }
        #expect(submission.version == 2 && submission.text == "Loops were hard; examples helped.")
        #expect(submission.files.map(\.name) == ["notes.txt"] && submission.files.first?.size == 1234)
        #expect(submission.submittedAt == 1_765_015_290_000)
    }

    @Test func whatTheClientPushes_DecodesBackToTheSameValues() throws {
        let at = Date(timeIntervalSince1970: 1_765_015_200)
        var progress = Progress(userID: "u", courseID: "c", lessonID: "l", completed: true)
        progress.secondsByDevice = ["d1": 30, "d2": 5]
        progress.lastOpenedAt = at
        let pushed = ChangeEntry.progress(progress, deviceID: "d1", profileID: "p", at: at)
        guard case .progress(let entry) = try PushedEntry(kind: "progress", entity: "x", payload: pushed.payload)
        else {
            Issue.record("not progress")
            return
        }
        #expect(entry.progress(userID: "u", lessonID: "l") == progress)

        let submission = Submission(
            id: "s1", userID: "u", courseID: "c", assignmentID: "a", version: 3, text: "t",
            files: [SubmittedFile(name: "f.txt", size: 9, sha256: String(repeating: "0f", count: 32))], submittedAt: at)
        let sent = ChangeEntry.submission(submission, deviceID: "d", profileID: "p", at: at)
        let decoded = try SubmissionEntry(id: "s1", payload: sent.payload)
        #expect(decoded.version == 3 && decoded.files == submission.files && decoded.submittedAt == 1_765_015_200_000)
        #expect(try SubmissionEntry(id: "s1", payload: decoded.payload) == decoded)

        let version = try #require(SemanticVersion("1.2.0"))
        let result = QuizResult(questions: [
            QuestionResult(questionID: "q1", fraction: 1, points: 2, maxPoints: 2, feedback: ["Yes."])
        ])
        let attempt = Attempt(
            id: "a1", userID: "u", courseID: "c", courseVersion: version, quizID: "q", startedAt: at,
            submittedAt: at.addingTimeInterval(60), questionOrder: ["q2", "q1"],
            responses: ["q1": .choice(1), "q2": .matches(["a": "1"]), "q3": .essay("words")], result: result)
        let made = ChangeEntry.attempt(attempt, deviceID: "d", profileID: "p", at: at)
        let typed = try AttemptEntry(id: "a1", payload: made.payload)
        #expect(typed.courseVersion == "1.2.0" && typed.questionOrder == ["q2", "q1"])
        #expect(typed.responses == attempt.responses && typed.submittedAt == 1_765_015_260_000)
        #expect(typed.result?.points == 2 && typed.result?.maxPoints == 2)
    }

    @Test func anUnknownKind_OrAnOversizedPayload_IsRefused() {
        #expect(throws: EntryRejection("devices cannot push attemptResult")) {
            try PushedEntry(kind: "attemptResult", entity: "a", payload: [:])
        }
        #expect(throws: EntryRejection("devices cannot push entries without a kind")) {
            try PushedEntry(kind: nil, entity: "a", payload: [:])
        }
        let big = JSONValue(.array(Array(repeating: JSONValue(.null), count: EntryBounds.maxEntryValues)))
        #expect(throws: EntryRejection("an entry's payload may hold at most 20000 values")) {
            try PushedEntry(kind: "progress", entity: "p", payload: ["course": "c", "lesson": "l", "x": big])
        }
    }

    @Test func communicationKinds_NeedTheirRequiredFields() throws {
        let post: JSONValue = [
            "course": "c", "body": "b", "createdAt": 1, "revision": "0000000000001-000000-dev"
        ]
        #expect(try PushedEntry(kind: "post", entity: "p1", payload: post).courseID == "c")
        #expect(throws: EntryRejection.self) { try PushedEntry(kind: "post", entity: "", payload: post) }
        #expect(throws: EntryRejection.self) {
            try PushedEntry(kind: "message", entity: "m1", payload: ["course": "c", "body": "b", "sentAt": 1])
        }
        let long = String(repeating: "c", count: EntryBounds.maxNameBytes + 1)
        #expect(throws: EntryRejection.self) {
            try PushedEntry(
                kind: "announcement", entity: "n1",
                payload: ["course": .init(.string(long)), "title": "t", "body": "b", "createdAt": 1])
        }
    }
}
