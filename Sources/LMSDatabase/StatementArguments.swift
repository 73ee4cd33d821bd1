/// The values bound into a statement's parameters: either positional (`?`, `?NNN`) or
/// named (`:name`, `@name`, `$name`).
///
/// Write them as literals: `arguments: [1, "x", nil]` or
/// `arguments: ["name": "x", "age": 3]`. Values are converted to `DatabaseValue`
/// immediately, so arguments are `Sendable`.
///
/// Binding is exact: the number of positional values must equal the statement's
/// parameter count, and named arguments must cover every parameter with no extras.
public struct StatementArguments: Sendable, Equatable {
    /// The positional values, bound to parameters 1...n in order.
    public var positional: [DatabaseValue]
    /// The named values. Keys may be written with or without the `:`/`@`/`$` prefix.
    public var named: [String: DatabaseValue]

    /// No arguments.
    public init() {
        positional = []
        named = [:]
    }

    /// Positional arguments from already-converted values.
    public init(_ values: [DatabaseValue]) {
        positional = values
        named = [:]
    }

    /// Positional arguments from any convertible values (`nil` is NULL).
    public init(_ values: [(any DatabaseValueConvertible)?]) {
        positional = values.map { $0?.databaseValue ?? .null }
        named = [:]
    }

    /// Named arguments from any convertible values (`nil` is NULL).
    public init(named values: [String: (any DatabaseValueConvertible)?]) {
        positional = []
        named = values.mapValues { $0?.databaseValue ?? .null }
    }

    /// `true` when there are no values at all.
    public var isEmpty: Bool { positional.isEmpty && named.isEmpty }

    /// Looks up a named value for a SQL parameter name such as `:name` (the key may be
    /// stored with the same prefix or without any prefix).
    func namedValue(forParameter parameter: String) -> DatabaseValue? {
        if let value = named[parameter] { return value }
        guard let first = parameter.first, ":@$".contains(first) else { return nil }
        return named[String(parameter.dropFirst())]
    }

    /// Whether `key` (as given by the caller) names the SQL parameter `parameter`.
    static func key(_ key: String, matches parameter: String) -> Bool {
        key == parameter || (":@$".contains(parameter.first ?? " ") && key == String(parameter.dropFirst()))
    }
}

extension StatementArguments: ExpressibleByArrayLiteral {
    /// Positional arguments: `[1, "x", nil]`.
    public init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        self.init(elements)
    }
}

extension StatementArguments: ExpressibleByDictionaryLiteral {
    /// Named arguments: `["name": "x", "age": 3]`.
    public init(dictionaryLiteral elements: (String, (any DatabaseValueConvertible)?)...) {
        var values: [String: DatabaseValue] = [:]
        for (key, value) in elements {
            values[key] = value?.databaseValue ?? .null
        }
        positional = []
        named = values
    }
}
