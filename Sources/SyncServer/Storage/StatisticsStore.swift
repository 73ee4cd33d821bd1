import Foundation
import LMSDatabase
import LMSModel

/// The figures of `GET /api/v1/admin/stats` beyond counts: enrollments per course, devices and
/// sites by last sync, and sync volume per day (table `sync_volume`, migration 8).
struct StatisticsStore: AreaStore {
    let queue: DatabaseQueue
    /// Sync volume not written yet (`recordSync`, `flushSyncVolume`).
    let syncVolume = SyncVolumeCounter()

    /// What one sync request moved, counted per UTC day and site.
    struct SyncVolume: Sendable {
        /// `push` or `pull`.
        var isPush: Bool
        /// Entries received (push) or changes sent (pull).
        var items: Int
        /// Body bytes received (push) or sent (pull).
        var bytes: Int
        /// The field site the device says it is at (`X-LMS-Site`), "" when none.
        var site: String

        /// A push of `entries` in `request` (bytes as received: gzip'd when sent so).
        static func push(entries: Int, request: HTTPRequest) -> SyncVolume {
            let bytes: Int
            if case .data(let data) = request.body { bytes = data.count } else { bytes = 0 }
            return SyncVolume(isPush: true, items: entries, bytes: bytes, site: request.headers["X-LMS-Site"] ?? "")
        }

        /// A pull page of `changes` answered by `response`.
        static func pull(changes: Int, response: HTTPResponse, request: HTTPRequest) -> SyncVolume {
            SyncVolume(
                isPush: false, items: changes, bytes: Int(response.body.count),
                site: request.headers["X-LMS-Site"] ?? "")
        }
    }

    /// Courses, active enrollments, devices synced in the last 30 days, and the last sync.
    func systemFigures() throws -> (courses: Int, enrollments: Int, activeDevices: Int, lastSync: Int64?) {
        try read { db in
            let courses = try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM courses") ?? 0
            let enrollments =
                try db.fetchScalar(Int64.self, "SELECT COUNT(*) FROM enrollments WHERE status = 'active'") ?? 0
            let monthAgo = nowMilliseconds() - 30 * 24 * 3600 * 1000
            let devices =
                try db.fetchScalar(
                    Int64.self, "SELECT COUNT(*) FROM devices WHERE last_sync_at > ?", arguments: [monthAgo]) ?? 0
            let last = try db.fetchScalar(Int64.self, "SELECT MAX(last_sync_at) FROM devices")
            return (Int(courses), Int(enrollments), Int(devices), last)
        }
    }

    /// The longest site name kept (outside input).
    static let maxSiteBytes = 64

    /// The site that counts every site of a day past `ServerLimits.maxSyncSitesPerDay`.
    static let otherSite = "other"

    /// Counts one sync request: the ONE call the sync routes make. The count waits in memory
    /// (`syncVolume`) and is written with the others at most every `ServerLimits.syncVolumeFlushSeconds`,
    /// so a pull stays a read. A failure here never fails the sync (figures are not worth a student's work).
    func recordSync(_ volume: SyncVolume) {
        let site = Self.prefix(volume.site.trimmingCharacters(in: .whitespaces), maxUTF8Bytes: Self.maxSiteBytes)
        if syncVolume.add(volume, site: site, at: nowMilliseconds()) { flushSyncVolume() }
    }

