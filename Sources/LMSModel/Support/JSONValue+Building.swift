import Foundation

/// Building JSON in code, tersely: the one builder both programs use (the client's `--json`
/// output, the server's answers through `JSONOut`). `JSONWriter.write` turns the value into text.
extension JSONValue {
    /// A string.
    public static func str(_ s: String) -> JSONValue { JSONValue(.string(s)) }
    /// A number.
    public static func num(_ n: Double) -> JSONValue { JSONValue(.number(n)) }
    /// A whole number.
    public static func int(_ n: Int) -> JSONValue { JSONValue(.number(Double(n))) }
    /// `true` or `false`.
    public static func flag(_ b: Bool) -> JSONValue { JSONValue(.bool(b)) }
    /// An array.
    public static func list(_ items: [JSONValue]) -> JSONValue { JSONValue(.array(items)) }
    /// An object with its members in the order given.
    public static func obj(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(members.map { (key: $0.0, value: $0.1) }))
    }
    /// A string, or `null` for nil.
    public static func opt(_ s: String?) -> JSONValue { s.map(str) ?? JSONValue(.null) }
    /// An ISO 8601 time in UTC (`2027-03-01T09:30:00Z`), or `null` for nil.
    public static func date(_ d: Date?) -> JSONValue {
        d.map { str(ISO8601DateFormatter().string(from: $0)) } ?? JSONValue(.null)
    }
}
