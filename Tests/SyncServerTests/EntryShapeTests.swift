import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 15: a malformed payload is refused with a reason that syncs back
/// (`EntryShape`, docs/PROTOCOL.md §6 field tables), never stored as it came.
struct EntryShapeTests {
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

    @Test func wellFormedPayloads_PassTheShapeCheck() {
        #expect(EntryShape.problem(kind: "attempt", payload: JSONValue(.object(Self.attempt))) == nil)
        #expect(EntryShape.problem(kind: "submission", payload: JSONValue(.object(Self.submission))) == nil)
        #expect(
            EntryShape.problem(
                kind: "progress",
                payload: ["course": "c", "lesson": "l", "completed": true, "secondsByDevice": ["d": 3]]) == nil)
        #expect(
            EntryShape.problem(kind: "progress", payload: ["course": "c", "lesson": "l", "completed": "yes"]) != nil)
    }
}
