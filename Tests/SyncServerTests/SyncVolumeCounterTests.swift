import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Sync volume counted in memory and written in one transaction now and then (docs/OPERATIONS.md "Statistics").
struct SyncVolumeCounterTests {
    static func store() throws -> (ServerStore, String) {
        let path = NSTemporaryDirectory() + "lms-volume-\(UUID().uuidString).sqlite"
        return (try ServerStore(path: path), path)
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func rows(_ store: ServerStore) throws -> Int {
        try store.read { db in try db.fetchScalar(Int.self, "SELECT count(*) FROM sync_volume") } ?? -1
    }

    @Test func syncs_WriteNothingUntilAFlush_AndTheCountsSurviveIt() throws {
        let (store, path) = try Self.store()
        defer { Self.remove(path) }
        store.statistics.recordSync(.init(isPush: true, items: 3, bytes: 100, site: "camp"))
        store.statistics.recordSync(.init(isPush: false, items: 2, bytes: 50, site: "camp"))
        #expect(try Self.rows(store) == 0, "a pull or push costs no write of its own")
        store.statistics.flushSyncVolume()
        store.statistics.recordSync(.init(isPush: false, items: 4, bytes: 10, site: "camp"))
        store.statistics.flushSyncVolume()
        let row = try #require(
            try store.read { db in
                try db.fetchOne("SELECT pushes, pulls, entries_in, changes_out, bytes_in, bytes_out FROM sync_volume")
            })
        #expect(
            row.int(0) == 1 && row.int(1) == 2 && row.int(2) == 3 && row.int(3) == 6 && row.int(4) == 100
                && row.int(5) == 60)
    }

    @Test func stats_SeeCountsNotWrittenYet() throws {
        let (store, path) = try Self.store()
        defer { Self.remove(path) }
        store.statistics.recordSync(.init(isPush: false, items: 7, bytes: 70, site: "north"))
        let stats = try store.statistics.detailedStats()
        let volume = try #require(stats.first { $0.0 == "syncVolume" }?.1.arrayValue?.last)
        #expect(volume["pulls"]?.numberValue == 1 && volume["changesOut"]?.numberValue == 7)
        #expect(stats.first { $0.0 == "sites" }?.1.arrayValue?.compactMap { $0["site"]?.stringValue } == ["north"])
    }

    @Test func sitesPerDay_AreCapped_TheRestCountUnderOther() throws {
        let (store, path) = try Self.store()
        defer { Self.remove(path) }
        let limit = ServerLimits.maxSyncSitesPerDay
        for i in 0..<(limit + 3) {
            store.statistics.recordSync(.init(isPush: false, items: 1, bytes: 1, site: "site-\(i)"))
        }
        store.statistics.flushSyncVolume()
        #expect(try Self.rows(store) == limit + 1)
        // After a write (or a restart), a new site of the same day still goes to `other`.
        store.statistics.recordSync(.init(isPush: false, items: 1, bytes: 1, site: "late-comer"))
        store.statistics.recordSync(.init(isPush: false, items: 1, bytes: 1, site: "site-0"))
        store.statistics.flushSyncVolume()
        let pulls = try store.read { db in
            try db.fetchAll("SELECT site, pulls FROM sync_volume").map { ($0.string(0) ?? "", $0.int(1) ?? 0) }
        }
        #expect(pulls.count == limit + 1)
        #expect(pulls.first { $0.0 == StatisticsStore.otherSite }?.1 == 4)
        #expect(pulls.first { $0.0 == "site-0" }?.1 == 2)
    }
}

// MARK: - Edge cases (each failed before its fix)

extension SyncVolumeCounterTests {
    @Test func siteName_CutInsideACharacter_KeepsItsWholeCharacters() {
        let site = String(repeating: "a", count: StatisticsStore.maxSiteBytes - 1) + "ñandú"
        #expect(
            StatisticsStore.prefix(site, maxUTF8Bytes: StatisticsStore.maxSiteBytes)
                == String(repeating: "a", count: StatisticsStore.maxSiteBytes - 1))
        #expect(StatisticsStore.prefix("Ñuñoa", maxUTF8Bytes: 64) == "Ñuñoa")
    }
}
