/// Splits an HTML fragment into text, tags and comments: enough of HTML's tokenizer (WHATWG HTML
/// §13.2.5) for the tags of `HTMLSubset`. A `<` that does not start a tag is text.
enum HTMLTokenizer {
    /// The longest tag read, attributes included: longer is text. 8 KiB (a `<img>` with a
    /// data URL is longer; it is not a course file to check).
    static let maxTagBytes = 8 * 1024

    /// A start or end tag.
    struct Tag: Equatable {
        /// The lowercased name (`sub`, `img`).
        var name: String
        /// `</name>`.
        var isEnd: Bool
        /// `<name/>`.
        var isSelfClosing: Bool
        /// Attributes by lowercased name, values with entities decoded.
        var attributes: [String: String]
        /// The tag as written.
        var raw: String
        /// How many line ends come before the tag in the fragment.
        var lineOffset = 0
    }

    /// One piece of the fragment.
    enum Token: Equatable {
        case text(String)
        case tag(Tag)
        case comment
    }

    /// The tokens of `html`. Works on UTF-8 bytes: every byte that delimits a tag is ASCII, so
    /// no character is ever cut.
    static func tokens(_ html: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(html.utf8)
        var i = 0
        var textStart = 0
        var lines = 0
        var counted = 0
        func flushText(to end: Int) {
            if end > textStart { out.append(.text(string(chars[textStart..<end]))) }
        }
        while i < chars.count {
            guard chars[i] == lt else {
                i += 1
                continue
            }
            if let end = comment(chars, at: i) {
                flushText(to: i)
                out.append(.comment)
                i = end
                textStart = i
            } else if let (found, end) = tag(chars, at: i) {
                var tag = found
                flushText(to: i)
                while counted < i {
                    if chars[counted] == newline { lines += 1 }
                    counted += 1
                }
                tag.lineOffset = lines
                out.append(.tag(tag))
                i = end
                textStart = i
            } else {
                i += 1
            }
        }
        flushText(to: chars.count)
        return out
    }

    /// A tag parsed from its text (`<img src="a.png">`), nil when it is not a start or end tag.
    static func tag(_ raw: String) -> Tag? {
        let chars = Array(raw.utf8)
        guard let (tag, end) = tag(chars, at: 0), end == chars.count else { return nil }
        return tag
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")
    private static let equals = UInt8(ascii: "="), newline = UInt8(ascii: "\n")
    private static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")

    /// Whether `raw` is a comment, a processing instruction, a declaration or CDATA: nothing a
    /// reader should see.
    static func isHidden(_ raw: String) -> Bool {
        raw.hasPrefix("<!") || raw.hasPrefix("<?")
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The index after a comment (`<!-- … -->`), a declaration (`<!DOCTYPE …>`) or a processing
    /// instruction (`<? … ?>`) starting at `start`; an unclosed comment runs to the end.
    private static func comment(_ c: [UInt8], at start: Int) -> Int? {
        guard start + 1 < c.count, c[start + 1] == bang || c[start + 1] == question else { return nil }
        if start + 3 < c.count, c[start + 2] == dash, c[start + 3] == dash {
            var i = start + 4
            while i + 2 < c.count {
                if c[i] == dash, c[i + 1] == dash, c[i + 2] == gt { return i + 3 }
                i += 1
            }
            return c.count
        }
        var i = start + 2
        while i < c.count, c[i] != gt { i += 1 }
        return i < c.count ? i + 1 : nil
    }

    private static func isLetter(_ s: UInt8) -> Bool {
        (s >= UInt8(ascii: "a") && s <= UInt8(ascii: "z")) || (s >= UInt8(ascii: "A") && s <= UInt8(ascii: "Z"))
    }

    private static func isNameScalar(_ s: UInt8) -> Bool {
        isLetter(s) || (s >= UInt8(ascii: "0") && s <= UInt8(ascii: "9")) || s == dash
    }

    private static func isSpace(_ s: UInt8) -> Bool {
        s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D || s == 0x0C
    }

    /// A tag starting at `start` and the index after it.
    private static func tag(_ c: [UInt8], at start: Int) -> (Tag, Int)? {
        // A tag runs to its `>` within `maxTagBytes`: an unclosed one is text, found in linear time.
        let limit = min(c.count, start + maxTagBytes)
        var i = start + 1
        let isEnd = i < limit && c[i] == slash
        if isEnd { i += 1 }
        guard i < limit, isLetter(c[i]) else { return nil }
        let nameStart = i
        while i < limit, isNameScalar(c[i]) { i += 1 }
        let name = string(c[nameStart..<i]).lowercased()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < limit {
            while i < limit, isSpace(c[i]) { i += 1 }
            guard i < limit else { return nil }
            if c[i] == gt {
                i += 1
                let raw = string(c[start..<i])
                return (Tag(name: name, isEnd: isEnd, isSelfClosing: selfClosing, attributes: attributes, raw: raw), i)
            }
            if c[i] == slash {
                selfClosing = true
                i += 1
                continue
            }
            if c[i] == lt { return nil }
            let attrStart = i
            while i < limit, !isSpace(c[i]), c[i] != equals, c[i] != gt, c[i] != slash, c[i] != lt { i += 1 }
            guard i > attrStart else { return nil }
            let attrName = string(c[attrStart..<i]).lowercased()
            var value = ""
            var j = i
            while j < limit, isSpace(c[j]) { j += 1 }
            if j < limit, c[j] == equals {
                j += 1
                while j < limit, isSpace(c[j]) { j += 1 }
                guard j < limit else { return nil }
                if c[j] == doubleQuote || c[j] == singleQuote {
                    let quote = c[j]
                    let valueStart = j + 1
                    j = valueStart
                    while j < limit, c[j] != quote { j += 1 }
                    guard j < limit else { return nil }
                    value = string(c[valueStart..<j])
                    j += 1
                } else {
                    let valueStart = j
                    while j < limit, !isSpace(c[j]), c[j] != gt { j += 1 }
                    value = string(c[valueStart..<j])
                }
                i = j
            }
            attributes[attrName] = HTMLEntities.decode(value)
        }
        return nil
    }
}
