import CSQLite

/// Transactions as closures with an explicit outcome.
extension Database {
    /// `true` while a transaction is open on this connection.
    public var isInsideTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction and commits or rolls back as it returns.
    ///
    /// - If `body` throws, the transaction is rolled back and the error rethrown.
    /// - If COMMIT fails, the transaction is rolled back and the error thrown.
    /// - Called while a transaction is already open (nested), it uses a SAVEPOINT instead:
    ///   `.rollback` or a throw undoes only the nested work; `kind` is then ignored.
    ///
    /// ```swift
    /// try db.transaction(.immediate) { db in
    ///     try db.execute("INSERT INTO t(x) VALUES (?)", arguments: [1])
    ///     return .commit
    /// }
    /// ```
    public func transaction(
        _ kind: TransactionKind = .deferred, _ body: (Database) throws -> TransactionCompletion
    ) throws {
        if isInsideTransaction {
            try inSavepoint(body)
            return
        }
        try execute(sql: "BEGIN \(kind.rawValue) TRANSACTION")
        let completion: TransactionCompletion
        do {
            completion = try body(self)
        } catch {
            rollbackIfNeeded()
            throw error
        }
        switch completion {
        case .commit:
            do {
                try execute(sql: "COMMIT TRANSACTION")
            } catch {
                rollbackIfNeeded()
                throw error
            }
        case .rollback:
            if isInsideTransaction { try execute(sql: "ROLLBACK TRANSACTION") }
        }
    }

    /// Rolls back, ignoring errors (SQLite may already have rolled back by itself, e.g.
    /// after SQLITE_FULL; the original error is what matters to the caller).
    private func rollbackIfNeeded() {
        guard isInsideTransaction else { return }
        try? execute(sql: "ROLLBACK TRANSACTION")
    }

    private func inSavepoint(_ body: (Database) throws -> TransactionCompletion) throws {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "lms_savepoint_\(savepointDepth)"
        try execute(sql: "SAVEPOINT \(name)")
        let undo = "ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)"
        let completion: TransactionCompletion
        do {
            completion = try body(self)
        } catch {
            if isInsideTransaction { try? execute(sql: undo) }
            throw error
        }
        switch completion {
        case .commit: try execute(sql: "RELEASE SAVEPOINT \(name)")
        case .rollback: try execute(sql: undo)
        }
    }
}
