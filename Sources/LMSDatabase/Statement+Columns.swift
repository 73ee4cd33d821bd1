import CSQLite
import Foundation

/// Column access on the current row (valid after `step()` returned `true`).
///
/// Column indexes are 0-based. The typed getters use SQLite's own conversions
/// (`sqlite3_column_int64`, ...): NULL reads as `0`, `0.0`, `""` or empty `Data`, so use
/// `isNull(at:)` to tell NULL apart. `value(at:)` returns the exact stored value.
extension Statement {
    /// `true` when the column holds NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(clamping: index)) == SQLITE_NULL
    }

    /// The column as `Int64` (SQLite conversion).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(clamping: index))
    }

    /// The column as `Int` (SQLite conversion; `Int` is 64-bit on supported platforms).
    public func int(at index: Int) -> Int {
        Int(truncatingIfNeeded: sqlite3_column_int64(handle, Int32(clamping: index)))
    }

    /// The column as `Double` (SQLite conversion).
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(clamping: index))
    }

    /// The column as UTF-8 text (SQLite conversion); embedded NULs are preserved.
    public func string(at index: Int) -> String {
        let i = Int32(clamping: index)
        guard let bytes = sqlite3_column_text(handle, i) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as bytes (SQLite conversion); empty for NULL and zero-length blobs.
    public func data(at index: Int) -> Data {
        let i = Int32(clamping: index)
        guard let bytes = sqlite3_column_blob(handle, i) else { return Data() }
        let count = Int(sqlite3_column_bytes(handle, i))
        return Data(bytes: bytes, count: count)
    }

    /// The column as an array of bytes (one copy, no `Data`); empty for NULL and zero-length blobs.
    public func bytes(at index: Int) -> [UInt8] {
        let i = Int32(clamping: index)
        guard let bytes = sqlite3_column_blob(handle, i) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, i))))
    }

    /// The exact stored value of the column.
    public func value(at index: Int) -> DatabaseValue {
        switch sqlite3_column_type(handle, Int32(clamping: index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index))
        case SQLITE_BLOB: return .blob(data(at: index))
        default: return .null
        }
    }

    /// The current row as an allocated, independent `Row`.
    public func makeRow() -> Row {
        makeRow(columnNames: columnNames)
    }

    func makeRow(columnNames: [String]) -> Row {
        Row(columnNames: columnNames, values: (0..<columnNames.count).map { value(at: $0) })
    }
}
