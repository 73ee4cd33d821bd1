import Foundation
import LMSDatabase
import LMSModel

/// One server change as pulled (docs/PROTOCOL.md §5).
struct ServerChange: Sendable {
    var sseq: Int64
    var kind: String
    var entity: String
    var courseID: String?
    /// The payload as stored: a frame without key references, spliced into pages as it is.
    var payloadFrame: [UInt8]

    /// The payload, decoded (tests and tools; pages never decode it).
    var payload: JSONValue { (try? WireCodec.decode(payloadFrame)) ?? JSONOut.null }
}

/// The changelog: streams, server changes and their visibility.
struct ChangelogStore: AreaStore {
    let queue: DatabaseQueue

    /// Appends a server change inside a transaction. `userID` nil makes it course-wide.
    @discardableResult
    static func appendChange(
        kind: String, entity: String, userID: String?, courseID: String?, payload: JSONValue,
        in db: Database
    ) throws -> Int64 {
        try appendChange(
            kind: kind, entity: entity, userID: userID, courseID: courseID, encodedPayload: changeFrame(payload), in: db
        )
    }

    /// The one encoding of a stored change's payload: a frame without key references, so that pull
    /// pages can splice it (a reference would resolve against the page's key table). Whatever writes
    /// `changes.payload` goes through here or through `WireCodec.Builder`.
    static func changeFrame(_ payload: JSONValue) -> Data { Data(WireCodec.encode(payload, keyReferences: false)) }

    /// The payload of an `attempt` change written before `attemptWithResult`: none, since the pull
    /// splices the payload of the attempt's row (`attempts.payload`) into the page.
    static let splicedAttempt = Data()

    /// The stored kind of a pushed attempt and its first result: one change, whose payload is the
    /// `attemptResult` as published, and which a pull sends as two of the same `sseq`: the
    /// `attempt` (spliced from the attempt's row, `attempts.payload`, written once by
    /// `WorkStore.insertAttempt`), then its `attemptResult` (docs/PROTOCOL.md §5). Later results
    /// (a teacher's grade, a released review) are `attemptResult` changes of their own.
    static let attemptWithResult = "attempt+result"

