import Foundation
import Testing
@testable import LMSDatabase

@Suite struct WALCheckpointerTests {
    @Test func theThreadCheckpointsOnceTheWALPassesTheThreshold_AndTheNextWriteRestartsIt() throws {
        let directory = try TemporaryDirectory()
        let queue = try Self.blobQueue(directory.path("a.sqlite"), pages: 100)
        let checkpointer = try #require(queue.checkpointer)
        try Self.insertBlobs(120, into: queue) // one commit, one wake-up
        #expect(checkpointer.statistics.largestCommitPages >= 100)
        #expect(Self.waitUntil { checkpointer.statistics.backgroundCheckpoints >= 1 })
        #expect(checkpointer.statistics.writerCheckpoints == 0, "the writer never needed to checkpoint itself")
        #expect(checkpointer.statistics.failedCheckpoints == 0)
        try Self.insertBlobs(1, into: queue)
        #expect(checkpointer.statistics.lastCommitPages < 100, "the WAL starts again from its beginning")
        // The queue's connection does not checkpoint on commit by itself.
        #expect(try queue.inDatabase { try $0.fetchScalar(Int.self, "PRAGMA wal_autocheckpoint") } == 0)
    }

    @Test func theWriterCheckpointsAtTheHardCap_WhileTheThreadIsPaused() throws {
        let directory = try TemporaryDirectory()
        let queue = try Self.blobQueue(directory.path("b.sqlite"), pages: 50)
        let checkpointer = try #require(queue.checkpointer)
        checkpointer.setPaused(true)
        for _ in 0..<40 { try Self.insertBlobs(10, into: queue) } // about 450 pages in all
        let statistics = checkpointer.statistics
        #expect(statistics.backgroundCheckpoints == 0)
        #expect(statistics.writerCheckpoints >= 1)
        #expect(
            statistics.largestCommitPages < checkpointer.hardCapPages + 30,
            "the WAL never held much more than the cap (\(checkpointer.hardCapPages) pages)")
        checkpointer.setPaused(false) // the commits past the threshold left it a wake-up
        #expect(Self.waitUntil { checkpointer.statistics.backgroundCheckpoints >= 1 }, "a resumed thread works")
    }

    /// Under back-to-back writes the next transaction begins before the thread's checkpoint ends, so
    /// SQLite cannot start the WAL again; the writer copies the few pages the thread left, and it can.
    @Test func theWriterCopiesTheTailTheThreadLeft_SoTheWALStartsAgain() throws {
        let directory = try TemporaryDirectory()
        let queue = try Self.blobQueue(directory.path("t.sqlite"), pages: 100)
        let checkpointer = try #require(queue.checkpointer)
        checkpointer.setPaused(true)
        try Self.insertBlobs(120, into: queue) // wakes the thread, which waits
        var checkpointed = false
        try queue.write { db in
            // This transaction began before the thread's checkpoint: it appends to the WAL.
            checkpointer.setPaused(false)
            checkpointed = Self.waitUntil { checkpointer.statistics.backgroundCheckpoints >= 1 }
            for _ in 0..<5 { try db.execute(sql: "INSERT INTO item(payload) VALUES (randomblob(3000))") }
        }
        #expect(checkpointed)
        #expect(checkpointer.statistics.lastCommitPages >= 100)
        #expect(checkpointer.statistics.writerTailCheckpoints == 1)
        #expect(checkpointer.statistics.writerCheckpoints == 0)
        try Self.insertBlobs(1, into: queue)
        #expect(checkpointer.statistics.lastCommitPages < checkpointer.tailPages, "the WAL started again")
    }

    @Test func releasingTheQueueStopsTheThreadAndClosesItsConnection() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("c.sqlite")
        var queue: DatabaseQueue? = try Self.blobQueue(path, pages: 100)
        try Self.insertBlobs(1, into: try #require(queue))
        let checkpointer = try #require(queue?.checkpointer)
        #expect(Self.waitUntil { checkpointer.statistics.threadID != 0 })
        let thread = checkpointer.statistics.threadID
        let comm = try String(contentsOfFile: "/proc/self/task/\(thread)/comm", encoding: .utf8)
        #expect(comm.trimmingCharacters(in: .whitespacesAndNewlines) == WALCheckpointer.threadName)
        #expect(Self.openFiles(path).filter { $0 == path }.count == 2, "the queue's connection and the thread's")
        queue = nil
        #expect(!FileManager.default.fileExists(atPath: "/proc/self/task/\(thread)"))
        #expect(Self.openFiles(path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection removed the WAL")
    }

    @Test func hundredsOfQueuesLeaveNoThreadNorFileBehind() throws {
        let directory = try TemporaryDirectory()
        var threads: [Int32] = []
        for index in 0..<200 {
            let queue = try Self.blobQueue(directory.path("q\(index).sqlite"), pages: 10)
            try Self.insertBlobs(12, into: queue)
            let checkpointer = try #require(queue.checkpointer)
            #expect(Self.waitUntil { checkpointer.statistics.threadID != 0 })
            threads.append(checkpointer.statistics.threadID)
        }
        #expect(Set(threads).count == 200)
        #expect(threads.allSatisfy { !FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") })
        #expect(Self.openFiles(directory.path("")).isEmpty)
    }

    @Test func concurrentWritersLoseNothing_AndTheFileStaysIntact() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("d.sqlite")
        let writers = 4
        let transactions = 40
        do {
            let queue = try Self.blobQueue(path, pages: 20)
            let failures = LockedFlag()
            DispatchQueue.concurrentPerform(iterations: writers) { writer in
                for index in 0..<transactions {
                    do {
                        try queue.write { db in
                            for row in 0..<3 {
                                try db.execute(
                                    "INSERT INTO item(writer, n, payload) VALUES (?, ?, randomblob(3000))",
                                    arguments: [writer, index * 3 + row])
                            }
                        }
                    } catch {
                        failures.set()
                    }
                }
            }
            #expect(!failures.isSet)
            let checkpointer = try #require(queue.checkpointer)
            #expect(Self.waitUntil { checkpointer.statistics.backgroundCheckpoints >= 1 })
            #expect(
                try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM item") } == writers * transactions
                    * 3)
            #expect(try queue.read { try $0.integrityCheck() }.isEmpty)
        }
        let reopened = try DatabaseQueue(path: path)
        let counts = try reopened.read { db in
            try db.fetchColumn(Int.self, "SELECT count(DISTINCT n) FROM item GROUP BY writer ORDER BY writer")
        }.compactMap { $0 }
        #expect(counts == Array(repeating: transactions * 3, count: writers))
        #expect(try reopened.read { try $0.integrityCheck() }.isEmpty)
    }

    @Test func aThresholdBelowOnePageIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: DatabaseError.self) {
            _ = try DatabaseQueue(path: directory.path("e.sqlite"), checkpoint: .background(pages: 0))
        }
    }

    // MARK: - Helpers

    /// A queue with background checkpoints every `pages` pages and an `item` table of blobs.
    static func blobQueue(_ path: String, pages: Int) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path, checkpoint: .background(pages: pages))
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS item(id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER, payload BLOB)")
        }
        return queue
    }

    /// Inserts `count` rows of about one page each in one transaction.
    static func insertBlobs(_ count: Int, into queue: DatabaseQueue) throws {
        try queue.write { db in
            for _ in 0..<count { try db.execute(sql: "INSERT INTO item(payload) VALUES (randomblob(3000))") }
        }
    }

    /// Polls `condition` every 5 ms for up to 20 s (a loaded 2-core CI machine; it returns as soon as it holds).
    static func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<4000 {
            if condition() { return true }
            usleep(5000)
        }
        return condition()
    }

    /// The files this process holds open whose path starts with `prefix`.
    static func openFiles(_ prefix: String) -> [String] {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.hasPrefix(prefix) }
    }
}
