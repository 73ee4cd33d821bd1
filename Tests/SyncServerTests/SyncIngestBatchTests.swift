import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// What a push batch does when it holds several entries about one fact: progress of one lesson
/// merged in memory and published once, an attempt id met twice stored once, and an attempt id
/// already stored answered the same whether or not its payload would pass the checks.
struct SyncIngestBatchTests {
    func world() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("ana", role: .student)
        try server.addUser("ben", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("rich-course"))
            ).status == 201)
        for name in ["ana", "ben"] {
            #expect(
                server.request(
                    .post, "/api/v1/courses/intro-programming/enrollments", as: "owner",
                    json: ["username": .init(.string(name))]
                ).status == 201)
        }
        return server
    }

    func progressChanges(_ server: TestServer, _ user: String, cursor: String = "") throws -> (
        changes: [JSONValue], cursor: String
    ) {
        let pulled = try server.pullAll(user, cursor: cursor)
        return (pulled.changes.filter { $0["kind"]?.stringValue == "progress" }, pulled.cursor)
    }

    @Test func severalEntriesOfOneLesson_InOneBatch_MakeOneChangeWithTheirMergedState() throws {
        let server = try world()
        let device = "dev-aaaaaaaa"
        let entries = [
            Entries.progress(seq: 1, prev: 0, lesson: "foundations/welcome", device: device, seconds: 10),
            Entries.progress(seq: 2, prev: 1, lesson: "foundations/listen", device: device, seconds: 5),
            Entries.progress(
                seq: 3, prev: 2, lesson: "foundations/welcome", completed: true, device: device, seconds: 30),
            // older counter: max wins
            Entries.progress(seq: 4, prev: 3, lesson: "foundations/welcome", device: device, seconds: 20)
        ]
        let answer = server.push("ana", device: device, entries: entries)
        #expect(answer.json["acked"]?.numberValue == 4)
        #expect(answer.json["rejected"]?.arrayValue?.isEmpty == true)
        let (changes, cursor) = try progressChanges(server, "ana")
        #expect(changes.count == 2, "one change per lesson")
        let welcome = try #require(
            changes.first { $0["entity"]?.stringValue?.hasSuffix("foundations/welcome") == true }?["payload"])
        #expect(welcome["completed"]?.boolValue == true)
        #expect(welcome["secondsByDevice"]?[device]?.numberValue == 30)
        #expect(welcome["lesson"]?.stringValue == "foundations/welcome")
        let stored = try server.app.store.read { db in
            try db.fetchOne("SELECT completed, seconds FROM progress WHERE lesson_id = 'foundations/welcome'")
        }
        #expect(stored?.int64("completed") == 1)
        #expect(stored?.string("seconds")?.contains("30") == true)

        // A later batch that teaches the server nothing new publishes nothing; one that does, publishes once.
        #expect(
            server.push(
                "ana", device: device,
                entries: [
                    Entries.progress(seq: 5, prev: 4, lesson: "foundations/welcome", device: device, seconds: 25)
                ]
            ).json["acked"]?.numberValue == 5)
        #expect(try progressChanges(server, "ana", cursor: cursor).changes.isEmpty)
        #expect(
            server.push(
                "ana", device: device,
                entries: [
                    Entries.progress(seq: 6, prev: 5, lesson: "foundations/welcome", device: device, seconds: 25),
                    Entries.progress(seq: 7, prev: 6, lesson: "foundations/welcome", device: device, seconds: 45)
                ]
            ).json["acked"]?.numberValue == 7)
        let later = try progressChanges(server, "ana", cursor: cursor).changes
        #expect(later.count == 1)
        #expect(later.first?["payload"]?["secondsByDevice"]?[device]?.numberValue == 45)
        #expect(later.first?["payload"]?["completed"]?.boolValue == true, "completion never goes back")
    }

    @Test func anAttemptIdTwiceInOneBatch_IsStoredOnce() throws {
        let server = try world()
        let attempt = { (seq: Int64) in
            Entries.attempt(
                seq: seq, prev: seq - 1, id: "att-twice", quiz: "foundations/check", responses: ["q1": .choice(0)])
        }
        let answer = server.push("ana", device: "dev-aaaaaaaa", entries: [attempt(1), attempt(2)])
        #expect(answer.json["acked"]?.numberValue == 2)
        #expect(answer.json["rejected"]?.arrayValue?.isEmpty == true)
        let changes = try server.pullAll("ana").changes
        #expect(changes.filter { $0["kind"]?.stringValue == "attempt" }.count == 1)
        #expect(changes.filter { $0["kind"]?.stringValue == "attemptResult" }.count == 1)
        #expect(try server.app.store.read { try $0.fetchScalar(Int64.self, "SELECT COUNT(*) FROM attempts") } == 1)
    }

    @Test func anAttemptIdAlreadyStored_AnswersTheSame_WhateverItsPayload() throws {
        let server = try world()
        #expect(
            server.push(
                "ana", device: "dev-aaaaaaaa",
                entries: [
                    Entries.attempt(
                        seq: 1, prev: 0, id: "att-kept", quiz: "foundations/check", responses: ["q1": .choice(0)])
                ]
            ).json["rejected"]?.arrayValue?.isEmpty == true)
        // The same id again from another of ana's devices, now naming a quiz that does not exist:
        // the attempt is already here, so this is a duplicate (no rejection, nothing new).
        let again = server.push(
            "ana", device: "dev-cccccccc",
            entries: [
                Entries.attempt(seq: 1, prev: 0, id: "att-kept", quiz: "foundations/nope", responses: [:])
            ])
        #expect(again.json["acked"]?.numberValue == 1)
        #expect(again.json["rejected"]?.arrayValue?.isEmpty == true)
        // Ben reusing the id is refused as someone else's attempt, whether his payload is valid or not.
        for (seq, quiz) in [(Int64(1), "foundations/check"), (2, "foundations/nope")] {
            let ben = server.push(
                "ben", device: "dev-bbbbbbbb",
                entries: [
                    Entries.attempt(seq: seq, prev: seq - 1, id: "att-kept", quiz: quiz, responses: [:])
                ])
            let reason = ben.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue ?? ""
            #expect(reason.contains("belongs to someone else"), "\(quiz): \(reason)")
        }
        // A new id with a bad payload is still refused for what is wrong with it.
        let bad = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [
                Entries.attempt(seq: 2, prev: 1, id: "att-new", quiz: "foundations/nope", responses: [:])
            ])
        #expect(bad.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("has no quiz") == true)
        #expect(try server.app.store.read { try $0.fetchScalar(Int64.self, "SELECT COUNT(*) FROM attempts") } == 1)
    }

    @Test func aPushedTimeOutsideInt64_IsRefusedWithAReason_NotATrap() throws {
        let server = try world()
        var entry = Entries.attempt(
            seq: 1, prev: 0, id: "att-huge", quiz: "foundations/check", responses: ["q1": .choice(0)])
        guard case .object(var members) = entry.kind, let index = members.firstIndex(where: { $0.key == "payload" }),
            case .object(var payload) = members[index].value.kind
        else {
            Issue.record("entry shape")
            return
        }
        payload.removeAll { $0.key == "startedAt" }
        payload.append((key: "startedAt", value: JSONValue(.number(1e300))))
        members[index].value = JSONValue(.object(payload))
        entry = JSONValue(.object(members))
        let answer = server.push("ana", device: "dev-aaaaaaaa", entries: [entry])
        #expect(answer.status == 200)
        #expect(answer.json["acked"]?.numberValue == 1)
        // Typed entries (PushedEntry): a time out of range is refused, not stored as missing.
        #expect(
            answer.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("\"startedAt\" must be a time")
                == true)
        #expect(try server.app.store.read { try $0.fetchScalar(Int64.self, "SELECT COUNT(*) FROM attempts") } == 0)
    }
}
