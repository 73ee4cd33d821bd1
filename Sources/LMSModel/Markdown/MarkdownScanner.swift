/// Scanners over UTF-8 bytes for the pieces CommonMark 0.31.2 defines by pattern: raw HTML (§6.6),
/// autolinks (§6.5), entity references (§2.5), backslash escapes (§2.4) and link labels (§4.7).
/// Each returns where the piece ends (an index past its last byte), or nil if it is not there.
enum MarkdownScanner {
    typealias C = MarkdownCharacters

    // MARK: - Raw HTML (§6.6)

    /// An HTML tag name: an ASCII letter, then letters, digits and `-`.
    static func scanTagName(_ s: [UInt8], _ start: Int) -> Int? {
        guard start < s.count, C.isLetter(s[start]) else { return nil }
        var i = start + 1
        while i < s.count, C.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
        return i
    }

    /// Spaces, tabs and line endings (at least `minimum` of them).
    static func scanWhitespace(_ s: [UInt8], _ start: Int, minimum: Int = 0) -> Int? {
        var i = start
        while i < s.count, C.isWhitespace(s[i]) { i += 1 }
        return i - start >= minimum ? i : nil
    }

    /// An open tag `<name attr="v" ...>` or `<name/>` starting at the `<`.
    static func scanOpenTag(_ s: [UInt8], _ start: Int) -> Int? {
        guard start < s.count, s[start] == UInt8(ascii: "<"), var i = scanTagName(s, start + 1) else { return nil }
        while true {
            let afterSpace = scanWhitespace(s, i) ?? i
            guard afterSpace > i, let nameEnd = scanAttributeName(s, afterSpace) else { break }
            i = nameEnd
            // Optional value: whitespace, '=', whitespace, value.
            let beforeEquals = scanWhitespace(s, i) ?? i
            if beforeEquals < s.count, s[beforeEquals] == UInt8(ascii: "=") {
                let valueStart = scanWhitespace(s, beforeEquals + 1) ?? beforeEquals + 1
                guard let valueEnd = scanAttributeValue(s, valueStart) else { return nil }
                i = valueEnd
            }
        }
        i = scanWhitespace(s, i) ?? i
        if i < s.count, s[i] == UInt8(ascii: "/") { i += 1 }
        guard i < s.count, s[i] == UInt8(ascii: ">") else { return nil }
        return i + 1
    }

