/// Queries on a fresh (uncached) statement. For hot paths, use `cachedStatement(sql:)`
/// and the same methods on `Statement`.
extension Database {
    /// Every row of the query.
    public func fetchAll(_ sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try makeStatement(sql: sql).fetchAll(arguments: arguments)
    }

    /// The first row of the query, or `nil`.
    public func fetchOne(_ sql: String, arguments: StatementArguments = []) throws -> Row? {
        try makeStatement(sql: sql).fetchOne(arguments: arguments)
    }

    /// The first column of the first row as `T`: `nil` for no row or NULL; throws
    /// `SQLITE_MISMATCH` when the value is not a `T`.
    /// Example: `try db.fetchScalar(Int.self, "SELECT count(*) FROM t")`.
    public func fetchScalar<T: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, arguments: StatementArguments = []
    ) throws -> T? {
        try makeStatement(sql: sql).fetchScalar(type, arguments: arguments)
    }

    /// The first column of every row as `T` (`nil` entries for NULL).
    public func fetchColumn<T: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, arguments: StatementArguments = []
    ) throws -> [T?] {
        try makeStatement(sql: sql).fetchColumn(type, arguments: arguments)
    }

    /// Iterates rows through a cursor without allocating a `Row` per row, using the
    /// statement cache (this is the fast path for large scans).
    public func forEach(
        _ sql: String, arguments: StatementArguments = [], _ body: (RowCursor) throws -> Void
    ) throws {
        try cachedStatement(sql: sql).forEach(arguments: arguments, body)
    }
}