    /// Writes the counts waiting in memory in one transaction (before `admin/stats` answers, when one
    /// is due, and at shutdown). A day keeps at most `ServerLimits.maxSyncSitesPerDay` sites besides
    /// `otherSite`, which takes the counts of any further one. Counts whose write fails wait for the next.
    func flushSyncVolume() {
        let counts = syncVolume.take(at: nowMilliseconds())
        guard !counts.isEmpty else { return }
        do {
            try write { db in
                for (key, totals) in counts.sorted(by: { $0.key < $1.key }) {
                    var site = key.site
                    if site != Self.otherSite,
                        try db.fetchScalar(
                            Int.self, "SELECT 1 FROM sync_volume WHERE day = ? AND site = ?", arguments: [key.day, site]
                        ) == nil,
                        try db.fetchScalar(
                            Int.self, "SELECT count(*) FROM sync_volume WHERE day = ? AND site <> ?",
                            arguments: [key.day, Self.otherSite]) ?? 0 >= ServerLimits.maxSyncSitesPerDay
                    {
                        site = Self.otherSite
                    }
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO sync_volume(day, site, pushes, pulls, entries_in, changes_out, bytes_in, bytes_out, last_sync_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                            ON CONFLICT(day, site) DO UPDATE SET pushes = pushes + excluded.pushes, pulls = pulls + excluded.pulls,
                                entries_in = entries_in + excluded.entries_in, changes_out = changes_out + excluded.changes_out,
                                bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out,
                                last_sync_at = max(coalesce(last_sync_at, 0), excluded.last_sync_at)
                            """
                    ).execute(arguments: [
                        key.day, site, totals.pushes, totals.pulls, totals.entriesIn, totals.changesOut,
                        totals.bytesIn, totals.bytesOut, totals.lastSyncAt
                    ])
                }
            }
        } catch {
            syncVolume.putBack(counts)
        }
    }

    /// The longest start of `text` of at most `maxUTF8Bytes` bytes that ends on a character boundary
    /// (`String(text.utf8.prefix(n))` is nil when the cut falls inside a character).
    static func prefix(_ text: String, maxUTF8Bytes: Int) -> String {
        var bytes = 0
        return String(
            text.prefix {
                bytes += $0.utf8.count
                return bytes <= maxUTF8Bytes
            })
    }

    /// `YYYY-MM-DD` in UTC of a time in ms.
    static func utcDay(_ ms: Int64) -> String { CalendarDay.string(Date(timeIntervalSince1970: Double(ms) / 1000)) }

    /// How many days of volume `stats` lists.
    static let statsDays = 30
    /// How many devices `stats` lists (most recent first).
    static let statsDevices = 200

    /// The detailed figures as JSON members.
    func detailedStats() throws -> [(String, JSONValue)] {
        flushSyncVolume() // the figures include the syncs counted in memory
        return try read { db in
            let perCourse = try db.fetchAll(
                """
                SELECT c.id, c.title, c.latest_version,
                       (SELECT count(*) FROM enrollments e WHERE e.course_id = c.id AND e.status = 'active') AS active,
                       (SELECT count(*) FROM enrollments e WHERE e.course_id = c.id AND e.completed_at IS NOT NULL) AS completed
                FROM courses c ORDER BY c.id
                """
            ).map { row in
                JSONOut.obj([
                    ("id", JSONOut.s(row.string(0) ?? "")), ("title", JSONOut.s(row.string(1) ?? "")),
                    ("latestVersion", JSONOut.s(row.string(2) ?? "")),
                    ("activeEnrollments", JSONOut.n(row.int64(3) ?? 0)),
                    ("completed", JSONOut.n(row.int64(4) ?? 0))
                ])
            }
            let devices = try db.fetchAll(
                """
                SELECT d.id, u.username, d.site, d.last_sync_at FROM devices d JOIN users u ON u.id = d.user_id
                ORDER BY d.last_sync_at DESC LIMIT ?
                """, arguments: [Self.statsDevices]
            ).map { row in
                JSONOut.obj([
                    ("device", JSONOut.s(row.string(0) ?? "")), ("user", JSONOut.s(row.string(1) ?? "")),
                    ("site", JSONOut.opt(row.string(2))), ("lastSync", JSONOut.time(row.int64(3)))
                ])
            }
            let sites = try db.fetchAll(
                """
                SELECT site, MAX(last_sync_at), SUM(pushes), SUM(pulls) FROM sync_volume GROUP BY site ORDER BY site
                """
            ).map { row in
                JSONOut.obj([
                    ("site", JSONOut.s(row.string(0) ?? "")), ("lastSync", JSONOut.time(row.int64(1))),
                    ("pushes", JSONOut.n(row.int64(2) ?? 0)), ("pulls", JSONOut.n(row.int64(3) ?? 0))
                ])
            }
            let since = Self.utcDay(nowMilliseconds() - Int64(Self.statsDays) * 24 * 3600 * 1000)
            let volume = try db.fetchAll(
                """
                SELECT day, SUM(pushes), SUM(pulls), SUM(entries_in), SUM(changes_out), SUM(bytes_in), SUM(bytes_out)
                FROM sync_volume WHERE day >= ? GROUP BY day ORDER BY day
                """, arguments: [since]
            ).map { row in
                JSONOut.obj([
                    ("day", JSONOut.s(row.string(0) ?? "")), ("pushes", JSONOut.n(row.int64(1) ?? 0)),
                    ("pulls", JSONOut.n(row.int64(2) ?? 0)), ("entriesIn", JSONOut.n(row.int64(3) ?? 0)),
                    ("changesOut", JSONOut.n(row.int64(4) ?? 0)), ("bytesIn", JSONOut.n(row.int64(5) ?? 0)),
                    ("bytesOut", JSONOut.n(row.int64(6) ?? 0))
                ])
            }
            return [
                ("perCourse", JSONOut.arr(perCourse)), ("devices", JSONOut.arr(devices)), ("sites", JSONOut.arr(sites)),
                ("syncVolume", JSONOut.arr(volume))
            ]
        }
    }
}
