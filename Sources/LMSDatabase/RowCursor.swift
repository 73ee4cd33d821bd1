import Foundation

/// A view of the current row of a statement being iterated by `forEach`, without
/// allocating a `Row` per row.
///
/// Only valid inside the `forEach` callback that received it; do not store it.
/// Column indexes are 0-based; typed getters follow SQLite's conversions (NULL reads as
/// `0`, `""`, empty `Data`), so check `isNull(at:)` where NULL matters.
public struct RowCursor {
    /// The statement positioned on the current row.
    public let statement: Statement

    /// Wraps a statement positioned on a row.
    init(statement: Statement) {
        self.statement = statement
    }

    /// The number of result columns.
    public var columnCount: Int { statement.columnCount }

    /// `true` when the column holds NULL.
    public func isNull(at index: Int) -> Bool { statement.isNull(at: index) }

    /// The column as `Int64`.
    public func int64(at index: Int) -> Int64 { statement.int64(at: index) }

    /// The column as `Int`.
    public func int(at index: Int) -> Int { statement.int(at: index) }

    /// The column as `Double`.
    public func double(at index: Int) -> Double { statement.double(at: index) }

    /// The column as text.
    public func string(at index: Int) -> String { statement.string(at: index) }

    /// The column as bytes.
    public func data(at index: Int) -> Data { statement.data(at: index) }

    /// The column as an array of bytes.
    public func bytes(at index: Int) -> [UInt8] { statement.bytes(at: index) }

    /// The exact stored value.
    public func value(at index: Int) -> DatabaseValue { statement.value(at: index) }

    /// Copies the current row into an independent `Row`.
    public func makeRow() -> Row { statement.makeRow() }
}

/// A cursor is only valid inside its callback, on the connection's thread.
@available(*, unavailable)
extension RowCursor: Sendable {}
