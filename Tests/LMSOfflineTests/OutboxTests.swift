import Foundation
import LMSDatabase
import LMSModel
import Testing

/// Every student write and its outbox entry commit together; a kill -9 at any moment leaves the
/// store consistent.
struct OutboxTests {
    @Test func eachWrite_HasExactlyOneOutboxEntry_WithItsPayload() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        try f.ok(["done", "welcome"])
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1}"#)])
        try f.ok(["submit", "reflection", "--text", "ok"])
        let rows = try f.store().read { db in
            try db.fetchAll("SELECT seq, device_id, profile_id, kind, entity_id, payload FROM outbox ORDER BY seq")
        }
        #expect(rows.map { $0.string(3) ?? "" } == ["progress", "attempt", "submission"])
        #expect(rows.map { $0.int64(0) ?? 0 } == [1, 2, 3], "the sequence only grows")
        let device = try JSONParser.parse(try String(contentsOfFile: f.home + "/device.json", encoding: .utf8))[
            "deviceID"]?.stringValue
        #expect(rows.allSatisfy { $0.string(1) == device })
        let profile = try #require(rows.first?.string(2))
        #expect(
            rows[0].string(4) == "\(profile)/intro-programming/foundations/welcome",
            "progress ids are user/course/lesson")
        let progress = try JSONParser.parse(rows[0].string(5) ?? "")
        #expect(progress["completed"]?.boolValue == true)
        let attempt = try JSONParser.parse(rows[1].string(5) ?? "")
        #expect(attempt["result"]?["points"]?.numberValue == 1)
        #expect(attempt["questionOrder"]?.arrayValue?.count == 7)
        let submission = try JSONParser.parse(rows[2].string(5) ?? "")
        #expect(submission["version"]?.numberValue == 1)
        #expect(submission["text"]?.stringValue == "ok")
    }

    @Test func failingOutboxAppend_RollsBackTheWriteItself() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let fail = ["LMS_TEST_FAIL_OUTBOX": "1"]
        #expect(try f.run(["done", "welcome"], fail).status == 1)
        #expect(try f.run(["submit", "reflection", "--text", "x"], fail).status == 1)
        #expect(try f.run(["quiz", "check", "--answers", try f.write("a.json", "{}")], fail).status == 1)
        #expect(try f.count("SELECT count(*) FROM progress") == 0)
        #expect(try f.count("SELECT count(*) FROM submissions") == 0)
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status <> 'draft'") == 0)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0)
    }

    @Test func killMinus9_DuringProgressWrites_LeavesTheStoreConsistent() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        var env = ProcessInfo.processInfo.environment
        env.merge(f.environment) { $1 }
        var previous = 0
        for round in 0..<20 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["_record-progress", "welcome", "--times", "1000000", "--distinct"]
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...400_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): killed mid-write")
            #expect(try f.integrity() == "ok")
            let rows = try f.count("SELECT count(*) FROM progress")
            let entries = try f.count("SELECT count(*) FROM outbox WHERE kind = 'progress'")
            #expect(rows == entries, "round \(round): every progress row has its outbox entry")
            #expect(rows >= previous, "nothing committed is lost")
            previous = rows
        }
        #expect(previous > 20, "the writes made progress between kills")
    }
}
