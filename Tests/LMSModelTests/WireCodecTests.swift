import Foundation
import Testing
@testable import LMSModel

struct WireCodecTests {
    @Test func values_RoundTrip() throws {
        let value: JSONValue = [
            "seq": 41, "neg": -7, "big": 9_007_199_254_740_991, "pi": 3.25, "tiny": 1e-300,
            "s": "héllo 😀", "empty": "", "null": nil, "t": true, "f": false,
            "list": [1, "two", [3], ["k": "v"]], "nested": ["seq": 1, "k": ["seq": 2]]
        ]
        let frame = WireCodec.encode(value)
        #expect(Array(frame.prefix(5)) == WireCodec.magic)
        #expect(try WireCodec.decode(frame) == value)
    }

    @Test func repeatedKeys_AreSentOnce() throws {
        let entries = JSONValue(
            .array((0..<100).map { i in ["payload": ["course": "intro", "lesson": .init(.string("l\(i)"))]] }))
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
        #expect(throws: WireCodec.DecodeError.self) {
            try WireCodec.decode(WireCodec.magic + [0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        }
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
        #expect(
            SyncMerge.isOnTime(
                due: due, madeAt: due.addingTimeInterval(3600), receivedAt: due.addingTimeInterval(-1),
                previousSync: nil))
        // Made offline in time on a device whose clock was right: on time though received late.
        #expect(
            SyncMerge.isOnTime(
                due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200),
                previousSync: synced))
        // The same with a clock that was 2 hours off at its last sync: late.
        let wrong = SyncMerge.ClockReading(at: synced.at, skew: 7200)
        #expect(
            !SyncMerge.isOnTime(
                due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200),
                previousSync: wrong))
        // Never synced: only the server's time counts.
        #expect(
            !SyncMerge.isOnTime(
                due: due, madeAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(7200),
                previousSync: nil))
        // Claiming a time before the last sync: late.
        #expect(
            !SyncMerge.isOnTime(
                due: due, madeAt: synced.at.addingTimeInterval(-3 * 86_400), receivedAt: due.addingTimeInterval(10),
                previousSync: synced))
        // Made after the due time: late.
        #expect(
            !SyncMerge.isOnTime(
                due: due, madeAt: due.addingTimeInterval(60), receivedAt: due.addingTimeInterval(120),
                previousSync: synced))
    }

    @Test func latestSubmission_IsByDeviceTimeThenID() {
        let a = Submission(
            id: "a", userID: "u", courseID: "c", assignmentID: "x", version: 1,
            submittedAt: Date(timeIntervalSince1970: 10))
        let b = Submission(
            id: "b", userID: "u", courseID: "c", assignmentID: "x", version: 1,
            submittedAt: Date(timeIntervalSince1970: 20))
        let c = Submission(
            id: "c", userID: "u", courseID: "c", assignmentID: "x", version: 2,
            submittedAt: Date(timeIntervalSince1970: 20))
        #expect(SyncMerge.latest([a, b, c])?.id == "c")
        #expect(SyncMerge.latest([c, b, a])?.id == "c")
        #expect(SyncMerge.latest([]) == nil)
    }
}

struct WireCodecBuilderTests {
    @Test func splicedValues_DecodeAsIfWrittenInPlace() throws {
        let payloads: [JSONValue] = [["a": 1, "b": ["a": 2, "c": [["a": 3]]]], ["b": "x", "a": nil], ["c": [1.5, "y"]]]
        var builder = WireCodec.Builder()
        builder.beginObject(count: 2)
        builder.key("cursor")
        builder.value("v1.e.9")
        builder.key("changes")
        builder.beginArray(count: payloads.count)
        for p in payloads {
            builder.beginObject(count: 2)
            builder.key("a")
            builder.value(7)
            builder.key("payload")
            builder.splice(frame: WireCodec.encode(p, keyReferences: false))
        }
        let decoded = try WireCodec.decode(builder.bytes)
        #expect(decoded["cursor"]?.stringValue == "v1.e.9")
        #expect(decoded["changes"]?.arrayValue?.compactMap { $0["payload"] } == payloads)
        #expect(decoded["changes"]?.arrayValue?.allSatisfy { $0["a"]?.numberValue == 7 } == true)
    }

    /// The Python client of the benchmark (scripts/bench/lmsframe.py) was written from docs/PROTOCOL.md
    /// alone: frames it writes decode here and frames written here decode there.
    @Test func scalarWrites_AreTheBytesOfTheSameValues() {
        var direct = WireCodec.Builder()
        var viaValues = WireCodec.Builder()
        direct.beginArray(count: 9)
        viaValues.beginArray(count: 9)
        for text in ["", "héllo"] {
            direct.string(text)
            viaValues.value(JSONValue(.string(text)))
        }
        for n in [0, -1.5, 3, 9_007_199_254_740_992, -0.0] {
            direct.number(n)
            viaValues.value(JSONValue(.number(n)))
        }
        direct.integer(-1_765_015_200_000)
        viaValues.value(JSONValue(.number(-1_765_015_200_000)))
        direct.bool(true)
        viaValues.value(JSONValue(.bool(true)))
        #expect(direct.bytes == viaValues.bytes)
    }

    @Test func anIndependentPythonCodec_Interoperates() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let script = """
            import sys; sys.path.insert(0, sys.argv[1])
            import lmsframe
            data = sys.stdin.buffer.read()
            value = lmsframe.decode(data)
            value["python"] = [1, -2, 2.5, "ü", None, True, {"k": {"k": "again"}}]
            sys.stdout.buffer.write(lmsframe.encode(value))
            """
        let input: JSONValue = [
            "seq": 41, "neg": -9_007_199_254_740_991, "s": "héllo", "list": [["k": 1], ["k": 2]], "d": 0.1
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, url.path + "/scripts/bench"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(WireCodec.encode(input)))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let back = try WireCodec.decode([UInt8](output))
        #expect(back["seq"] == input["seq"])
        #expect(back["neg"] == input["neg"])
        #expect(back["list"] == input["list"])
        #expect(back["d"] == input["d"])
        #expect(back["python"] == [1, -2, 2.5, "ü", nil, true, ["k": ["k": "again"]]])
    }
}
