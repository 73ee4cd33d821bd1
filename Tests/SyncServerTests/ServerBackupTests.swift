import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

struct ServerBackupTests {
    @Test func backupAndRestore_RoundTrip_WithANewEpoch() throws {
        let server = try Self.server(publishing: "rich-course")
        let epoch = try server.app.store.epoch()
        let backup = server.data + "-backup.zip"
        defer { unlink(backup) }
        let summary = try ServerBackup.backup(dataDirectory: server.data, to: backup)
        #expect(summary.contains("blobs"))
        #expect(try runUnzipTest(backup))
        let restored = server.data + "-restored"
        defer { try? FileManager.default.removeItem(atPath: restored) }
        _ = try ServerBackup.restore(from: backup, dataDirectory: restored, force: false)
        let app = try ServerApp(
            configuration: .init(dataDirectory: restored, passwordIterations: Passwords.minimumIterations))
        #expect(try app.store.epoch() != epoch, "a restored server has a new epoch")
        #expect(try app.store.accounts.user(named: "owner") != nil)
        let version = try #require(try app.store.courses.version(courseID: "intro-programming", version: "1.2.0"))
        #expect(app.blobs.contains(version.studentBlob))
        #expect(try app.store.read { try $0.integrityCheck() }.isEmpty)
        // Restoring over a folder in use needs --force, and keeps the old folder aside.
        #expect(throws: (any Error).self) {
            try ServerBackup.restore(from: backup, dataDirectory: restored, force: false)
        }
    }

    /// Found re-running issue 13's review: a backup to a full disk said "SQLite error 13 … SQL: backup
    /// to …" instead of what to do. It says the disk is full, and leaves nothing beside the output.
    @Test func aBackupToAFullDisk_SaysSo_AndLeavesNothing() throws {
        guard let disk = StorageFullTests.smallDisk() else { return }
        defer { StorageFullTests.unmount(disk) }
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        _ = StorageFullTests.fill(disk)
        var message = ""
        do {
            _ = try ServerBackup.backup(dataDirectory: server.data, to: disk + "/lms.zip")
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("is full") && message.contains("make room"), "\(message)")
        #expect(!message.contains("SQL"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["filler"])
    }

    @Test func damagedBackup_IsRefused_AndLeavesNothing() throws {
        let server = try Self.server(publishing: "small-course")
        let backup = server.data + "-backup.zip"
        defer { unlink(backup) }
        _ = try ServerBackup.backup(dataDirectory: server.data, to: backup)
        // Rename one blob so that its bytes no longer match its name.
        let script = """
            import sys, zipfile
            src = zipfile.ZipFile(sys.argv[1]); dst = zipfile.ZipFile(sys.argv[2], 'w')
            done = False
            for i in src.infolist():
                data = src.read(i)
                if i.filename.startswith('blobs/') and not done:
                    data = data + b'x'; done = True
                dst.writestr(i.filename, data)
            dst.close()
            """
        let bad = backup + ".bad.zip"
        defer { unlink(bad) }
        try Self.rewrite(backup, to: bad, with: script)
        let target = server.data + "-restore-bad"
        #expect(throws: (any Error).self) { try ServerBackup.restore(from: bad, dataDirectory: target, force: false) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func backupWithABlobOutsideItsFolder_IsRefused() throws {
        let server = try Self.server(publishing: "small-course")
        let backup = server.data + "-backup.zip"
        defer { unlink(backup) }
        _ = try ServerBackup.backup(dataDirectory: server.data, to: backup)
        // Move one blob to another fan-out folder: its bytes still match its name, but nothing would find it.
        let script = """
            import sys, zipfile
            src = zipfile.ZipFile(sys.argv[1]); dst = zipfile.ZipFile(sys.argv[2], 'w')
            done = False
            for i in src.infolist():
                name = i.filename
                if name.startswith('blobs/') and not done:
                    name = 'blobs/zz/' + name.split('/')[-1]; done = True
                dst.writestr(name, src.read(i))
            dst.close()
            """
        let moved = backup + ".moved.zip"
        defer { unlink(moved) }
        try Self.rewrite(backup, to: moved, with: script)
        let target = server.data + "-restore-moved"
        #expect { try ServerBackup.restore(from: moved, dataDirectory: target, force: false) } throws: {
            "\($0)".contains("is not where a blob is kept")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// A server with the teacher "owner", who has published the sample course `sample`.
    static func server(
        publishing sample: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TestServer {
        let server = try TestServer(users: ["owner": .teacher])
        #expect(try server.publish(sample, as: "owner").status == 201, sourceLocation: sourceLocation)
        return server
    }

    /// Copies the zip `backup` to `output` through the Python `script` (argv: the input, the output).
    static func rewrite(_ backup: String, to output: String, with script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, backup, output]
        try process.run()
        process.waitUntilExit()
    }

    func runUnzipTest(_ path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-tq", path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
