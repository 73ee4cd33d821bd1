import Foundation
import LMSModel
import Testing

/// `ProgressEntry`: a pushed lesson progress, typed and bounded (docs/PROTOCOL.md §6).
struct ProgressEntryTests {
    @Test func aWellFormedPayload_Decodes_WithDefaults() throws {
        let entry = try ProgressEntry(payload: ["course": "c", "lesson": "l"])
        #expect(entry.completed == false && entry.secondsByDevice.isEmpty && entry.lastOpenedAt == nil)
        let full = try ProgressEntry(
            payload: ["course": "c", "lesson": "l", "completed": true, "secondsByDevice": ["d": 3], "lastOpenedAt": 5])
        #expect(full.completed && full.secondsByDevice == ["d": 3] && full.lastOpenedAt == 5)
    }

    @Test(arguments: [
        ("completed", "yes" as JSONValue, "\"completed\" must be true or false"),
        ("secondsByDevice", [1] as JSONValue, "\"secondsByDevice\" must be an object"),
        ("secondsByDevice", ["d": -1] as JSONValue, "whole seconds from 0 to 999999999"),
        ("secondsByDevice", ["d": 1.5] as JSONValue, "whole seconds"),
        ("secondsByDevice", ["d": 1e12] as JSONValue, "whole seconds"),
        ("lastOpenedAt", 1e300 as JSONValue, "\"lastOpenedAt\" must be a time"),
        ("lesson", 7 as JSONValue, "\"lesson\" must be a non-empty string")
    ])
    func aMalformedField_IsRefused(_ key: String, _ value: JSONValue, _ reason: String) {
        var members: [(key: String, value: JSONValue)] = [("course", "c"), ("lesson", "l")].filter { $0.key != key }
        members.append((key: key, value: value))
        do {
            _ = try ProgressEntry(payload: JSONValue(.object(members)))
            Issue.record("\(key) accepted")
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func moreDevicesThanTheBound_AreRefused() {
        let devices = JSONValue(
            .object((0...EntryBounds.maxDevicesPerProgress).map { (key: "d\($0)", value: 1 as JSONValue) }))
        #expect(throws: EntryRejection("progress counts time on at most 64 devices")) {
            try ProgressEntry(payload: ["course": "c", "lesson": "l", "secondsByDevice": devices])
        }
    }
}
