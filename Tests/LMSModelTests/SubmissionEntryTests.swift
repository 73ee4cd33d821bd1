import Foundation
import LMSModel
import Testing

/// `SubmissionEntry`: a pushed submission version, typed and bounded (docs/PROTOCOL.md §6).
struct SubmissionEntryTests {
    static let hash = String(repeating: "ab", count: 32)

    static func payload(_ key: String, _ value: JSONValue?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("course", "c"), ("assignment", "a"), ("version", 1), ("submittedAt", 5)
        ].filter { $0.key != key }
        if let value { members.append((key: key, value: value)) }
        return JSONValue(.object(members))
    }

    @Test(arguments: [
        ("version", "two" as JSONValue, "\"version\" must be a whole number"),
        ("version", nil, "\"version\" must be a whole number"),
        ("version", 0 as JSONValue, "\"version\" must be a whole number"),
        ("submittedAt", "2026-12-06T10:00:00Z" as JSONValue, "\"submittedAt\" must be a time"),
        ("text", 5 as JSONValue, "\"text\" must be a string"),
        ("files", ["name": "x"] as JSONValue, "\"files\" must be a list"),
        ("files", [["name": "x", "size": 1, "sha256": "3a7bd3e2…"]] as JSONValue, "64 lowercase hex"),
        ("files", [["name": "x", "size": -1, "sha256": .init(.string(hash))]] as JSONValue, "a whole size")
    ])
    func aMalformedField_IsRefused(_ key: String, _ value: JSONValue?, _ reason: String) {
        do {
            _ = try SubmissionEntry(id: "s1", payload: Self.payload(key, value))
            Issue.record("\(key) accepted")
        } catch {
            #expect(error.reason.hasPrefix("submission: ") && error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func theBounds_AreTheNamedConstants() throws {
        let file: JSONValue = ["name": "f", "size": 1, "sha256": .init(.string(Self.hash))]
        let files = JSONValue(.array(Array(repeating: file, count: EntryBounds.maxFiles)))
        #expect(try SubmissionEntry(id: "s1", payload: Self.payload("files", files)).files.count == 100)
        let more = JSONValue(.array(Array(repeating: file, count: EntryBounds.maxFiles + 1)))
        #expect(throws: EntryRejection("submission: at most 100 files")) {
            try SubmissionEntry(id: "s1", payload: Self.payload("files", more))
        }
        let text = JSONValue(.string(String(repeating: "x", count: EntryBounds.maxSubmissionTextBytes + 1)))
        #expect(throws: EntryRejection.self) { try SubmissionEntry(id: "s1", payload: Self.payload("text", text)) }
    }
}
