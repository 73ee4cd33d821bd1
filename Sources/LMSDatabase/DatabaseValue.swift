import Foundation

/// One SQLite value, exactly as stored: SQLite's five storage classes.
///
/// `DatabaseValue` is also expressible by literals, so `[1, "x", nil, 2.5, true]`
/// can be written wherever a `[DatabaseValue]` is expected (booleans become 0/1).
public enum DatabaseValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer (`SQLITE_INTEGER`).
    case integer(Int64)
    /// An IEEE-754 double (`SQLITE_FLOAT`).
    case real(Double)
    /// UTF-8 text (`SQLITE_TEXT`); embedded NUL characters are preserved.
    case text(String)
    /// Raw bytes (`SQLITE_BLOB`); may be empty and may contain NUL bytes.
    case blob(Data)

    /// `true` when the value is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The SQLite storage-class name (`NULL`, `INTEGER`, `REAL`, `TEXT`, `BLOB`), for
    /// diagnostics that must not reveal the value itself.
    public var storageClassName: String {
        switch self {
        case .null: return "NULL"
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        case .blob: return "BLOB"
        }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral {
    /// Creates `.null`.
    public init(nilLiteral: ()) { self = .null }
}

extension DatabaseValue: ExpressibleByIntegerLiteral {
    /// Creates `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension DatabaseValue: ExpressibleByFloatLiteral {
    /// Creates `.real`.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension DatabaseValue: ExpressibleByBooleanLiteral {
    /// Creates `.integer(1)` for `true` and `.integer(0)` for `false`.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension DatabaseValue: ExpressibleByStringLiteral {
    /// Creates `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}
