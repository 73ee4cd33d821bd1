import Foundation
import LMSModel
import Testing

/// `AttemptEntry`: the fields of a pushed attempt, typed and bounded (docs/PROTOCOL.md §6).
struct AttemptEntryTests {
    static let base: [(key: String, value: JSONValue)] = [
        ("quiz", "q"), ("course", "c"), ("courseVersion", "1.0.0"), ("startedAt", 1),
        ("responses", ["q1": ["choice": 1]])
    ]

    static func payload(_ key: String, _ value: JSONValue?) -> JSONValue {
        var members = base.filter { $0.key != key }
        if let value { members.append((key: key, value: value)) }
        return JSONValue(.object(members))
    }

    @Test(arguments: [
        ("responses", JSONValue(.array([1])), "\"responses\" must be an object"),
        ("responses", ["q1": ["choice": 1.5]] as JSONValue, "must be tagged"),
        ("responses", ["q1": ["colour": "red"]] as JSONValue, "must be tagged"),
        ("startedAt", "yesterday" as JSONValue, "\"startedAt\" must be a time"),
        ("startedAt", nil, "\"startedAt\" must be a time"),
        ("submittedAt", -1 as JSONValue, "\"submittedAt\" must be a time"),
        ("questionOrder", [1, 2] as JSONValue, "\"questionOrder\" must be a list"),
        ("result", "garbage" as JSONValue, "a practice \"result\" must be an object"),
        ("result", ["points": 1] as JSONValue, "a practice \"result\" must be an object"),
        ("courseVersion", "" as JSONValue, "\"courseVersion\" must be a non-empty string")
    ])
    func aMalformedField_IsRefusedWithItsName(_ key: String, _ value: JSONValue?, _ reason: String) {
        do {
            _ = try AttemptEntry(id: "a1", payload: Self.payload(key, value))
            Issue.record("\(key) accepted")
        } catch {
            #expect(error.reason.hasPrefix("attempt: ") && error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func theBounds_AreTheNamedConstants() throws {
        let many = JSONValue(
            .object((0...EntryBounds.maxResponses).map { (key: "q\($0)", value: ["bool": true] as JSONValue) }))
        #expect(throws: EntryRejection("attempt: at most 1000 responses")) {
            try AttemptEntry(id: "a1", payload: Self.payload("responses", many))
        }
        let longID = String(repeating: "a", count: EntryBounds.maxEntityBytes + 1)
        #expect(throws: EntryRejection.self) { try AttemptEntry(id: longID, payload: Self.payload("x", nil)) }
        #expect(throws: EntryRejection.self) { try AttemptEntry(id: "", payload: Self.payload("x", nil)) }
        #expect(try AttemptEntry(id: String(longID.dropLast()), payload: Self.payload("x", nil)).startedAt == 1)
    }

    @Test func thePayloadAsStored_LeadsWithTheUser_AndDecodesToTheSameAttempt() throws {
        let sent = Self.payload("result", ["points": 2, "maxPoints": 3, "percent": 66.7])
        let attempt = try AttemptEntry(id: "a1", payload: sent)
        #expect(attempt.result?.points == 2 && attempt.result?.json["percent"]?.numberValue == 66.7)
        let stored = attempt.payload(user: "u1")
        #expect(stored.objectMembers?.first?.key == "user" && stored["user"]?.stringValue == "u1")
        #expect(try AttemptEntry(id: "a1", payload: stored) == attempt)
    }

    @Test func theEncodedPayload_IsTheFrameOfThePayload_ForEveryKindOfResponse() throws {
        let responses: JSONValue = [
            "q1": ["choice": 1], "q2": ["choices": [0, 2]], "q3": ["bool": false], "q4": ["text": "déf"],
            "q5": ["number": 3.14], "q6": ["matches": ["b": "2", "a": "1"]], "q7": ["essay": "words"],
            "q8": ["number": -7]
        ]
        var members = Self.base.filter { $0.key != "responses" }
        members += [
            ("responses", responses), ("submittedAt", 9), ("questionOrder", ["q2", "q1"]),
            ("result", ["points": 1.5, "maxPoints": 3])
        ]
        let attempt = try AttemptEntry(id: "a1", payload: JSONValue(.object(members)))
        #expect(attempt.encodedPayload(user: "u") == WireCodec.encode(attempt.payload(user: "u"), keyReferences: false))
        let open = try AttemptEntry(id: "a2", payload: Self.payload("x", nil))
        #expect(open.encodedPayload(user: "u") == WireCodec.encode(open.payload(user: "u"), keyReferences: false))
    }
}
