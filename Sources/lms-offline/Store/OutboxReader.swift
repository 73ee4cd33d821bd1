import Foundation
import LMSDatabase
import LMSModel

/// One outbox entry as pushed (docs/PROTOCOL.md §4).
struct PushEntry: Sendable, Equatable {
    /// The device's seq.
    var seq: Int64
    /// The seq of the previous entry of the same profile (0 for its first).
    var prev: Int64
    var kind: String
    var entity: String
    /// When the device made the change, unix ms.
    var at: Int64
    var payload: JSONValue

    /// The entry on the wire.
    var json: JSONValue {
        .obj([
            ("seq", .num(Double(seq))), ("prev", .num(Double(prev))), ("kind", .str(kind)), ("entity", .str(entity)),
            ("at", .num(Double(at))), ("payload", payload)
        ])
    }
}

/// Reads a profile's outbox for the push. Entries never change or disappear once written (they
/// are kept after acknowledgement, marked `pushed_at`), so `prev`, computed here from the outbox
/// itself, is the same every time it is computed.
enum OutboxReader {
    /// The profile's entries after `acked`, in seq order, at most `limit`, each with its `prev`.
    static func entries(profileID: String, after acked: Int64, limit: Int, in db: Database) throws -> [PushEntry] {
        try db.cachedStatement(
            sql: """
                SELECT o.seq, coalesce((SELECT max(p.seq) FROM outbox p WHERE p.profile_id = o.profile_id AND p.seq < o.seq), 0),
                       o.kind, o.entity_id, o.payload, o.created_at
                FROM outbox o WHERE o.profile_id = ? AND o.seq > ? ORDER BY o.seq LIMIT ?
                """
        ).fetchAll(arguments: [profileID, acked, limit]).map { row in
            PushEntry(
                seq: row.int64(0) ?? 0, prev: row.int64(1) ?? 0, kind: row.string(2) ?? "", entity: row.string(3) ?? "",
                at: row.int64(5) ?? 0, payload: (try? JSONParser.parse(row.string(4) ?? "null")) ?? JSONValue(.null))
        }
    }

    /// The kind and entity of the entry `seq` (a refused entry not in the batch just pushed), or nil.
    static func entry(seq: Int64, in db: Database) throws -> (kind: String, entity: String)? {
        try db.fetchOne("SELECT kind, entity_id FROM outbox WHERE seq = ?", arguments: [seq]).map {
            ($0.string(0) ?? "?", $0.string(1) ?? "?")
        }
    }

    /// How many of the profile's entries wait past `acked`.
    static func pendingCount(profileID: String, after acked: Int64, in db: Database) throws -> Int {
        try db.fetchScalar(
            Int.self, "SELECT count(*) FROM outbox WHERE profile_id = ? AND seq > ?", arguments: [profileID, acked])
            ?? 0
    }

    /// Records the server's `acked`: entries up to it are marked pushed, later ones not (after a
    /// restore the server's `acked` can be lower than before).
    static func markAcknowledged(profileID: String, acked: Int64, now: Date, in db: Database) throws {
        try db.execute(
            "UPDATE outbox SET pushed_at = ? WHERE profile_id = ? AND seq <= ? AND pushed_at IS NULL",
            arguments: [now, profileID, acked])
        try db.execute(
            "UPDATE outbox SET pushed_at = NULL WHERE profile_id = ? AND seq > ? AND pushed_at IS NOT NULL",
            arguments: [profileID, acked])
        try db.execute("UPDATE sync_accounts SET acked = ? WHERE profile_id = ?", arguments: [acked, profileID])
    }
}
