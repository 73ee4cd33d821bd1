import Foundation
import LMSModel
import LMSTestSupport
import Testing
@testable import SyncServer

/// Issue 13, item 15: a malformed payload is refused with a reason that syncs back
/// (`PushedEntry`, docs/PROTOCOL.md §6 field tables), never stored as it came.
struct SyncIngestMalformedEntryTests {
    static func entry(_ kind: String, id: String, payload: JSONValue) -> JSONValue {
        ["seq": 1, "prev": 0, "kind": .init(.string(kind)), "entity": .init(.string(id)), "at": 1, "payload": payload]
    }

    static let attempt: [(key: String, value: JSONValue)] = [
        ("quiz", "foundations/check"), ("course", "intro-programming"), ("courseVersion", "1.2.0"),
        ("startedAt", 1), ("submittedAt", 2), ("questionOrder", []), ("responses", ["q1": ["choice": 1]])
    ]
    static let submission: [(key: String, value: JSONValue)] = [
        ("course", "intro-programming"), ("assignment", "practice/reflection"), ("version", 1), ("text", "mine"),
        ("files", []), ("submittedAt", 5)
    ]

    static func replacing(_ base: [(key: String, value: JSONValue)], _ key: String, with value: JSONValue?)
        -> JSONValue
    {
        var members = base.filter { $0.key != key }
        if let value { members.append((key: key, value: value)) }
        return JSONValue(.object(members))
    }

    @Test(arguments: [
        ("attempt", "responses", JSONValue(.array([1, 2])), "\"responses\" must be an object"),
        ("attempt", "responses", ["q1": 1] as JSONValue, "must be tagged"),
        ("attempt", "result", "garbage" as JSONValue, "a practice \"result\" must be an object"),
        ("attempt", "startedAt", "yesterday" as JSONValue, "\"startedAt\" must be a time"),
        ("submission", "version", "two" as JSONValue, "\"version\" must be a whole number"),
        ("submission", "version", nil, "\"version\" must be a whole number"),
        ("submission", "submittedAt", "2026-12-06T10:00:00Z" as JSONValue, "\"submittedAt\" must be a time"),
        ("submission", "files", ["name": "x"] as JSONValue, "\"files\" must be a list")
    ])
    func aMalformedPayload_IsRejected_WithAReasonThatSyncsBack(
        _ kind: String, _ field: String, _ value: JSONValue?, _ reason: String
    ) throws {
        let server = try SyncRoutesTests().world()
        let payload = Self.replacing(kind == "attempt" ? Self.attempt : Self.submission, field, with: value)
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa", entries: [Self.entry(kind, id: "bad-1", payload: payload)])
        #expect(pushed.json["acked"]?.numberValue == 1)
        let got = pushed.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue ?? "accepted"
        #expect(got.contains(reason), "\(kind).\(field): \(got)")
        let synced = try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "rejection" }
        #expect(synced?["payload"]?["reason"]?.stringValue == got)
        let stored = try server.app.store.queue.read { db in
            try db.fetchScalar(
                Int64.self, "SELECT (SELECT COUNT(*) FROM attempts) + (SELECT COUNT(*) FROM submissions)")
        }
        #expect(stored == 0)
    }

    /// The worked attempt of docs/PROTOCOL.md §6, pushed as it stands, is accepted and graded.
    /// The rejection that syncs back names the entry's kind and entity as the device sent them,
    /// whatever their type (the push is read in place: they are rebuilt only for a rejection).
    @Test func aRejection_CarriesTheEntrysKindAndEntity_AsSent() throws {
        let server = try SyncRoutesTests().world()
        let odd: JSONValue = ["seq": 2, "prev": 1, "kind": 7, "entity": ["x": [1, "y"]], "at": 1, "payload": nil]
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Self.entry("attempt", id: "bad-1", payload: JSONValue(.object(Self.attempt.dropLast()))), odd])
        #expect(pushed.json["acked"]?.numberValue == 2)
        let synced = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "rejection" }
        #expect(synced.map { $0["payload"]?["kind"] } == ["attempt", 7])
        #expect(synced.map { $0["payload"]?["entity"] } == ["bad-1", ["x": [1, "y"]]])
        #expect(synced.last?["payload"]?["reason"]?.stringValue == "devices cannot push entries without a kind")
    }

    @Test func theProtocolsWorkedAttempt_IsAccepted() throws {
        let server = try SyncRoutesTests().world()
        let examples = try ProtocolDocument.workedEntries().map(JSONParser.parse)
        var attempt = try #require(examples.first { $0["kind"]?.stringValue == "attempt" })
        attempt = JSONValue(
            .object(
                (attempt.objectMembers ?? []).map {
                    ($0.key == "seq" ? (key: "seq", value: 1) : $0.key == "prev" ? (key: "prev", value: 0) : $0)
                }))
        let pushed = server.push("ana", device: "dev-aaaaaaaa", entries: [attempt])
        #expect(pushed.json["acked"]?.numberValue == 1)
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true, "\(pushed.json)")
        let result = try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "attemptResult" }
        #expect(result?["payload"]?["maxPoints"]?.numberValue ?? 0 > 0)
    }
}
