import CSQLite
import Foundation

/// One `Database` connection shared between threads, with every access serialised by a
/// lock. All closures run synchronously on the calling thread while holding the lock.
///
/// The lock is recursive, so calling `read`/`write` from inside another `read`/`write` on
/// the same thread works (a nested `write` becomes a SAVEPOINT). Never let the `Database`
/// escape the closure.
///
/// A queue opened with `CheckpointPolicy.background(pages:)` also owns a checkpointer thread with
/// its own connection; releasing the queue stops the thread and closes that connection first.
public final class DatabaseQueue: @unchecked Sendable {
    // Safety: `database` is only touched while `lock` is held.
    private let database: Database
    private let lock = NSRecursiveLock()
    /// The checkpointer of `.background` checkpoints; `nil` for `.onCommit`.
    let checkpointer: WALCheckpointer?

    /// Opens the database file at `path` (see `Database.init(path:options:)`), its WAL checkpointed
    /// as `checkpoint` says (default `.onCommit`: SQLite's own automatic checkpoint).
    public init(
        path: String, options: DatabaseOptions = DatabaseOptions(), checkpoint: CheckpointPolicy = .onCommit
    ) throws {
        let database = try Database(path: path, options: options)
        switch checkpoint {
        case .onCommit:
            checkpointer = nil
        case .background(let pages):
            let checkpointer = try WALCheckpointer(path: path, options: options, thresholdPages: pages)
            do {
                try checkpointer.install(on: database)
            } catch {
                checkpointer.stop()
                throw error
            }
            self.checkpointer = checkpointer
        }
        self.database = database
    }

    /// Opens a private in-memory database.
    public init(inMemory options: DatabaseOptions) throws {
        database = try Database(inMemory: options)
        checkpointer = nil
    }

    /// Wraps an existing connection; the caller must not use `database` directly afterwards.
    public init(database: Database) {
        self.database = database
        checkpointer = nil
    }

    deinit {
        // The hook first (no commit can run now, but the hook must never outlive the checkpointer),
        // then the thread and its connection, so that the queue's connection closes last and, as the
        // last connection to the file, checkpoints and removes the WAL as SQLite does on close.
        if let checkpointer {
            checkpointer.uninstall(from: database)
            checkpointer.stop()
        }
    }

    /// The path of the underlying database.
    public var path: String { database.path }

    /// Runs `body` with exclusive access to the connection in a read transaction: one snapshot
    /// of the database for every query in `body` (in WAL mode, a DEFERRED transaction takes its
    /// snapshot at its first read, and later commits by other connections stay invisible until it
    /// ends). Called inside `write`, it joins that transaction (a SAVEPOINT). Reads only: for
    /// statements that must run outside a transaction (`VACUUM`), use `inDatabase`.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try inTransaction(.deferred, body)
    }

    /// Runs `body` with exclusive access to the connection, with no implicit transaction
    /// (for statements that must run outside one, like `VACUUM`, or for migrations).
    public func inDatabase<T>(_ body: (Database) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(database)
    }

    /// Runs `body` in an IMMEDIATE transaction and commits when it returns; a throw rolls
    /// back and is rethrown. Returns `body`'s result.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try inTransaction(.immediate, body)
    }

    /// Runs `body` under the lock in a transaction of `kind` that commits when it returns.
    private func inTransaction<T>(_ kind: TransactionKind, _ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var result: T?
        try database.transaction(kind) { db in
            result = try body(db)
            return .commit
        }
        guard let result else {
            throw DatabaseError(resultCode: SQLITE_MISUSE, message: "\(kind.rawValue) transaction produced no result")
        }
        return result
    }
}
