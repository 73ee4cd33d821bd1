import Foundation
import LMSDatabase
import LMSModel

/// One server change as pulled (docs/PROTOCOL.md §5).
struct ServerChange: Sendable {
    var sseq: Int64
    var kind: String
    var entity: String
    var courseID: String?
    var payload: JSONValue
}

/// The kinds of student work that a course's staff also see.
let studentWorkKinds = ["progress", "attempt", "attemptResult", "submission"]

/// The changelog: streams, server changes and their visibility.
extension ServerStore {
    /// Appends a server change inside a transaction. `userID` nil makes it course-wide.
    @discardableResult
    static func appendChange(kind: String, entity: String, userID: String?, courseID: String?, payload: JSONValue,
                             in db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO changes(user_id, course_id, kind, entity, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [userID, courseID, kind, entity, Data(WireCodec.encode(payload)), nowMilliseconds()])
        return db.lastInsertRowID
    }

    /// A stream's acknowledged sequence number and the clock reading of its previous sync.
    static func stream(device: String, userID: String, in db: Database) throws -> (acked: Int64, previous: SyncMerge.ClockReading?) {
        guard let row = try db.cachedStatement(sql: "SELECT acked_seq, last_sync_at, last_skew_ms FROM sync_streams WHERE device_id = ? AND user_id = ?")
            .fetchOne(arguments: [device, userID]) else { return (0, nil) }
        let previous = row.int64("last_sync_at").map { at in
            SyncMerge.ClockReading(at: Date(timeIntervalSince1970: Double(at) / 1000), skew: Double(row.int64("last_skew_ms") ?? 0) / 1000)
        }
        return (row.int64("acked_seq") ?? 0, previous)
    }

    /// Saves a stream's acknowledgement and this sync's clock reading; notes the device's last sync.
    static func saveStream(device: String, userID: String, acked: Int64, now: Int64, skewMs: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO sync_streams(device_id, user_id, acked_seq, last_sync_at, last_skew_ms) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(device_id, user_id) DO UPDATE SET acked_seq = excluded.acked_seq, last_sync_at = excluded.last_sync_at,
                                                          last_skew_ms = excluded.last_skew_ms
            """).execute(arguments: [device, userID, acked, now, skewMs])
        try db.cachedStatement(sql: """
            INSERT INTO devices(id, user_id, last_sync_at) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, last_sync_at = excluded.last_sync_at
            """).execute(arguments: [device, userID, now])
    }

    /// The changes after `cursor` that `user` may see, oldest first: at most `limit` and about `maxBytes`,
    /// and the cursor to continue from (past invisible changes too, when the page is not full).
    func changes(for user: User, after cursor: Int64, limit: Int, maxBytes: Int) throws -> (changes: [ServerChange], more: Bool, next: Int64) {
        try read { db in
            // One read transaction: every change up to `latest` is considered by this page.
            let latest = try db.fetchScalar(Int64.self, "SELECT COALESCE(MAX(sseq), 0) FROM changes") ?? 0
            let staffClause = user.role >= .teacher
                ? "OR (course_id IN (SELECT course_id FROM course_staff WHERE user_id = ?2) AND kind IN ('progress', 'attempt', 'attemptResult', 'submission'))"
                : ""
            let sql = """
                SELECT sseq, kind, entity, course_id, payload FROM changes
                WHERE sseq > ?1 AND sseq <= ?4 AND (user_id = ?2
                   OR (user_id IS NULL AND course_id IN (SELECT course_id FROM enrollments WHERE user_id = ?2 AND status = 'active'
                                                         UNION SELECT course_id FROM course_staff WHERE user_id = ?2))
                   \(staffClause))
                ORDER BY sseq LIMIT ?3
                """
            var out: [ServerChange] = []
            var bytes = 0
            var more = false
            try db.cachedStatement(sql: sql).forEach(arguments: [cursor, user.id, limit + 1, latest]) { row in
                guard out.count < limit, bytes < maxBytes else { more = true; return }
                let blob = row.data(at: 4)
                bytes += blob.count
                let payload = (try? WireCodec.decode([UInt8](blob))) ?? JSONValue(.null)
                out.append(ServerChange(sseq: row.int64(at: 0), kind: row.string(at: 1), entity: row.string(at: 2),
                                        courseID: row.isNull(at: 3) ? nil : row.string(at: 3), payload: payload))
            }
            let next = more ? (out.last?.sseq ?? cursor) : max(cursor, latest)
            return (out, more, next)
        }
    }
}
