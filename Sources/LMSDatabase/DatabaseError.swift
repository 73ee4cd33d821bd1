import CSQLite

/// An error reported by SQLite (or by this layer, using SQLite's codes).
///
/// It carries the result code, the extended result code, SQLite's message
/// (`sqlite3_errmsg`) and the SQL text — but **never the bound values**, so secrets passed
/// as arguments cannot leak into logs through `description`.
public struct DatabaseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The primary result code (`SQLITE_CONSTRAINT` = 19, `SQLITE_BUSY` = 5, ...).
    public let resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE` = 2067, ...).
    public let extendedResultCode: Int32
    /// SQLite's error message, e.g. `UNIQUE constraint failed: user.email`.
    public let message: String
    /// The SQL text that failed, if any (never includes bound values).
    public let sql: String?

    /// `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let constraintPrimaryKey: Int32 = 1555
    /// `SQLITE_CONSTRAINT_UNIQUE`.
    public static let constraintUnique: Int32 = 2067
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`.
    public static let constraintForeignKey: Int32 = 787
    /// `SQLITE_CONSTRAINT_NOTNULL`.
    public static let constraintNotNull: Int32 = 1299
    /// `SQLITE_CONSTRAINT_CHECK`.
    public static let constraintCheck: Int32 = 275

    /// Creates an error. When `extendedResultCode` is omitted it equals `resultCode`;
    /// `resultCode` is always reduced to its primary part (low 8 bits).
    public init(resultCode: Int32, extendedResultCode: Int32? = nil, message: String, sql: String? = nil) {
        self.resultCode = resultCode & 0xFF
        self.extendedResultCode = extendedResultCode ?? resultCode
        self.message = message
        self.sql = sql
    }

    /// Builds an error from a failing call's return code and the connection's message.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        var text = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? ""
        if text.isEmpty || text == "not an error" {
            text = String(cString: sqlite3_errstr(code))
        }
        self.init(resultCode: code, extendedResultCode: code, message: text, sql: sql)
    }

    /// `SQLITE_CONSTRAINT` (any kind: UNIQUE, NOT NULL, CHECK, FOREIGN KEY, ...).
    public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }
    /// A UNIQUE or PRIMARY KEY constraint failed.
    public var isUniqueViolation: Bool {
        extendedResultCode == Self.constraintUnique || extendedResultCode == Self.constraintPrimaryKey
    }
    /// A FOREIGN KEY constraint failed.
    public var isForeignKeyViolation: Bool { extendedResultCode == Self.constraintForeignKey }
    /// `SQLITE_BUSY`: another connection holds a conflicting lock past the busy timeout.
    public var isBusy: Bool { resultCode == SQLITE_BUSY }
    /// `SQLITE_LOCKED`: a conflict inside the same connection (or shared cache).
    public var isLocked: Bool { resultCode == SQLITE_LOCKED }

    /// `SQLite error <code> (extended <ext>): <message> — SQL: <sql>`.
    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedResultCode != resultCode { text += " (extended \(extendedResultCode))" }
        text += ": \(message)"
        if let sql { text += " — SQL: \(sql)" }
        return text
    }
}
