/// Preparing statements, with a cache keyed by SQL text for hot paths.
extension Database {
    /// Prepares a new, uncached statement holding exactly one SQL statement.
    public func makeStatement(sql: String) throws -> Statement {
        try Statement(connection: handle, sql: sql, persistent: false)
    }

    /// Returns the cached prepared statement for this exact SQL text, preparing and
    /// caching it on first use. The statement comes back reset with cleared bindings.
    /// If the cached one is currently being iterated (re-entrant use), a fresh uncached
    /// statement is returned instead. Use it for hot, fixed SQL — never for SQL built by
    /// interpolating values, which would grow the cache without bound.
    public func cachedStatement(sql: String) throws -> Statement {
        if let cached = statementCache[sql] {
            if cached.isBusy { return try makeStatement(sql: sql) }
            cached.clearBindings()
            return cached
        }
        let statement = try Statement(connection: handle, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Empties the cache (each statement is finalized once nothing else holds it).
    public func clearStatementCache() {
        statementCache.removeAll()
    }

    /// The number of statements currently in the cache.
    public var cachedStatementCount: Int { statementCache.count }
}
