import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseMaintenanceTests {
    private func fill(_ db: Database, rows: Int) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, s TEXT, b BLOB)")
        try db.transaction(.immediate) { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t(s, b) VALUES (?, ?)")
            for n in 0..<rows {
                try insert.execute(arguments: ["row \(n) ✓", Data(repeating: UInt8(n % 256), count: 64)])
            }
            return .commit
        }
    }

    @Test func integrityCheckIsEmptyWhenHealthy() throws {
        let db = try Database.inMemory()
        try fill(db, rows: 10)
        #expect(try db.integrityCheck() == [])
    }

    @Test func checkpointMovesTheWALIntoTheDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("c.sqlite")
        let db = try Database(path: path)
        try fill(db, rows: 200)
        let result = try db.checkpoint(.truncate)
        #expect(result.walFrames == result.checkpointedFrames)
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(walSize == 0)
        try db.checkpoint()
    }

    @Test func backupCopiesEveryRowWithCleanIntegrity() throws {
        let directory = try TemporaryDirectory()
        let db = try Database(path: directory.path("source.sqlite"))
        try fill(db, rows: 500)
        let target = directory.path("backup.sqlite")
        try db.backup(to: target, pagesPerStep: 3)
        let copy = try Database(path: target)
        #expect(try copy.integrityCheck() == [])
        let sql = "SELECT id, s, b FROM t ORDER BY id"
        #expect(try copy.fetchAll(sql) == db.fetchAll(sql))
    }

    @Test func backupIsAConsistentSnapshotWhileAnotherConnectionWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("live.sqlite")
        let db = try Database(path: path)
        try fill(db, rows: 2000)
        let started = DispatchSemaphore(value: 0)
        let stop = LockedFlag()
        let writerDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { writerDone.signal() }
            guard let writer = try? Database(path: path) else {
                started.signal()
                return
            }
            started.signal()
            while !stop.isSet {
                try? writer.execute("INSERT INTO t(s) VALUES (?)", arguments: ["concurrent"])
            }
        }
        started.wait()
        let target = directory.path("live-backup.sqlite")
        try db.backup(to: target, pagesPerStep: 1)
        stop.set()
        writerDone.wait()
        let copy = try Database(path: target)
        #expect(try copy.integrityCheck() == [])
        let copied = try copy.fetchScalar(Int.self, "SELECT count(*) FROM t") ?? 0
        #expect(copied >= 2000)
        #expect(try copy.fetchScalar(Int.self, "SELECT count(*) FROM t WHERE s LIKE 'row %'") == 2000)
    }

    @Test func backupOfAnInMemoryDatabase() throws {
        let directory = try TemporaryDirectory()
        let db = try Database.inMemory()
        try fill(db, rows: 20)
        try db.backup(to: directory.path("m.sqlite"))
        let copy = try Database(path: directory.path("m.sqlite"))
        #expect(try copy.fetchScalar(Int.self, "SELECT count(*) FROM t") == 20)
    }
}

/// A thread-safe boolean for stopping a background writer.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
