/// What a transaction closure decides: keep or discard its changes.
public enum TransactionCompletion: Sendable, Equatable {
    /// Commit the transaction (or release the savepoint).
    case commit
    /// Roll the transaction back (or roll back to the savepoint).
    case rollback
}

/// How a top-level transaction starts (`BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE`).
public enum TransactionKind: String, Sendable, Equatable {
    /// Takes locks lazily; a read transaction may fail to upgrade to a write with BUSY.
    case deferred = "DEFERRED"
    /// Takes the write lock at once (waiting up to the busy timeout): use for writes.
    case immediate = "IMMEDIATE"
    /// Like immediate (in WAL mode exclusive and immediate are the same).
    case exclusive = "EXCLUSIVE"
}
