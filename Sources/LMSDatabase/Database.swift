import CSQLite
import Foundation

/// One SQLite connection (`sqlite3*`), closed when released.
///
/// File databases open in WAL mode with `foreign_keys=ON`, a busy timeout and the
/// configured `synchronous` level. A `Database` is **not** thread-safe and not
/// `Sendable`: use it from one thread at a time, or share a `DatabaseQueue`.
public final class Database {
    /// The path given at open time (`":memory:"` for in-memory databases).
    public let path: String
    /// The options the connection was opened with.
    public let options: DatabaseOptions
    let handle: OpaquePointer
    var statementCache: [String: Statement] = [:]
    var savepointDepth = 0

    /// Opens (creating if needed) the database file at `path` and configures it. Throws if
    /// the file cannot be opened or WAL mode cannot be enabled; a failed open closes the
    /// handle it got.
    public init(path: String, options: DatabaseOptions = DatabaseOptions()) throws {
        self.handle = try Self.openConnection(path: path, options: options, requireWAL: true)
        self.path = path
        self.options = options
    }

    /// Opens a private in-memory database (no WAL: SQLite keeps it in memory), for tests.
    public init(inMemory options: DatabaseOptions) throws {
        self.handle = try Self.openConnection(path: ":memory:", options: options, requireWAL: false)
        self.path = ":memory:"
        self.options = options
    }

    /// Opens a private in-memory database with default options.
    public static func inMemory() throws -> Database {
        try Database(inMemory: DatabaseOptions())
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private static func openConnection(path: String, options: DatabaseOptions, requireWAL: Bool) throws -> OpaquePointer
    {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard let connection else {
            throw DatabaseError(resultCode: SQLITE_NOMEM, message: "cannot allocate a connection for \(path)")
        }
        do {
            guard code == SQLITE_OK else {
                let error = DatabaseError(code: code, connection: connection, sql: nil)
                throw DatabaseError(
                    resultCode: error.resultCode, extendedResultCode: error.extendedResultCode,
                    message: "\(error.message) (path: \(path))")
            }
            sqlite3_extended_result_codes(connection, 1)
            sqlite3_busy_timeout(connection, options.busyTimeoutMilliseconds)
            try pragma(connection, "PRAGMA foreign_keys = ON")
            let mode = try pragma(connection, "PRAGMA journal_mode = WAL")
            if requireWAL && mode.lowercased() != "wal" {
                throw DatabaseError(
                    resultCode: SQLITE_ERROR,
                    message: "cannot enable WAL journal mode (got \(mode)) for \(path)",
                    sql: "PRAGMA journal_mode = WAL")
            }
            try pragma(connection, "PRAGMA synchronous = \(options.synchronous.rawValue)")
            return connection
        } catch {
            sqlite3_close_v2(connection)
            throw error
        }
    }

    /// Runs one pragma on a raw connection and returns its first text result ("" if none).
    @discardableResult
    private static func pragma(_ connection: OpaquePointer, _ sql: String) throws -> String {
        let statement = try Statement(connection: connection, sql: sql, persistent: false)
        defer { statement.reset() }
        return try statement.step() ? statement.string(at: 0) : ""
    }

    /// Runs a script of zero or more `;`-separated statements, without arguments.
    /// A failing step reports the SQL of the statement that failed; a statement that
    /// fails to compile reports the script from that statement onwards.
    public func execute(sql: String) throws {
        guard !sql.utf8.contains(0) else {
            throw DatabaseError(resultCode: SQLITE_MISUSE, message: "SQL text contains a NUL character", sql: nil)
        }
        try sql.withCString { base in
            var cursor = base
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                defer { sqlite3_finalize(statement) }
                guard code == SQLITE_OK else {
                    let rest = String(cString: cursor).drop(while: \.isWhitespace)
                    throw DatabaseError(code: code, connection: handle, sql: String(rest))
                }
                guard let statement, let tail else { return }
                var result: Int32
                repeat { result = sqlite3_step(statement) } while result == SQLITE_ROW
                guard result == SQLITE_DONE else {
                    let text = sqlite3_sql(statement).map { String(cString: $0) } ?? sql
                    throw DatabaseError(code: result, connection: handle, sql: text)
                }
                cursor = tail
            }
        }
    }

    /// Runs one statement with positional values: `execute("... ?, ?", [1, "x"])`.
    public func execute(_ sql: String, _ arguments: [DatabaseValue]) throws {
        try makeStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }

    /// Runs one statement with arguments: `execute(sql, arguments: [1, name, nil])` or
    /// `arguments: ["name": name]`.
    public func execute(_ sql: String, arguments: StatementArguments = []) throws {
        try makeStatement(sql: sql).execute(arguments: arguments)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT/UPDATE/DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Rows changed since the connection opened.
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }
}

/// A `Database` must be used by one thread at a time; share a `DatabaseQueue` instead.
@available(*, unavailable)
extension Database: Sendable {}
