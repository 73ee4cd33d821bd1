import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 6: nothing a device pushes can become a change that other devices cannot pull.
struct SyncIngestPoisonPillTests {
    static func progress(seq: Int64, devices: Range<Int>) -> JSONValue {
        let seconds = JSONValue(.object(devices.map { (key: "device-\($0)", value: JSONValue(.number(1))) }))
        return [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": "progress",
            "entity": "me/intro-programming/foundations/welcome", "at": 1,
            "payload": [
                "course": "intro-programming", "lesson": "foundations/welcome", "completed": false,
                "secondsByDevice": seconds
            ]
        ]
    }

    @Test func secondsByDevice_HoldsAtMost64Devices_InOnePushOrMerged() throws {
        let server = try SyncRoutesTests().world()
        let max = SyncLimits.maxDevicesPerProgress
        let tooMany = server.push(
            "ana", device: "dev-aaaaaaaa", entries: [Self.progress(seq: 1, devices: 0..<(max + 1))])
        #expect(tooMany.json["rejected"]?.arrayValue?.count == 1, "\(tooMany.json)")
        // Two pushes that each fit but together do not: the second is refused, the first kept.
        let first = server.push(
            "ana", device: "dev-aaaaaaaa", entries: [Self.progress(seq: 2, devices: 0..<(max - 4))])
        #expect(first.json["rejected"]?.arrayValue?.isEmpty == true)
        let second = server.push(
            "ana", device: "dev-aaaaaaaa", entries: [Self.progress(seq: 3, devices: max..<(max + 10))])
        #expect(second.json["rejected"]?.arrayValue?.count == 1)
        let pulled = try server.pullAll("owner").changes.filter { $0["kind"]?.stringValue == "progress" }
        #expect(pulled.last?["payload"]?["secondsByDevice"]?.objectMembers?.count == max - 4)
    }

    @Test func anEntryOfMoreValuesThanAnyClientPullsAtOnce_IsRejected_AndTheStreamGoesOn() throws {
        let server = try SyncRoutesTests().world()
        let files = JSONValue(.array(Array(repeating: JSONValue(.null), count: SyncLimits.maxEntryValues)))
        let huge: JSONValue = [
            "seq": 1, "prev": 0, "kind": "submission", "entity": "sub-huge", "at": 1,
            "payload": ["course": "intro-programming", "assignment": "foundations/hello", "files": files]
        ]
        let answer = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [huge, Entries.progress(seq: 2, prev: 1, lesson: "foundations/welcome", device: "dev-aaaaaaaa")])
        #expect(answer.json["acked"]?.numberValue == 2)
        #expect(answer.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("values") == true)
    }

    @Test func valueCount_StopsAtItsLimit() {
        let wide = JSONValue(.array(Array(repeating: JSONValue(.null), count: 1000)))
        #expect(wide.valueCount(upTo: .max) == 1001)
        #expect(wide.valueCount(upTo: 10) == 10)
        let nested: JSONValue = ["a": [1, 2, ["b": 3]]]
        #expect(nested.valueCount(upTo: .max) == 6)
    }
}
