/// Normalises HTML the way the CommonMark spec's test runner does before comparing (its
/// `normalize.py`): whitespace runs outside `<pre>` become one space, whitespace next to block
/// tags is dropped, tag names are lower-cased and attributes sorted, and `<br/>`-style
/// self-closing tags lose the slash. Used to measure conformance on the spec's examples.
public enum MarkdownHTMLNormalizer {
    typealias C = MarkdownCharacters

    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption", "th",
        "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video", "script",
        "style"
    ]

    /// `html` in normal form.
    public static func normalize(_ html: String) -> String {
        let s = Array(html.utf8)
        var out = ""
        var inPre = false
        var lastTag = ""
        var last = "none"
        var i = 0
        var text: [UInt8] = []

        func flushText() {
            guard !text.isEmpty else { return }
            var data = String(decoding: text, as: UTF8.self)
            text.removeAll()
            let afterTag = last == "endtag" || last == "starttag"
            let afterBlockTag = afterTag && blockTags.contains(lastTag)
            if afterTag && lastTag == "br" { data = String(data.drop(while: { $0 == "\n" })) }
            if !inPre { data = collapse(data) }
            if afterBlockTag && !inPre {
                if last == "starttag" {
                    data = String(data.drop(while: \.isWhitespace))
                } else {
                    data = trim(data)
                }
            }
            out += data
            last = "data"
        }

        while i < s.count {
            if s[i] == UInt8(ascii: "<") {
                let closing = i + 1 < s.count && s[i + 1] == UInt8(ascii: "/")
                if let end = closing ? MarkdownScanner.scanClosingTag(s, i) : MarkdownScanner.scanOpenTag(s, i) {
                    flushText()
                    let (name, attributes) = parseTag(s[i..<end], closing: closing)
                    if closing {
                        if name == "pre" {
                            inPre = false
                        } else if blockTags.contains(name) {
                            out = trimEnd(out)
                        }
                        out += "</\(name)>"
                        last = "endtag"
                    } else {
                        if name == "pre" { inPre = true }
                        if blockTags.contains(name) { out = trimEnd(out) }
                        out += "<\(name)"
                        for (key, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
                            out += " \(key)"
                            if let value { out += "=\"\(value)\"" }
                        }
                        out += ">"
                        last = "starttag"
                    }
                    lastTag = name
                    i = end
                    continue
                }
            }
            text.append(s[i])
            i += 1
        }
        flushText()
        return out
    }

    private static func parseTag(_ tag: ArraySlice<UInt8>, closing: Bool) -> (String, [(String, String?)]) {
        let s = Array(tag)
        var i = closing ? 2 : 1
        let nameEnd = MarkdownScanner.scanTagName(s, i) ?? i
        let name = String(decoding: s[i..<nameEnd], as: UTF8.self).lowercased()
        i = nameEnd
        var attributes: [(String, String?)] = []
        while i < s.count {
            while i < s.count, C.isWhitespace(s[i]) { i += 1 }
            guard let keyEnd = MarkdownScanner.scanAttributeName(s, i) else { break }
            let key = String(decoding: s[i..<keyEnd], as: UTF8.self).lowercased()
            i = keyEnd
            var j = i
            while j < s.count, C.isWhitespace(s[j]) { j += 1 }
            if j < s.count, s[j] == UInt8(ascii: "=") {
                j += 1
                while j < s.count, C.isWhitespace(s[j]) { j += 1 }
                let valueEnd = MarkdownScanner.scanAttributeValue(s, j) ?? j
                var value = Array(s[j..<valueEnd])
                if let first = value.first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                    value = Array(value.dropFirst().dropLast())
                }
                attributes.append((key, String(decoding: value, as: UTF8.self)))
                i = valueEnd
            } else {
                attributes.append((key, nil))
            }
        }
        return (name, attributes)
    }

    private static func collapse(_ text: String) -> String {
        var out = ""
        var inSpace = false
        for character in text {
            if character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\u{0C}"
            {
                if !inSpace { out += " " }
                inSpace = true
            } else {
                out.append(character)
                inSpace = false
            }
        }
        return out
    }

    private static func trim(_ text: String) -> String {
        trimEnd(String(text.drop(while: \.isWhitespace)))
    }

    private static func trimEnd(_ text: String) -> String {
        var text = text
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
