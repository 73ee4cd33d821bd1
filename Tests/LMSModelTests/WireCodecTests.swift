import Foundation
import Testing
@testable import LMSModel

struct WireCodecTests {
    @Test func values_RoundTrip() throws {
        let value: JSONValue = ["seq": 41, "neg": -7, "big": 9_007_199_254_740_991, "pi": 3.25, "tiny": 1e-300,
                                "s": "héllo 😀", "empty": "", "null": nil, "t": true, "f": false,
                                "list": [1, "two", [3], ["k": "v"]], "nested": ["seq": 1, "k": ["seq": 2]]]
        let frame = WireCodec.encode(value)
        #expect(Array(frame.prefix(5)) == WireCodec.magic)
        #expect(try WireCodec.decode(frame) == value)
    }

    @Test func repeatedKeys_AreSentOnce() throws {
        let entries = JSONValue(.array((0..<100).map { i in ["payload": ["course": "intro", "lesson": .init(.string("l\(i)"))]] }))
        let frame = WireCodec.encode(entries)
        let text = JSONWriter.write(entries)
        #expect(frame.count * 2 < text.utf8.count, "keys referenced after their first use")
        #expect(String(decoding: frame, as: UTF8.self).components(separatedBy: "payload").count == 2)
        #expect(try WireCodec.decode(frame) == entries)
    }

    @Test func malformedFrames_AreErrors_NeverCrashes() throws {
        let good = WireCodec.encode(["a": [1, 2, "x"], "b": 2.5])
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(Array(good.dropFirst())) }
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(good + [0]) }
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(WireCodec.magic + [0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) }
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(WireCodec.magic + [0x07, 0x01, 0x03]) }
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(WireCodec.magic + [0x05, 0x02, 0xC3, 0x28]) }
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(WireCodec.magic + [0x09]) }
        let deep = WireCodec.magic + [UInt8](repeating: 0x06, count: 100).flatMap { [$0, 0x01] }.dropLast() + [0x00]
        #expect(throws: WireCodec.DecodeError.self) { try WireCodec.decode(Array(deep)) }
        var generator = SystemRandomNumberGenerator()
        var seed = UInt64(42)
        for _ in 0..<3000 {
            var bytes = good
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let position = Int(seed >> 33) % bytes.count
            bytes[position] = UInt8(truncatingIfNeeded: seed >> 17)
            if seed & 1 == 0 { bytes = Array(bytes.prefix(position)) }
            _ = try? WireCodec.decode(bytes)
        }
        _ = generator.next()
    }

    @Test func deadlines_FollowTheDocumentedRule() {
        let due = Date(timeIntervalSince1970: 1_000_000)
        let synced = SyncMerge.ClockReading(at: due.addingTimeInterval(-86_400), skew: 30)
        // Received in time.
        #expect(SyncMerge.isOnTime(due: due, madeAt: due.addingTimeInterval(3600), receivedAt: due.addingTimeInterval(-1), previousSync: nil))
        // Made offline in time on a device whose clock was right: on time though received late.
        #expect(SyncMerge.isOnTime(due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200), previousSync: synced))
        // The same with a clock that was 2 hours off at its last sync: late.
        let wrong = SyncMerge.ClockReading(at: synced.at, skew: 7200)
        #expect(!SyncMerge.isOnTime(due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200), previousSync: wrong))
        // Never synced: only the server's time counts.
        #expect(!SyncMerge.isOnTime(due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200), previousSync: nil))
        // Claiming a time before the last sync: late.
        #expect(!SyncMerge.isOnTime(due: due, madeAt: synced.at.addingTimeInterval(-3 * 86_400), receivedAt: due.addingTimeInterval(10), previousSync: synced))
        // Made after the due time: late.
        #expect(!SyncMerge.isOnTime(due: due, madeAt: due.addingTimeInterval(60), receivedAt: due.addingTimeInterval(120), previousSync: synced))
    }

    @Test func latestSubmission_IsByDeviceTimeThenID() {
        let a = Submission(id: "a", userID: "u", courseID: "c", assignmentID: "x", version: 1, submittedAt: Date(timeIntervalSince1970: 10))
        let b = Submission(id: "b", userID: "u", courseID: "c", assignmentID: "x", version: 1, submittedAt: Date(timeIntervalSince1970: 20))
        let c = Submission(id: "c", userID: "u", courseID: "c", assignmentID: "x", version: 2, submittedAt: Date(timeIntervalSince1970: 20))
        #expect(SyncMerge.latest([a, b, c])?.id == "c")
        #expect(SyncMerge.latest([c, b, a])?.id == "c")
        #expect(SyncMerge.latest([]) == nil)
    }
}
