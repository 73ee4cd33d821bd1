import LMSModel

/// The optional block of flat `key: value` lines between two `---` lines at the top of a
/// lesson or assignment, and the Markdown that follows it.
struct FrontMatter {
    /// One `key: value` line.
    struct Field {
        var key: String
        var value: String
        var line: Int
    }

    /// The fields in order.
    var fields: [Field] = []
    /// The Markdown after the block.
    var body: String
    /// The line number of the first body line.
    var bodyStartLine: Int

    /// The value of a key (the last one given).
    subscript(key: String) -> Field? { fields.last { $0.key == key } }

    /// Splits `text`; problems (an unclosed block, a line without `:`) go to `diagnostics`.
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
        // Most lessons have no front matter: decide from the first line before splitting anything.
        let firstLine = text.utf8.prefix { $0 != 0x0A }
        guard String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespaces) == "---" else {
            return FrontMatter(body: text, bodyStartLine: 1)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var result = FrontMatter(body: "", bodyStartLine: 1)
        var seen: [String: Int] = [:]
        for (offset, raw) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                result.body = lines[(offset + 1)...].joined(separator: "\n")
                result.bodyStartLine = lineNumber + 1
                return result
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(
                    .error(file, lineNumber, "front matter line needs the form \"key: value\" (found \"\(trimmed)\")"))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            if let earlier = seen[key] {
                diagnostics.append(
                    .warning(file, lineNumber, "\"\(key)\" is given twice (line \(earlier) too); the last one counts"))
            }
            seen[key] = lineNumber
            result.fields.append(Field(key: key, value: value, line: lineNumber))
        }
        diagnostics.append(.error(file, 1, "front matter starts with --- but never ends: add a closing --- line"))
        return FrontMatter(fields: result.fields, body: "", bodyStartLine: lines.count + 1)
    }
}

import Foundation
