/// Splits an HTML fragment into text, tags and comments: enough of HTML's tokenizer (WHATWG HTML
/// §13.2.5) for the tags of `HTMLSubset`. A `<` that does not start a tag is text.
enum HTMLTokenizer {
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
    }

    /// One piece of the fragment.
    enum Token: Equatable {
        case text(String)
        case tag(Tag)
        case comment
    }

    /// The tokens of `html`.
    static func tokens(_ html: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(html.unicodeScalars)
        var i = 0
        var textStart = 0
        func flushText(to end: Int) {
            if end > textStart { out.append(.text(string(chars[textStart..<end]))) }
        }
        while i < chars.count {
            guard chars[i] == "<" else {
                i += 1
                continue
            }
            if let end = comment(chars, at: i) {
                flushText(to: i)
                out.append(.comment)
                i = end
                textStart = i
            } else if let (tag, end) = tag(chars, at: i) {
                flushText(to: i)
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
        let chars = Array(raw.unicodeScalars)
        guard let (tag, end) = tag(chars, at: 0), end == chars.count else { return nil }
        return tag
    }

    /// Whether `raw` is a comment, a processing instruction, a declaration or CDATA: nothing a
    /// reader should see.
    static func isHidden(_ raw: String) -> Bool {
        raw.hasPrefix("<!") || raw.hasPrefix("<?")
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// The index after a comment (`<!-- … -->`), a declaration (`<!DOCTYPE …>`) or a processing
    /// instruction (`<? … ?>`) starting at `start`; an unclosed comment runs to the end.
    private static func comment(_ c: [Unicode.Scalar], at start: Int) -> Int? {
        guard start + 1 < c.count, c[start + 1] == "!" || c[start + 1] == "?" else { return nil }
        if start + 3 < c.count, c[start + 2] == "-", c[start + 3] == "-" {
            var i = start + 4
            while i + 2 < c.count {
                if c[i] == "-", c[i + 1] == "-", c[i + 2] == ">" { return i + 3 }
                i += 1
            }
            return c.count
        }
        var i = start + 2
        while i < c.count, c[i] != ">" { i += 1 }
        return i < c.count ? i + 1 : nil
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-"
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}"
    }

    /// A tag starting at `start` and the index after it.
    private static func tag(_ c: [Unicode.Scalar], at start: Int) -> (Tag, Int)? {
        var i = start + 1
        let isEnd = i < c.count && c[i] == "/"
        if isEnd { i += 1 }
        guard i < c.count, (c[i] >= "a" && c[i] <= "z") || (c[i] >= "A" && c[i] <= "Z") else { return nil }
        let nameStart = i
        while i < c.count, isNameScalar(c[i]) { i += 1 }
        let name = string(c[nameStart..<i]).lowercased()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < c.count {
            while i < c.count, isSpace(c[i]) { i += 1 }
            guard i < c.count else { return nil }
            if c[i] == ">" {
                i += 1
                let raw = string(c[start..<i])
                return (Tag(name: name, isEnd: isEnd, isSelfClosing: selfClosing, attributes: attributes, raw: raw), i)
            }
            if c[i] == "/" {
                selfClosing = true
                i += 1
                continue
            }
            if c[i] == "<" { return nil }
            let attrStart = i
            while i < c.count, !isSpace(c[i]), c[i] != "=", c[i] != ">", c[i] != "/", c[i] != "<" { i += 1 }
            guard i > attrStart else { return nil }
            let attrName = string(c[attrStart..<i]).lowercased()
            var value = ""
            var j = i
            while j < c.count, isSpace(c[j]) { j += 1 }
            if j < c.count, c[j] == "=" {
                j += 1
                while j < c.count, isSpace(c[j]) { j += 1 }
                guard j < c.count else { return nil }
                if c[j] == "\"" || c[j] == "'" {
                    let quote = c[j]
                    let valueStart = j + 1
                    j = valueStart
                    while j < c.count, c[j] != quote { j += 1 }
                    guard j < c.count else { return nil }
                    value = string(c[valueStart..<j])
                    j += 1
                } else {
                    let valueStart = j
                    while j < c.count, !isSpace(c[j]), c[j] != ">" { j += 1 }
                    value = string(c[valueStart..<j])
                }
                i = j
            }
            attributes[attrName] = HTMLEntities.decode(value)
        }
        return nil
    }
}
