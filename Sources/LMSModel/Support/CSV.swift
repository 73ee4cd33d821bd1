import Foundation

/// CSV as RFC 4180 writes it: fields separated by commas, quoted when they hold a comma, quote
/// or line break, quotes doubled; CRLF or LF line ends. Used for imports and spreadsheet exports.
public enum CSV {
    /// A malformed CSV text.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line where the problem is.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// The byte order mark that starts every CSV file and answer we write: without it Excel reads
    /// UTF-8 as the system's legacy code page ("María" shows as "MarÃ­a"). Readers skip it.
    public static let byteOrderMark = "\u{FEFF}"

    /// The bytes of a CSV file or answer: the byte order mark, then `text` in UTF-8 (the one place
    /// that writes CSV out).
    public static func fileData(_ text: String) -> Data {
        Data((byteOrderMark + text).utf8)
    }

    /// The rows of `text` with the line each starts on; blank lines are skipped. At most `maxRows` rows.
    /// A leading byte order mark (a spreadsheet's "CSV UTF-8") is skipped.
    public static func parse(_ text: String, maxRows: Int = 100_000) throws -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        var fieldWasQuoted = false
        func endRow() throws {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append((rowLine, fields)) }
            guard rows.count <= maxRows else { throw ParseError(line: line, message: "more than \(maxRows) rows") }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let c = pending {
            pending = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else {
                    throw ParseError(line: line, message: "a quote inside an unquoted field: quote the whole field")
                }
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                if pending == "\n" { continue }
                try endRow()
                line += 1
                rowLine = line
            case "\n":
                try endRow()
                line += 1
                rowLine = line
            default:
                if fieldWasQuoted { throw ParseError(line: line, message: "text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ParseError(line: rowLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { try endRow() }
        return rows
    }

    /// The first characters that make a spreadsheet read a field as a formula (OWASP "CSV
    /// Injection": `=`, `+`, `-`, `@`, and a tab or carriage return before one).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One CSV line (without its line end) from `fields`. Fields that a spreadsheet would run as a
    /// formula (`formulaStarts` first, numbers aside) are prefixed with `'` so an export cannot inject one.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            var value = field
            if let first = value.unicodeScalars.first, formulaStarts.contains(first), Double(value) == nil {
                value = "'" + value
            }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }.joined(separator: ",")
    }
}
