import CSQLite

/// Integrity checks, WAL checkpoints and online backup.
extension Database {
    /// The WAL checkpoint modes of `sqlite3_wal_checkpoint_v2`.
    public enum CheckpointMode: Int32, Sendable {
        /// Copy what can be copied without waiting for readers or writers.
        case passive = 0
        /// Wait (busy timeout) for writers, then checkpoint everything.
        case full = 1
        /// Like `full`, then wait for readers so the next writer restarts the WAL.
        case restart = 2
        /// Like `restart`, and truncate the WAL file to zero bytes.
        case truncate = 3
    }

    /// Runs `PRAGMA integrity_check`; returns the problems found (empty when "ok").
    public func integrityCheck() throws -> [String] {
        let lines = try fetchColumn(String.self, "PRAGMA integrity_check").compactMap { $0 }
        return lines == ["ok"] ? [] : lines
    }

    /// Checkpoints the WAL into the main database file. Returns the WAL size in frames
    /// and how many were checkpointed (both -1 when the database is not in WAL mode).
    @discardableResult
    public func checkpoint(_ mode: CheckpointMode = .passive) throws -> (walFrames: Int, checkpointedFrames: Int) {
        var walFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(handle, nil, mode.rawValue, &walFrames, &checkpointed)
        guard code == SQLITE_OK else {
            throw DatabaseError(code: code, connection: handle, sql: "wal_checkpoint(\(mode))")
        }
        return (Int(walFrames), Int(checkpointed))
    }

    /// Copies this database to a new file at `path` (overwriting it) with SQLite's online
    /// backup API, `pagesPerStep` pages at a time (-1: all at once).
    ///
    /// Unless already inside a transaction, the copy runs inside a read transaction on this
    /// connection, so in WAL mode it is a consistent snapshot that other connections may
    /// keep writing past without forcing the backup to restart. Busy/locked steps are
    /// retried after a short sleep, up to the busy timeout.
    public func backup(to path: String, pagesPerStep: Int32 = 256) throws {
        if isInsideTransaction {
            try copy(to: path, pagesPerStep: pagesPerStep)
            return
        }
        try transaction(.deferred) { db in
            _ = try db.fetchScalar(Int.self, "SELECT count(*) FROM sqlite_schema") // start the snapshot
            try db.copy(to: path, pagesPerStep: pagesPerStep)
            return .commit
        }
    }

    private func copy(to path: String, pagesPerStep: Int32) throws {
        var destination: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let openCode = sqlite3_open_v2(path, &destination, flags, nil)
        defer { sqlite3_close_v2(destination) }
        guard openCode == SQLITE_OK, let destination else {
            throw DatabaseError(
                resultCode: openCode, message: "cannot open backup destination \(path)", sql: nil)
        }
        sqlite3_extended_result_codes(destination, 1)
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw DatabaseError(
                code: sqlite3_extended_errcode(destination), connection: destination, sql: "backup to \(path)")
        }
        var waitedMilliseconds: Int32 = 0
        var code: Int32 = SQLITE_OK
        while true {
            code = sqlite3_backup_step(backup, pagesPerStep)
            if code == SQLITE_OK { continue }
            let primary = code & 0xFF
            if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
                && waitedMilliseconds < options.busyTimeoutMilliseconds
            {
                sqlite3_sleep(10)
                waitedMilliseconds += 10
                continue
            }
            break
        }
        let finishCode = sqlite3_backup_finish(backup)
        if code != SQLITE_DONE {
            throw DatabaseError(
                resultCode: code, message: String(cString: sqlite3_errstr(code)), sql: "backup to \(path)")
        }
        guard finishCode == SQLITE_OK else {
            throw DatabaseError(code: finishCode, connection: destination, sql: "backup to \(path)")
        }
    }
}
