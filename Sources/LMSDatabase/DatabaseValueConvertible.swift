import Foundation

/// A Swift type that can be stored in and read back from SQLite.
///
/// Conversions out of the database are strict: a value of the wrong storage class (or an
/// integer out of range) yields `nil` rather than being coerced, except that `Double`
/// also accepts `INTEGER` values.
///
/// Built-in conformances: `Int`, `Int64`, `Int32`, `Double`, `Bool` (0/1), `String`,
/// `Data`, `[UInt8]`, `Date` (see its conformance for the encoding), `DatabaseValue`
/// itself and `Optional` of any conforming type (`nil` ⇄ NULL).
public protocol DatabaseValueConvertible {
    /// The value to bind into a statement.
    var databaseValue: DatabaseValue { get }

    /// Converts a stored value back, or returns `nil` when the value does not fit.
    static func fromDatabaseValue(_ value: DatabaseValue) -> Self?
}

extension DatabaseValue: DatabaseValueConvertible {
    /// The value itself.
    public var databaseValue: DatabaseValue { self }

    /// The value itself (never `nil`).
    public static func fromDatabaseValue(_ value: DatabaseValue) -> DatabaseValue? { value }
}

extension Int64: DatabaseValueConvertible {
    /// `.integer(self)`.
    public var databaseValue: DatabaseValue { .integer(self) }

    /// Accepts `.integer` only.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int64? {
        if case .integer(let v) = value { return v }
        return nil
    }
}

extension Int: DatabaseValueConvertible {
    /// `.integer(Int64(self))`.
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }

    /// Accepts `.integer` values that fit in `Int`.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int? {
        if case .integer(let v) = value { return Int(exactly: v) }
        return nil
    }
}

extension Int32: DatabaseValueConvertible {
    /// `.integer(Int64(self))`.
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }

    /// Accepts `.integer` values that fit in `Int32`.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int32? {
        if case .integer(let v) = value { return Int32(exactly: v) }
        return nil
    }
}

extension Double: DatabaseValueConvertible {
    /// `.real(self)`.
    public var databaseValue: DatabaseValue { .real(self) }

    /// Accepts `.real`, and `.integer` (SQLite stores integral REAL values as integers
    /// in columns with INTEGER or NUMERIC affinity).
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Double? {
        switch value {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }
}

extension Bool: DatabaseValueConvertible {
    /// `.integer(1)` or `.integer(0)`.
    public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }

    /// Accepts `.integer`: 0 is `false`, any other integer is `true`.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Bool? {
        if case .integer(let v) = value { return v != 0 }
        return nil
    }
}

extension String: DatabaseValueConvertible {
    /// `.text(self)`.
    public var databaseValue: DatabaseValue { .text(self) }

    /// Accepts `.text` only.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }
}

extension Data: DatabaseValueConvertible {
    /// `.blob(self)`.
    public var databaseValue: DatabaseValue { .blob(self) }

    /// Accepts `.blob` only.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Data? {
        if case .blob(let v) = value { return v }
        return nil
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    /// `.blob(Data(self))`.
    public var databaseValue: DatabaseValue { .blob(Data(self)) }

    /// Accepts `.blob` only.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> [UInt8]? {
        if case .blob(let v) = value { return [UInt8](v) }
        return nil
    }
}

extension Date: DatabaseValueConvertible {
    /// Dates are stored as **integer milliseconds since the Unix epoch** (UTC), e.g.
    /// `1700000000123`. Sub-millisecond precision is rounded to the nearest millisecond
    /// (monotonic, so order is preserved; a date read back re-encodes to the same integer).
    /// A date too far from 1970 for 64-bit milliseconds (or not finite) is clamped, never a crash.
    public var databaseValue: DatabaseValue {
        let ms = (timeIntervalSince1970 * 1000).rounded()
        guard ms.isFinite else { return .integer(ms > 0 ? Int64.max : Int64.min) }
        return .integer(Int64(exactly: ms) ?? (ms > 0 ? Int64.max : Int64.min))
    }

    /// Accepts `.integer` milliseconds since the Unix epoch.
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Date? {
        if case .integer(let ms) = value {
            return Date(timeIntervalSince1970: Double(ms) / 1000)
        }
        return nil
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// `.null` for `nil`, otherwise the wrapped value's `databaseValue`.
    public var databaseValue: DatabaseValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.databaseValue
        }
    }

    /// `.some(nil)` for NULL; otherwise the wrapped conversion (`nil` when it fails).
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromDatabaseValue(value).map { .some($0) }
    }
}
