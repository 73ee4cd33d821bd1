import CoursePackage
import Foundation
import LMSModel
import Synchronization
import Testing
@testable import SyncServer

/// A running server collects unreferenced uploads by itself (`UploadCollector`), here every 50 ms
/// instead of daily.
struct UploadCollectorTests {
    /// Lines a collector logged.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Polls `condition` for up to `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func aRunningCollector_RemovesAnOrphanPastItsGrace_KeepsAFreshOne_AndLogsEachRun() throws {
        let server = try SyncRoutesTests().world()
        let orphan = Data("uploaded, never submitted".utf8)
        let fresh = Data("uploaded a moment ago".utf8)
        #expect(UploadStoreTests.put(server, orphan, as: "ana").status == 204)
        let log = Lines()
        let collector = UploadCollector(app: server.app, interval: 0.05, log: { log.add($0) })
        // A run before the grace ends removes nothing.
        #expect(Self.eventually { !log.all.isEmpty })
        #expect(server.app.blobs.contains(SHA256.hash(orphan).hex))
        // Eight days pass for the orphan; the fresh one arrives now.
        try server.app.store.queue.write { db in try db.execute("UPDATE uploads SET uploaded_at = 0") }
        #expect(UploadStoreTests.put(server, fresh, as: "ben").status == 204)
        #expect(Self.eventually { !server.app.blobs.contains(SHA256.hash(orphan).hex) })
        collector.stop()
        #expect(server.app.blobs.contains(SHA256.hash(fresh).hex))
        let lines = log.all
        #expect(lines.contains { $0.contains("removed 1 unreferenced upload (\(orphan.count) bytes)") })
        #expect(lines.allSatisfy { $0.hasPrefix("lms-server: upload collection: ") })
        // Stopped: no run after stop() returns.
        let count = log.all.count
        Thread.sleep(forTimeInterval: 0.2)
        #expect(log.all.count == count)
    }

    @Test func anUploadAgain_RestartsItsGrace() throws {
        let server = try SyncRoutesTests().world()
        let data = Data("sent twice".utf8)
        #expect(UploadStoreTests.put(server, data, as: "ana").status == 204)
        try server.app.store.queue.write { db in try db.execute("UPDATE uploads SET uploaded_at = 0") }
        // The device uploads it again (its push was cut): the file is wanted, not an orphan.
        #expect(UploadStoreTests.put(server, data, as: "ana").status == 204)
        #expect(try server.app.collectUnreferencedUploads().files == 0)
        #expect(server.app.blobs.contains(SHA256.hash(data).hex))
    }
}
