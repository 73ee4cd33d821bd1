import Foundation

/// One fetched row: an independent copy of the column names and exact values.
///
/// Style: subscripts return the raw `DatabaseValue`; typed access goes through named
/// getters — `row.string("name")`, `row.int64(0)`, `row.value(Date.self, "created")` —
/// which return `nil` when the column is missing, NULL, or of another type (conversions
/// are strict, see `DatabaseValueConvertible`). Column names match case-insensitively,
/// like SQL; the first matching column wins.
public struct Row: Sendable, Equatable, Hashable {
    /// The column names, in result order.
    public let columnNames: [String]
    /// The values, in result order.
    public let values: [DatabaseValue]

    /// Creates a row; `columnNames` and `values` must have the same count.
    public init(columnNames: [String], values: [DatabaseValue]) {
        precondition(columnNames.count == values.count, "Row: column/value count mismatch")
        self.columnNames = columnNames
        self.values = values
    }

    /// The number of columns.
    public var count: Int { values.count }

    /// The 0-based index of the column named `name`, or `nil`.
    public func index(of name: String) -> Int? {
        if let exact = columnNames.firstIndex(of: name) { return exact }
        let lowered = name.lowercased()
        return columnNames.firstIndex { $0.lowercased() == lowered }
    }

    /// The value at a 0-based index (`.null` when out of range).
    public subscript(index: Int) -> DatabaseValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of the named column, or `nil` when there is no such column.
    public subscript(name: String) -> DatabaseValue? {
        index(of: name).map { values[$0] }
    }

    /// The value at `index` converted to `T`, or `nil` (out of range, NULL, wrong type).
    public func value<T: DatabaseValueConvertible>(_ type: T.Type, _ index: Int) -> T? {
        guard values.indices.contains(index) else { return nil }
        return convert(values[index])
    }

    /// The named column converted to `T`, or `nil` (missing, NULL, wrong type).
    public func value<T: DatabaseValueConvertible>(_ type: T.Type, _ name: String) -> T? {
        guard let index = index(of: name) else { return nil }
        return convert(values[index])
    }

    private func convert<T: DatabaseValueConvertible>(_ value: DatabaseValue) -> T? {
        if value.isNull { return nil }
        return T.fromDatabaseValue(value)
    }

    /// `INTEGER` column as `Int64`.
    public func int64(_ index: Int) -> Int64? { value(Int64.self, index) }
    /// `INTEGER` column as `Int64`.
    public func int64(_ name: String) -> Int64? { value(Int64.self, name) }
    /// `INTEGER` column as `Int`.
    public func int(_ index: Int) -> Int? { value(Int.self, index) }
    /// `INTEGER` column as `Int`.
    public func int(_ name: String) -> Int? { value(Int.self, name) }
    /// `REAL` (or `INTEGER`) column as `Double`.
    public func double(_ index: Int) -> Double? { value(Double.self, index) }
    /// `REAL` (or `INTEGER`) column as `Double`.
    public func double(_ name: String) -> Double? { value(Double.self, name) }
    /// `INTEGER` column as `Bool` (0 is `false`).
    public func bool(_ index: Int) -> Bool? { value(Bool.self, index) }
    /// `INTEGER` column as `Bool` (0 is `false`).
    public func bool(_ name: String) -> Bool? { value(Bool.self, name) }
    /// `TEXT` column as `String`.
    public func string(_ index: Int) -> String? { value(String.self, index) }
    /// `TEXT` column as `String`.
    public func string(_ name: String) -> String? { value(String.self, name) }
    /// `BLOB` column as `Data`.
    public func data(_ index: Int) -> Data? { value(Data.self, index) }
    /// `BLOB` column as `Data`.
    public func data(_ name: String) -> Data? { value(Data.self, name) }
    /// `INTEGER` milliseconds-since-epoch column as `Date`.
    public func date(_ index: Int) -> Date? { value(Date.self, index) }
    /// `INTEGER` milliseconds-since-epoch column as `Date`.
    public func date(_ name: String) -> Date? { value(Date.self, name) }
}
