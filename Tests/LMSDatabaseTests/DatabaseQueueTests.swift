import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseQueueTests {
    @Test func concurrentWritesFromManyThreadsAreSerialised() throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.path("q.sqlite"))
        try queue.write { db in
            try db.execute(
                sql:
                    "CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0);"
            )
            try db.execute(sql: "CREATE TABLE log(thread INTEGER, i INTEGER)")
        }
        let failures = LockedFlag()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<50 {
                do {
                    try queue.write { db in
                        let n = try db.fetchScalar(Int.self, "SELECT n FROM counter WHERE id = 1") ?? 0
                        try db.cachedStatement(sql: "UPDATE counter SET n = ? WHERE id = 1").execute(arguments: [n + 1])
                        try db.execute("INSERT INTO log VALUES (?, ?)", arguments: [thread, i])
                    }
                    _ = try queue.read { db in try db.fetchScalar(Int.self, "SELECT count(*) FROM log") }
                } catch {
                    failures.set()
                }
            }
        }
        #expect(!failures.isSet)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "SELECT n FROM counter") } == 400)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM log") } == 400)
    }

    @Test func writeRollsBackOnThrowAndReturnsValues() throws {
        struct Boom: Error {}
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        let id = try queue.write { db -> Int64 in
            try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
            try db.execute("INSERT INTO t(x) VALUES (1)")
            return db.lastInsertRowID
        }
        #expect(id == 1)
        #expect(throws: Boom.self) {
            try queue.write { db in
                try db.execute("INSERT INTO t(x) VALUES (2)")
                throw Boom()
            }
        }
        let optional: Int? = try queue.write { _ in nil }
        #expect(optional == nil)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM t") } == 1)
    }

    @Test func nestedAccessOnTheSameThreadDoesNotDeadlock() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        let total = try queue.write { db -> Int in
            try db.execute(sql: "CREATE TABLE t(x)")
            try queue.write { db in try db.execute("INSERT INTO t VALUES (1)") }
            return try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM t") } ?? 0
        }
        #expect(total == 1)
        #expect(queue.inDatabase { $0.isInsideTransaction } == false)
        #expect(queue.path == ":memory:")
    }
}

@Suite struct DatabaseQueueReadTests {
    @Test func read_SeesOneSnapshot_WhileAnotherConnectionCommits() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("snapshot.sqlite")
        let reader = try DatabaseQueue(path: path)
        let writer = try DatabaseQueue(path: path)
        try writer.write { db in try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
        let counts = try reader.read { db -> [Int] in
            let before = try db.fetchScalar(Int.self, "SELECT count(*) FROM t") ?? -1
            try writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
            let after = try db.fetchScalar(Int.self, "SELECT count(*) FROM t") ?? -1
            return [before, after]
        }
        #expect(counts == [1, 1])
        #expect(try reader.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM t") } == 2)
    }

    @Test func read_InsideWrite_SeesTheWritesUncommittedWork() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        let seen = try queue.write { db -> Int? in
            try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            return try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM t") }
        }
        #expect(seen == 1)
    }
}
