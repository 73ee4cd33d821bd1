import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, items 10, 11 and 13: the server's files are its own, and nothing a kill leaves
/// behind stays.
@Suite(.serialized) struct DataFolderPermissionsTests {
    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = arguments
        process.environment = ServerProcess.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func theDatabaseItsWALAndBackups_Are0600_In0700Folders_WhateverTheUmask() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let server = try ServerProcess()
        #expect(try server.call("GET", "/healthz").0 == 200)
        #expect(Self.mode(server.data) == 0o700)
        #expect(Self.mode(server.data + "/blobs") == 0o700)
        #expect(Self.mode(server.data + "/lms.sqlite") == 0o600)
        #expect(Self.mode(server.data + "/lms.sqlite-wal") == 0o600)
        // A backup beside what a killed backup left: the leftovers go, the new file is 0600.
        let folder = NSTemporaryDirectory() + "lms-backups-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = "4194303" // above any pid this test machine hands out
        for leftover in ["old.zip.db-\(dead)", "old.zip.db-\(dead)-wal", "old.zip.partial-\(dead)"] {
            FileManager.default.createFile(atPath: folder + "/" + leftover, contents: Data("copy".utf8))
        }
        FileManager.default.createFile(atPath: folder + "/notes-123", contents: Data("keep".utf8))
        #expect(try Self.run(["backup", "--data", server.data, "--to", folder + "/new.zip"]) == 0)
        #expect(Self.mode(folder + "/new.zip") == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["new.zip", "notes-123"])
        server.stop()
    }

    @Test func workFoldersLeftInBlobsTmp_AreRemovedAtStart() throws {
        let server = try TestServer()
        let work = server.app.blobs.root + "/tmp/publish-work-1"
        try FileManager.default.createDirectory(atPath: work + "/course", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: work + "/course/big.bin", contents: Data(count: 1024))
        FileManager.default.createFile(atPath: server.app.blobs.root + "/tmp/upload-1", contents: Data())
        server.app.blobs.removeTemporaryFiles()
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.app.blobs.root + "/tmp").isEmpty)
    }

    @Test func aBadPackage_IsRefusedWithoutTheServersPaths() throws {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        let path = server.app.blobs.root + "/tmp/upload-garbage"
        FileManager.default.createFile(atPath: path, contents: Data("not a zip at all".utf8))
        let response = server.request(.post, "/api/v1/courses", as: "owner", body: .file(path: path, size: 16))
        #expect(response.status == 422)
        let text = String(decoding: response.bodyData, as: UTF8.self)
        #expect(!text.contains(server.data) && !text.contains("/tmp/"), "\(text)")
    }
}
