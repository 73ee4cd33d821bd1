import Foundation

/// Sync volume counted in memory between writes to `sync_volume`: counting each pull page and
/// push in a write transaction of its own cost an fsync per request on the one serialised
/// connection, and turned read-only pulls into writes. `StatisticsStore.recordSync` adds here and
/// writes the counts at most every `ServerLimits.syncVolumeFlushSeconds`; `admin/stats` and
/// shutdown write them first. Thread-safe.
final class SyncVolumeCounter: @unchecked Sendable {
    /// A UTC day and a site.
    struct Key: Hashable, Comparable {
        var day: String
        var site: String
        static func < (a: Key, b: Key) -> Bool { (a.day, a.site) < (b.day, b.site) }
    }

    /// What requests of one day and site moved.
    struct Totals: Equatable {
        var pushes = 0
        var pulls = 0
        var entriesIn = 0
        var changesOut = 0
        var bytesIn = 0
        var bytesOut = 0
        var lastSyncAt: Int64 = 0

        mutating func add(_ other: Totals) {
            pushes += other.pushes
            pulls += other.pulls
            entriesIn += other.entriesIn
            changesOut += other.changesOut
            bytesIn += other.bytesIn
            bytesOut += other.bytesOut
            lastSyncAt = max(lastSyncAt, other.lastSyncAt)
        }
    }

    private let lock = NSLock()
    private var pending: [Key: Totals] = [:]
    private var lastFlushAt: Int64

    /// Empty counts; the first write is due `syncVolumeFlushSeconds` after `now`.
    init(now: Int64 = nowMilliseconds()) { lastFlushAt = now }

    /// Counts one request of `site` at `now`; returns whether a write is due. A day holds at most
    /// `ServerLimits.maxSyncSitesPerDay` sites in memory besides `otherSite`, which takes the rest.
    func add(_ volume: StatisticsStore.SyncVolume, site: String, at now: Int64) -> Bool {
        var totals = Totals(lastSyncAt: now)
        if volume.isPush {
            totals.pushes = 1
            totals.entriesIn = volume.items
            totals.bytesIn = volume.bytes
        } else {
            totals.pulls = 1
            totals.changesOut = volume.items
            totals.bytesOut = volume.bytes
        }
        let day = StatisticsStore.utcDay(now)
        return lock.withLock {
            var key = Key(day: day, site: site)
            if pending[key] == nil, key.site != StatisticsStore.otherSite,
                pending.keys.filter({ $0.day == day && $0.site != StatisticsStore.otherSite }).count
                    >= ServerLimits.maxSyncSitesPerDay
            {
                key.site = StatisticsStore.otherSite
            }
            pending[key, default: Totals()].add(totals)
            return now - lastFlushAt >= ServerLimits.syncVolumeFlushSeconds * 1000
        }
    }

    /// Takes the pending counts (leaving none) and marks `now` as the last write.
    func take(at now: Int64) -> [Key: Totals] {
        lock.withLock {
            defer {
                pending = [:]
                lastFlushAt = now
            }
            return pending
        }
    }

    /// Puts back counts whose write failed, to go with the next one.
    func putBack(_ counts: [Key: Totals]) {
        lock.withLock {
            for (key, totals) in counts { pending[key, default: Totals()].add(totals) }
        }
    }
}