    static func scanAttributeName(_ s: [UInt8], _ start: Int) -> Int? {
        guard start < s.count else { return nil }
        let first = s[start]
        guard C.isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return nil }
        var i = start + 1
        while i < s.count {
            let b = s[i]
            guard
                C.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
                    || b == UInt8(ascii: "-")
            else { break }
            i += 1
        }
        return i
    }

    static func scanAttributeValue(_ s: [UInt8], _ start: Int) -> Int? {
        guard start < s.count else { return nil }
        let quote = s[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var i = start + 1
            while i < s.count, s[i] != quote { i += 1 }
            return i < s.count ? i + 1 : nil
        }
        var i = start
        while i < s.count {
            let b = s[i]
            if b <= C.space || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "=")
                || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "`")
            {
                break
            }
            i += 1
        }
        return i > start ? i : nil
    }

    /// A closing tag `</name >` starting at the `<`.
    static func scanClosingTag(_ s: [UInt8], _ start: Int) -> Int? {
        guard start + 1 < s.count, s[start] == UInt8(ascii: "<"), s[start + 1] == UInt8(ascii: "/"),
            let nameEnd = scanTagName(s, start + 2)
        else { return nil }
        let i = scanWhitespace(s, nameEnd) ?? nameEnd
        guard i < s.count, s[i] == UInt8(ascii: ">") else { return nil }
        return i + 1
    }

    /// Inline raw HTML starting at `<`: a tag, comment, processing instruction, declaration or CDATA.
    static func scanInlineHTML(_ s: [UInt8], _ start: Int) -> Int? {
        guard start + 1 < s.count else { return nil }
        let next = s[start + 1]
        if C.isLetter(next) { return scanOpenTag(s, start) }
        if next == UInt8(ascii: "/") { return scanClosingTag(s, start) }
        if next == UInt8(ascii: "?") { return find(s, "?>", from: start + 2) }
        guard next == UInt8(ascii: "!"), start + 2 < s.count else { return nil }
        if hasPrefix(s, "<!--", at: start) {
            // 0.31.2: `<!-->` and `<!--->` are comments too.
            if hasPrefix(s, "<!-->", at: start) { return start + 5 }
            if hasPrefix(s, "<!--->", at: start) { return start + 6 }
            return find(s, "-->", from: start + 4)
        }
        if hasPrefix(s, "<![CDATA[", at: start) { return find(s, "]]>", from: start + 9) }
        if C.isLetter(s[start + 2]) { return find(s, ">", from: start + 3) }
        return nil
    }

    // MARK: - Autolinks (§6.5)

    /// `<scheme:...>`; returns the end past `>`.
    static func scanURIAutolink(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        guard i < s.count, C.isLetter(s[i]) else { return nil }
        i += 1
        while i < s.count,
            C.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: ".")
                || s[i] == UInt8(ascii: "-")
        {
            i += 1
        }
        let schemeLength = i - start - 1
        guard schemeLength >= 2, schemeLength <= 32, i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: ">") { return i + 1 }
            if b <= C.space || b == UInt8(ascii: "<") || b == 0x7F { return nil }
            i += 1
        }
        return nil
    }

    /// `<local@domain>`; returns the end past `>`.
    static func scanEmailAutolink(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        let localStart = i
        while i < s.count, isEmailLocal(s[i]) { i += 1 }
        guard i > localStart, i < s.count, s[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        while true {
            // A label: alphanumeric at both ends, hyphens inside, at most 63 characters.
            let labelStart = i
            guard i < s.count, C.isAlphanumeric(s[i]) else { return nil }
            while i < s.count, C.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
            guard i - labelStart <= 63, s[i - 1] != UInt8(ascii: "-") else { return nil }
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: ">") { return i + 1 }
            guard s[i] == UInt8(ascii: ".") else { return nil }
            i += 1
        }
    }

    static func isEmailLocal(_ b: UInt8) -> Bool {
        if C.isAlphanumeric(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    // MARK: - Entities (§2.5) and escapes (§2.4)

    /// An entity or numeric character reference at `&`: its text and where it ends.
    static func scanEntity(_ s: [UInt8], _ start: Int) -> (text: String, end: Int)? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == UInt8(ascii: "#") {
            i += 1
            var value: UInt32 = 0
            var digits = 0
            if i < s.count, s[i] | 0x20 == UInt8(ascii: "x") {
                i += 1
                while i < s.count, C.isHexDigit(s[i]), digits < 6 {
                    let b = s[i] | 0x20
                    value = value * 16 + UInt32(b >= 0x61 ? b - 0x61 + 10 : b - 0x30)
                    digits += 1
                    i += 1
                }
            } else {
                while i < s.count, C.isDigit(s[i]), digits < 7 {
                    value = value * 10 + UInt32(s[i] - 0x30)
                    digits += 1
                    i += 1
                }
            }
            guard digits > 0, i < s.count, s[i] == UInt8(ascii: ";") else { return nil }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(Character(scalar ?? "\u{FFFD}")), i + 1)
        }
        let nameStart = i
        while i < s.count, C.isAlphanumeric(s[i]), i - nameStart < MarkdownEntities.maxNameBytes { i += 1 }
        guard i > nameStart, i < s.count, s[i] == UInt8(ascii: ";") else { return nil }
        guard let text = MarkdownEntities.decode(name: String(decoding: s[nameStart..<i], as: UTF8.self)) else {
            return nil
        }
        return (text, i + 1)
    }

    /// Decodes backslash escapes and entity references (for link destinations, titles and info strings).
    static func unescape(_ s: ArraySlice<UInt8>) -> String {
        let bytes = Array(s)
        guard bytes.contains(UInt8(ascii: "\\")) || bytes.contains(UInt8(ascii: "&")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count, C.isASCIIPunctuation(bytes[i + 1]) {
                out.append(bytes[i + 1])
                i += 2
            } else if b == UInt8(ascii: "&"), let (text, end) = scanEntity(bytes, i) {
                out.append(contentsOf: text.utf8)
                i = end
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Link labels (§4.7)

    /// A link label `[...]` at `start`: where it ends (past `]`), or nil (unescaped `[` inside,
    /// more than 999 characters, or no closing bracket).
    static func scanLinkLabel(_ s: [UInt8], _ start: Int, requireContent: Bool = true) -> Int? {
        guard start < s.count, s[start] == UInt8(ascii: "[") else { return nil }
        var i = start + 1
        var count = 0
        var hasContent = false
        while i < s.count, count <= MarkdownLimits.maxLabelCharacters {
            let b = s[i]
            if b == UInt8(ascii: "]") { return hasContent || !requireContent ? i + 1 : nil }
            if b == UInt8(ascii: "[") { return nil }
            if b == UInt8(ascii: "\\"), i + 1 < s.count, C.isASCIIPunctuation(s[i + 1]) {
                i += 1
                count += 1
            }
            if !C.isWhitespace(b) { hasContent = true }
            if b & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return nil
    }

    /// §4.7 label matching: strip brackets, trim, collapse whitespace, Unicode case fold.
    static func normalizeLabel(_ s: ArraySlice<UInt8>) -> String {
        var words: [String] = []
        var current: [UInt8] = []
        for b in s.dropFirst().dropLast() {
            if C.isWhitespace(b) {
                if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words.joined(separator: " ").lowercased().uppercased()
    }

    // MARK: - Helpers

    static func hasPrefix(_ s: [UInt8], _ prefix: StaticString, at start: Int, caseInsensitive: Bool = false) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= s.count else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<count {
                let a = s[start + k]
                let b = p[k]
                if a == b { continue }
                if caseInsensitive, C.isLetter(a), a | 0x20 == b | 0x20 { continue }
                return false
            }
            return true
        }
    }

    /// The index past the first occurrence of `needle` at or after `start`.
    static func find(_ s: [UInt8], _ needle: StaticString, from start: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        let first = needle.withUTF8Buffer { $0[0] }
        var i = start
        while i + count <= s.count {
            if s[i] == first, hasPrefix(s, needle, at: i) { return i + count }
            i += 1
        }
        return nil
    }
}
