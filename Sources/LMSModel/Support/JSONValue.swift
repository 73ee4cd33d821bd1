import Foundation

/// A JSON value that remembers the line it started on, so that course files can be checked with
/// errors that name `file:line`. Objects keep their keys in document order.
public struct JSONValue: Hashable, Sendable {
    /// The 1-based line where the value starts (0 for values built in code).
    public var line: Int
    /// The value itself.
    public var kind: Kind

    /// Makes a value.
    public init(_ kind: Kind, line: Int = 0) {
        self.kind = kind
        self.line = line
    }

    /// The JSON kinds.
    public indirect enum Kind: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([(key: String, value: JSONValue)])

        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): return true
            case let (.bool(a), .bool(b)): return a == b
            case let (.number(a), .number(b)): return a == b
            case let (.string(a), .string(b)): return a == b
            case let (.array(a), .array(b)): return a == b
            case let (.object(a), .object(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .null: hasher.combine(0)
            case .bool(let b): hasher.combine(b)
            case .number(let n): hasher.combine(n)
            case .string(let s): hasher.combine(s)
            case .array(let a): hasher.combine(a)
            case .object(let o):
                for (key, value) in o {
                    hasher.combine(key)
                    hasher.combine(value)
                }
            }
        }
    }

    /// Two values are equal when their contents are: the line they came from does not matter.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.kind == rhs.kind }

    /// Hashes the contents only, as equality compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    // MARK: - Access

    /// The member named `key` of an object (the last one, as JSON parsers usually do), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The members of an object, else nil.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// The elements of an array, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    /// The text of a string, else nil.
    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The number, else nil.
    public var numberValue: Double? {
        if case .number(let n) = kind { return n }
        return nil
    }

    /// The boolean, else nil.
    public var boolValue: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool { kind == .null }

    /// A short name of the kind, for error messages (`a string`, `a number`, ...).
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self.init(.string(value)) }
    public init(integerLiteral value: Int) { self.init(.number(Double(value))) }
    public init(floatLiteral value: Double) { self.init(.number(value)) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    public init(arrayLiteral elements: JSONValue...) { self.init(.array(elements)) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(.object(elements.map { (key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self.init(.null) }
}