    /// Appends a server change whose payload is already encoded: a frame of its own, written
    /// without key references (`WireCodec.encode(_:keyReferences: false)`), so pages can splice it.
    @discardableResult
    static func appendChange(
        kind: String, entity: String, userID: String?, courseID: String?, encodedPayload: Data,
        in db: Database
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: "INSERT INTO changes(user_id, course_id, kind, entity, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)"
        )
        .execute(
            arguments: StatementArguments([
                userID.map { .text($0) } ?? .null, courseID.map { .text($0) } ?? .null, .text(kind),
                .text(entity), .blob(encodedPayload), .integer(nowMilliseconds())
            ]))
        return db.lastInsertRowID
    }

    /// A stream's acknowledged sequence number and the clock reading of its previous sync.
    static func stream(device: String, userID: String, in db: Database) throws -> (
        acked: Int64, previous: SyncMerge.ClockReading?
    ) {
        guard
            let row = try db.cachedStatement(
                sql:
                    "SELECT acked_seq, last_sync_at, last_skew_ms FROM sync_streams WHERE device_id = ? AND user_id = ?"
            )
            .fetchOne(arguments: [device, userID])
        else { return (0, nil) }
        let previous = row.int64("last_sync_at").map { at in
            SyncMerge.ClockReading(
                at: Date(timeIntervalSince1970: Double(at) / 1000), skew: Double(row.int64("last_skew_ms") ?? 0) / 1000)
        }
        return (row.int64("acked_seq") ?? 0, previous)
    }

    /// Saves a stream's acknowledgement and this sync's clock reading; notes the device's last sync.
    static func saveStream(device: String, userID: String, acked: Int64, now: Int64, skewMs: Int64, in db: Database)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO sync_streams(device_id, user_id, acked_seq, last_sync_at, last_skew_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(device_id, user_id) DO UPDATE SET acked_seq = excluded.acked_seq, last_sync_at = excluded.last_sync_at,
                                                              last_skew_ms = excluded.last_skew_ms
                """
        ).execute(arguments: [device, userID, acked, now, skewMs])
        try db.cachedStatement(
            sql: """
                INSERT INTO devices(id, user_id, last_sync_at) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, last_sync_at = excluded.last_sync_at
                """
        ).execute(arguments: [device, userID, now])
    }

    /// The changes after `cursor` that `user` may see, oldest first: at most `limit` and about
    /// `maxBytes`, and the cursor to continue from (past invisible changes too, when the page is
    /// not full). `Rights.PullVisibility` states the rule (`shows`) and gives its courses and
    /// kinds; this only applies it, each clause of `shows` as one query below.
    ///
    /// Each clause is its own indexed query with its own LIMIT, merged here in order: one
    /// query with an OR of the clauses would make SQLite gather every remaining match before
    /// sorting, on every page.
    func changes(for user: User, after cursor: Int64, limit: Int, maxBytes: Int) throws -> (
        changes: [ServerChange], more: Bool, next: Int64
    ) {
        try read { db in
            // `read` is one read transaction (a WAL snapshot): every query below sees the changes up to
            // `latest` and none committed after it.
            let latest =
                try db.cachedStatement(sql: "SELECT COALESCE(MAX(sseq), 0) FROM changes").fetchScalar(Int64.self) ?? 0
            // An attempt is stored once: its change (`attemptWithResult`, or an older `attempt` without a
            // payload) has the page splice the attempt's row; an older database's changes still hold theirs.
            let columns = """
                SELECT sseq, kind, entity, course_id,
                CASE WHEN kind = '\(Self.attemptWithResult)' OR (length(payload) = 0 AND kind = 'attempt')
                THEN (SELECT a.payload FROM attempts a WHERE a.id = changes.entity) ELSE payload END,
                CASE WHEN kind = '\(Self.attemptWithResult)' THEN payload END FROM changes
                """
            var queries: [(String, StatementArguments)] = [
                (
                    "\(columns) WHERE user_id = ?1 AND sseq > ?2 AND sseq <= ?3 ORDER BY sseq LIMIT ?4",
                    [user.id, cursor, latest, limit + 1]
                )
            ]
            let visible = try Rights.pullVisibility(of: user, in: db)
            for course in visible.memberCourses {
                queries.append(
                    (
                        "\(columns) WHERE course_id = ?1 AND user_id IS NULL AND sseq > ?2 AND sseq <= ?3 ORDER BY sseq LIMIT ?4",
                        [course, cursor, latest, limit + 1]
                    ))
            }
            let staffKinds = Rights.PullVisibility.staffKinds.map { "'\($0)'" }.joined(separator: ", ")
            for course in visible.taughtCourses {
                queries.append(
                    (
                        """
                        \(columns) WHERE course_id = ?1 AND sseq > ?2 AND sseq <= ?3 AND user_id IS NOT NULL AND user_id != ?5
                        AND kind IN (\(staffKinds)) ORDER BY sseq LIMIT ?4
                        """, [course, cursor, latest, limit + 1, user.id]
                    ))
            }
            // Each query answers in sseq order; the rules can overlap (a teacher enrolled in a course
            // they teach), so the merged list drops repeated changes. An `attemptWithResult` is two
            // changes of one sseq: the attempt, then its result.
            var found: [ServerChange] = []
            for (sql, arguments) in queries {
                // A row may be two changes: each query stops once it has more than `limit` of them from
                // two rows or more, so that what the page leaves out is still in `found` (`more`).
                let before = found.count
                var rows = 0
                try db.cachedStatement(sql: sql).forEach(arguments: arguments) { (row: RowCursor) -> Bool in
                    let (sseq, kind, entity) = (row.int64(at: 0), row.string(at: 1), row.string(at: 2))
                    let courseID = row.isNull(at: 3) ? nil : row.string(at: 3)
                    // An attempt change whose row is gone has nothing to send (but its result).
                    if !row.isNull(at: 4) {
                        found.append(
                            ServerChange(
                                sseq: sseq, kind: kind == Self.attemptWithResult ? "attempt" : kind, entity: entity,
                                courseID: courseID, payloadFrame: row.bytes(at: 4)))
                    }
                    if !row.isNull(at: 5) {
                        found.append(
                            ServerChange(
                                sseq: sseq, kind: "attemptResult", entity: entity, courseID: courseID,
                                payloadFrame: row.bytes(at: 5)))
                    }
                    rows += 1
                    return rows < 2 || found.count - before <= limit
                }
            }
            if queries.count > 1 {
                // By sseq, an attempt before its result; then the repeats side by side.
                found.sort {
                    ($0.sseq, $0.kind == "attemptResult" ? 1 : 0) < ($1.sseq, $1.kind == "attemptResult" ? 1 : 0)
                }
                var unique: [ServerChange] = []
                unique.reserveCapacity(found.count)
                for change in found where unique.last.map({ $0.sseq != change.sseq || $0.kind != change.kind }) ?? true
                {
                    unique.append(change)
                }
                found = unique
            }
            // A page ends between sseqs, never inside one (a page of `limit` 1 may hold an attempt and its result).
            var out: [ServerChange] = []
            var bytes = 0
            var index = 0
            while index < found.count {
                var end = index + 1
                while end < found.count && found[end].sseq == found[index].sseq { end += 1 }
                guard out.isEmpty || (out.count + end - index <= limit && bytes < maxBytes) else { break }
                for change in found[index..<end] {
                    bytes += change.payloadFrame.count
                    out.append(change)
                }
                index = end
            }
            let more = index < found.count
            let next = more ? (out.last?.sseq ?? cursor) : max(cursor, latest)
            return (out, more, next)
        }
    }
}
