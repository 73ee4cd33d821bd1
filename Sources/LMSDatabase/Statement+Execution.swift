import CSQLite

/// Binding whole argument lists and running statements to completion.
///
/// Every method here resets the statement when it returns (or throws), so no read lock
/// is left behind and the statement can be reused, e.g. from the statement cache.
extension Statement {
    /// Clears previous bindings and binds `arguments` exactly: positional arguments must
    /// match `parameterCount`; named arguments must name every parameter, with no extras.
    /// Error messages name parameters and counts, never the values.
    public func bind(_ arguments: StatementArguments) throws {
        clearBindings()
        let count = parameterCount
        if !arguments.named.isEmpty {
            guard arguments.positional.isEmpty else {
                throw misuse("cannot mix positional and named arguments")
            }
            try bindNamed(arguments, parameterCount: count)
            return
        }
        guard arguments.positional.count == count else {
            throw misuse("wrong number of statement arguments: expected \(count), got \(arguments.positional.count)")
        }
        for (offset, value) in arguments.positional.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    private func bindNamed(_ arguments: StatementArguments, parameterCount count: Int) throws {
        var parameters: [String] = []
        for index in stride(from: 1, through: count, by: 1) {
            guard let name = sqlite3_bind_parameter_name(handle, Int32(index)).map({ String(cString: $0) }) else {
                throw misuse("parameter \(index) is unnamed; use positional arguments")
            }
            guard let value = arguments.namedValue(forParameter: name) else {
                throw misuse("missing value for parameter \(name)")
            }
            try bind(value, at: index)
            parameters.append(name)
        }
        for key in arguments.named.keys.sorted()
        where !parameters.contains(where: { StatementArguments.key(key, matches: $0) }) {
            throw misuse("unused named argument \(key)")
        }
    }

    private func misuse(_ message: String) -> DatabaseError {
        DatabaseError(resultCode: SQLITE_RANGE, message: message, sql: sql)
    }

    /// Binds `arguments` and steps until done, ignoring any rows returned.
    public func execute(arguments: StatementArguments = []) throws {
        defer { reset() }
        try bind(arguments)
        while try step() {}
    }

    /// Binds `arguments` and calls `body` for each row with a cursor (no `Row`
    /// allocation). The cursor is only valid during the call.
    public func forEach(arguments: StatementArguments = [], _ body: (RowCursor) throws -> Void) throws {
        try forEach(arguments: arguments) { (row: RowCursor) -> Bool in
            try body(row)
            return true
        }
    }

    /// Like `forEach`, but stops at the first row for which `body` returns false (the rows after
    /// it are not read).
    public func forEach(arguments: StatementArguments = [], continuing body: (RowCursor) throws -> Bool) throws {
        defer { reset() }
        try bind(arguments)
        let cursor = RowCursor(statement: self)
        while try step() {
            guard try body(cursor) else { return }
        }
    }

    /// Binds `arguments` and returns every row.
    public func fetchAll(arguments: StatementArguments = []) throws -> [Row] {
        defer { reset() }
        try bind(arguments)
        let names = columnNames
        var rows: [Row] = []
        while try step() {
            rows.append(makeRow(columnNames: names))
        }
        return rows
    }

    /// Binds `arguments` and returns the first row, or `nil` when there is none.
    public func fetchOne(arguments: StatementArguments = []) throws -> Row? {
        defer { reset() }
        try bind(arguments)
        return try step() ? makeRow() : nil
    }

    /// Binds `arguments` and returns the first column of the first row converted to `T`;
    /// `nil` when there is no row or the value is NULL. Throws `SQLITE_MISMATCH` when the
    /// value cannot be converted (the message names the storage class, not the value).
    public func fetchScalar<T: DatabaseValueConvertible>(
        _ type: T.Type, arguments: StatementArguments = []
    ) throws -> T? {
        defer { reset() }
        try bind(arguments)
        guard try step() else { return nil }
        return try convert(value(at: 0), to: type)
    }

    /// Binds `arguments` and returns the first column of every row converted to `T`
    /// (`nil` entries for NULL); throws `SQLITE_MISMATCH` like `fetchScalar`.
    public func fetchColumn<T: DatabaseValueConvertible>(
        _ type: T.Type, arguments: StatementArguments = []
    ) throws -> [T?] {
        defer { reset() }
        try bind(arguments)
        var values: [T?] = []
        while try step() {
            values.append(try convert(value(at: 0), to: type))
        }
        return values
    }

    private func convert<T: DatabaseValueConvertible>(_ value: DatabaseValue, to type: T.Type) throws -> T? {
        if value.isNull { return nil }
        guard let converted = T.fromDatabaseValue(value) else {
            throw DatabaseError(
                resultCode: SQLITE_MISMATCH,
                message: "cannot convert \(value.storageClassName) to \(T.self)", sql: sql)
        }
        return converted
    }
}
