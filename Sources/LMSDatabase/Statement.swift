import CSQLite
import Foundation

/// A prepared SQLite statement (`sqlite3_stmt`), finalized when released.
///
/// Indexes follow SQLite: **parameters are 1-based** (`?1` is index 1) and **columns are
/// 0-based**. Make one with `Database.makeStatement(sql:)` or reuse one from the cache
/// with `Database.cachedStatement(sql:)`. A statement belongs to one connection and must
/// only be used by the thread currently using that connection.
public final class Statement {
    /// The SQL text the statement was prepared from.
    public let sql: String
    let handle: OpaquePointer
    let connection: OpaquePointer

    /// Prepares exactly one statement; trailing whitespace and comments are allowed,
    /// a second statement is an error (use `Database.execute(sql:)` for scripts).
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        guard !sql.utf8.contains(0) else {
            throw DatabaseError(resultCode: SQLITE_MISUSE, message: "SQL text contains a NUL character", sql: nil)
        }
        var statement: OpaquePointer?
        var trailing = ""
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        let code = sql.withCString { base -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, base, -1, flags, &statement, &tail)
            if code == SQLITE_OK, let tail { trailing = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw DatabaseError(code: code, connection: connection, sql: sql)
        }
        guard let statement else {
            throw DatabaseError(resultCode: SQLITE_MISUSE, message: "no SQL statement found", sql: sql)
        }
        if try Self.containsStatement(trailing, connection: connection) {
            sqlite3_finalize(statement)
            throw DatabaseError(
                resultCode: SQLITE_MISUSE,
                message: "multiple statements found; use execute(sql:) for scripts", sql: sql)
        }
        self.sql = sql
        self.handle = statement
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether `text` holds anything besides whitespace and comments.
    private static func containsStatement(_ text: String, connection: OpaquePointer) throws -> Bool {
        guard text.contains(where: { !$0.isWhitespace }) else { return false }
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, text, -1, &extra, nil)
        defer { sqlite3_finalize(extra) }
        return code != SQLITE_OK || extra != nil
    }

    /// The number of parameters (the largest `?NNN` index).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of result columns (0 for statements that return no rows).
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The result column names, in order.
    public var columnNames: [String] {
        (0..<columnCount).map { sqlite3_column_name(handle, Int32($0)).map { String(cString: $0) } ?? "" }
    }

    /// `true` while the statement is part-way through its rows (stepped, not yet done/reset).
    var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        let i = Int32(clamping: index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, i)
        case .integer(let v):
            code = sqlite3_bind_int64(handle, i, v)
        case .real(let v):
            code = sqlite3_bind_double(handle, i, v)
        case .text(let v):
            var text = v
            code = text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    // A NULL pointer would bind SQL NULL, so "" gets a real (empty) C string.
                    guard let base = chars.baseAddress, !chars.isEmpty else {
                        return sqlite3_bind_text64(handle, i, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                    return sqlite3_bind_text64(
                        handle, i, base, UInt64(chars.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let v):
            if v.isEmpty {
                code = sqlite3_bind_zeroblob(handle, i, 0)
            } else {
                code = v.withUnsafeBytes { raw in
                    sqlite3_bind_blob64(handle, i, raw.baseAddress, UInt64(raw.count), csqlite_transient())
                }
            }
        }
        guard code == SQLITE_OK else { throw DatabaseError(code: code, connection: connection, sql: sql) }
    }

    /// Binds a convertible value (`nil` is NULL) to the 1-based parameter `index`.
    public func bind(_ value: (any DatabaseValueConvertible)?, at index: Int) throws {
        try bind(value?.databaseValue ?? .null, at: index)
    }

    /// Binds a value to the named parameter, written as in the SQL (`:name`, `@name`,
    /// `$name`) or without its prefix.
    public func bind(_ value: (any DatabaseValueConvertible)?, named name: String) throws {
        for parameter in [name, ":" + name, "@" + name, "$" + name] {
            let index = sqlite3_bind_parameter_index(handle, parameter)
            if index > 0 { return try bind(value?.databaseValue ?? .null, at: Int(index)) }
        }
        throw DatabaseError(resultCode: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
    }

    /// Resets the statement and clears all bindings (every parameter becomes NULL).
    public func clearBindings() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs one step. Returns `true` when a row is available, `false` when done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError(code: code, connection: connection, sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept. Releases any read
    /// lock held by a partially-stepped statement.
    public func reset() {
        sqlite3_reset(handle)
    }
}

/// A `Statement` is tied to its connection and must not cross threads on its own.
@available(*, unavailable)
extension Statement: Sendable {}
