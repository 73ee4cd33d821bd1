import Foundation
import Testing
@testable import LMSDatabase
@testable import SyncServer

/// The server's database checkpoints its WAL on a thread of its own (issue 13, the push's commit),
/// and a released store leaves nothing of it running or open, so a restore can replace the folder.
struct ServerStoreTests {
    @Test func theStoreCheckpointsInTheBackground_AtItsThreshold() throws {
        let folder = NSTemporaryDirectory() + "lms-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ServerStore(path: folder + "/" + ServerStore.fileName)
        let checkpointer = try #require(store.queue.checkpointer)
        #expect(checkpointer.thresholdPages == ServerStore.walCheckpointPages)
        let autocheckpoint = try store.queue.inDatabase { try $0.fetchScalar(Int.self, "PRAGMA wal_autocheckpoint") }
        #expect(autocheckpoint == 0, "no commit checkpoints on the request thread")
    }

    @Test func aReleasedStoreLeavesNoThreadNorOpenFileInItsFolder() throws {
        let folder = NSTemporaryDirectory() + "lms-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var store: ServerStore? = try ServerStore(path: folder + "/" + ServerStore.fileName)
        try store?.renewEpoch()
        let checkpointer = try #require(store?.queue.checkpointer)
        for _ in 0..<1000 where checkpointer.statistics.threadID == 0 { usleep(5000) }
        let thread = checkpointer.statistics.threadID
        #expect(thread > 0 && FileManager.default.fileExists(atPath: "/proc/self/task/\(thread)"))
        #expect(Self.openFiles(under: folder).count >= 2)
        store = nil
        #expect(!FileManager.default.fileExists(atPath: "/proc/self/task/\(thread)"))
        #expect(Self.openFiles(under: folder).isEmpty)
    }

    /// The files this process holds open inside `folder`.
    static func openFiles(under folder: String) -> [String] {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.hasPrefix(folder + "/") }
    }
}
