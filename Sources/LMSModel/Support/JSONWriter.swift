/// Writes JSON deterministically: object keys in the order given (callers sort them when they
/// want canonical output), numbers without exponent where they are integers, minimal escaping.
public enum JSONWriter {
    /// The text of `value`; `pretty` indents by two spaces and ends with a newline.
    public static func write(_ value: JSONValue, pretty: Bool = false, sortKeys: Bool = false) -> String {
        var out = ""
        append(value, to: &out, pretty: pretty, sortKeys: sortKeys, indent: 0)
        if pretty { out += "\n" }
        return out
    }

    /// A JSON string literal for `text`.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The text of a number: integers without a fraction, others in Swift's shortest round-trip form.
    public static func number(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return n.isFinite ? "\(n)" : "null"
    }

    private static func append(_ value: JSONValue, to out: inout String, pretty: Bool, sortKeys: Bool, indent: Int) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let newline = pretty ? "\n" : ""
        switch value.kind {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): out += quote(s)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "[" + newline
            for (i, element) in elements.enumerated() {
                out += pad
                append(element, to: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
                out += (i < elements.count - 1 ? "," : "") + newline
            }
            out += close + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            let ordered = sortKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            out += "{" + newline
            for (i, member) in ordered.enumerated() {
                out += pad + quote(member.key) + (pretty ? ": " : ":")
                append(member.value, to: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
                out += (i < ordered.count - 1 ? "," : "") + newline
            }
            out += close + "}"
        }
    }
}
