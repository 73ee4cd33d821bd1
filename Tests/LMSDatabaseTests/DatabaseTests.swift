import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseTests {
    @Test func fileDatabaseIsReallyInWALMode() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("wal.sqlite")
        let db = try Database(path: path)
        #expect(db.path == path)
        #expect(try db.fetchScalar(String.self, "PRAGMA journal_mode") == "wal")
        try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let other = try Database(path: path)
        #expect(try other.fetchScalar(String.self, "PRAGMA journal_mode") == "wal")
        #expect(try other.fetchScalar(Int.self, "SELECT x FROM t") == 1)
    }

    @Test func failedOpenThrowsAClearError() throws {
        let error = try #require(
            capture { _ = try Database(path: "/nonexistent-dir-\(UUID())/x.sqlite") } as? DatabaseError)
        #expect(error.resultCode == 14)
        #expect(error.message.contains("unable to open"))
    }

    @Test func scriptsRunEveryStatementAndReportTheFailingOne() throws {
        let db = try Database.inMemory()
        try db.execute(
            sql: """
                CREATE TABLE a(x); -- comment
                INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);
                /* trailing */
                """)
        #expect(try db.fetchScalar(Int.self, "SELECT sum(x) FROM a") == 3)
        let error = try #require(
            capture { try db.execute(sql: "INSERT INTO a VALUES (3); INSERT INTO nope VALUES (4);") } as? DatabaseError)
        #expect(error.sql == "INSERT INTO nope VALUES (4);")
        #expect(error.message.contains("no such table: nope"))
        try db.execute(sql: "")
    }

    @Test func executeOverloadsAndCounters() throws {
        let db = try makeItemDatabase()
        try db.execute("INSERT INTO item(name, qty) VALUES (?, ?)", ["a", 1])
        #expect(db.lastInsertRowID == 1)
        let name = "b"
        try db.execute("INSERT INTO item(name, qty) VALUES (?, ?)", arguments: [name, nil])
        #expect(db.lastInsertRowID == 2)
        try db.execute("UPDATE item SET qty = 5")
        #expect(db.changes == 2)
        #expect(db.totalChanges == 4)
    }

    @Test func busyTimeoutExpiresWithBusyError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("busy.sqlite")
        let holder = try Database(path: path)
        let waiter = try Database(path: path, options: DatabaseOptions(busyTimeoutMilliseconds: 200))
        try holder.execute(sql: "CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
        let start = Date()
        let error = try #require(capture { try waiter.execute(sql: "BEGIN IMMEDIATE") } as? DatabaseError)
        #expect(error.isBusy)
        #expect(Date().timeIntervalSince(start) >= 0.15)
        #expect(try waiter.fetchScalar(Int.self, "SELECT count(*) FROM t") == 0) // WAL: readers not blocked
        try holder.execute(sql: "COMMIT")
        try waiter.execute(sql: "BEGIN IMMEDIATE; COMMIT;")
    }

    @Test func busyTimeoutWaitsForAnotherConnectionToFinish() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("wait.sqlite")
        let waiter = try Database(path: path)
        try waiter.execute(sql: "CREATE TABLE t(x)")
        let locked = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { finished.signal() }
            do {
                let holder = try Database(path: path)
                try holder.execute(sql: "BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
                locked.signal()
                Thread.sleep(forTimeInterval: 0.3)
                try holder.execute(sql: "COMMIT")
            } catch {
                locked.signal()
            }
        }
        locked.wait()
        let start = Date()
        try waiter.execute("INSERT INTO t VALUES (?)", arguments: [2])
        #expect(Date().timeIntervalSince(start) >= 0.2)
        finished.wait()
        #expect(try waiter.fetchScalar(Int.self, "SELECT count(*) FROM t") == 2)
    }
}
