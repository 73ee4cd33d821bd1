import Foundation
import LMSModel
import Testing

/// A server restored from last night's backup must not lose work that a device still holds
/// (docs/PROTOCOL.md §7): the next sync sees the new epoch, pushes again what the restored
/// server lacks, and pulls afresh.
@Suite(.serialized) struct SyncRestoreTests {
    /// Runs `lms-server` with arguments and waits.
    @discardableResult
    func server(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: SyncWorld.serverBinary)
        p.arguments = args
        p.environment = SyncWorld.environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Starts `lms-server serve` on `data` at `port` (the port the devices know) and waits until it listens.
    func serve(_ data: String, port: UInt16) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SyncWorld.serverBinary)
        process.arguments = ["serve", "--data", data, "--port", String(port)]
        process.environment = SyncWorld.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = out.fileHandleForReading.availableData // the "listening" line
        return process
    }

    @Test func afterARestore_TheNextSyncPushesAgainWhatTheServerLacks() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let laptop = try world.device("sam")
        #expect(try laptop.sync().status == 0)
        try laptop.ok(["done", "welcome"])
        #expect(try laptop.sync().report["pushed"]?.numberValue == 1)

        // Last night's backup, taken while serving; then more work reaches the server.
        let data = world.scratch.sub("server")
        let backup = world.scratch.sub("nightly.zip")
        #expect(try server(["backup", "--data", data, "--to", backup]) == 0)
        try laptop.ok(["done", "listen"])
        try laptop.ok(["quiz", "check", "--answers", try laptop.write("a.json", #"{"q1": 1}"#)])
        #expect(try laptop.sync().report["pushed"]?.numberValue == 2)

        // The server dies; the admin restores the backup and starts it again on the same port.
        kill(world.process.processIdentifier, SIGTERM)
        world.process.waitUntilExit()
        #expect(try server(["restore", "--data", data, "--from", backup, "--force"]) == 0)
        let restarted = try serve(data, port: world.port)
        defer {
            if restarted.isRunning {
                kill(restarted.processIdentifier, SIGKILL)
                restarted.waitUntilExit()
            }
        }

        // The restored server has only the first entry; the laptop's next sync restores the rest.
        let again = try laptop.sync()
        #expect(again.status == 0, "\(again.stderr)")
        let phone = try world.device("sam")
        #expect(try phone.sync().status == 0)
        #expect(
            try phone.count("SELECT count(*) FROM progress WHERE completed = 1") == 2,
            "both lessons, one from before the backup and one after")
        #expect(
            try phone.count("SELECT count(*) FROM attempts") == 1, "the attempt made after the backup came back, once")
        #expect(try laptop.count("SELECT count(*) FROM attempts") == 1)
        // The server's result is here once and awaits the teacher (check has an essay): one line, a score so far.
        let grades = try JSONParser.parse(try laptop.ok(["grades", "--json"]).stdout).arrayValue ?? []
        #expect(grades.filter { $0["item"]?.stringValue == "foundations/check" }.count == 1)
        let check = grades.first { $0["item"]?.stringValue == "foundations/check" }
        #expect(check?["essaysPending"]?.boolValue == true && check?["source"]?.stringValue == "local", "\(grades)")
        #expect(try laptop.count("SELECT count(*) FROM attempts WHERE server_scored = 1 AND awaiting_teacher = 1") == 1)
        kill(restarted.processIdentifier, SIGTERM)
        restarted.waitUntilExit()
        #expect(restarted.terminationStatus == 0)
    }

    @Test func serverKilledMidSync_ThenRestarted_NothingLostNothingTwice() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        #expect(try device.sync().status == 0)
        try device.ok(["quiz", "check", "--answers", try device.write("a.json", #"{"q1": 1}"#)])
        try device.ok(["_record-progress", "welcome", "--times", "4000"])
        let data = world.scratch.sub("server")
        var current: Process = world.process
        var restarts: [Process] = []
        defer {
            for p in restarts where p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            }
        }
        for delay in [0.1, 0.3] {
            let sync = try device.launch(["sync", "--quiet"])
            Thread.sleep(forTimeInterval: delay)
            kill(current.processIdentifier, SIGKILL) // the server dies mid-sync: no graceful stop
            current.waitUntilExit()
            sync.waitUntilExit()
            let next = try serve(data, port: world.port)
            restarts.append(next)
            current = next
        }
        let last = try device.sync()
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try device.count("SELECT count(*) FROM outbox WHERE pushed_at IS NULL") == 0)
        let other = try world.device("sam")
        #expect(try other.sync().status == 0)
        #expect(try other.count("SELECT count(*) FROM attempts") == 1, "the attempt once")
        #expect(try other.count("SELECT count(*) FROM progress") == 1)
        #expect(try device.count("SELECT acked FROM sync_accounts") == device.count("SELECT max(seq) FROM outbox"))
    }
}
