/// Raw HTML for output that is printed as it is (the printable export): formatting tags from
/// `MarkdownHTMLRenderer.safeTags` are kept without their attributes, comments are dropped,
/// every other tag is shown as text; and URLs with a scheme that runs code are refused.
enum MarkdownSafeHTML {
    typealias C = MarkdownCharacters

    /// `html` with only the safe tags left as markup.
    static func filter(_ html: String) -> String {
        let s = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "<") {
                if MarkdownScanner.hasPrefix(s, "<!--", at: i) {
                    i = MarkdownScanner.scanInlineHTML(s, i) ?? s.count
                    continue
                }
                let closing = i + 1 < s.count && s[i + 1] == UInt8(ascii: "/")
                if let end = closing ? MarkdownScanner.scanClosingTag(s, i) : MarkdownScanner.scanOpenTag(s, i) {
                    let nameStart = i + (closing ? 2 : 1)
                    let nameEnd = MarkdownScanner.scanTagName(s, nameStart) ?? nameStart
                    let name = String(decoding: s[nameStart..<nameEnd], as: UTF8.self).lowercased()
                    if MarkdownHTMLRenderer.safeTags.contains(name) {
                        let selfClosing = !closing && end >= 2 && s[end - 2] == UInt8(ascii: "/")
                        let tag =
                            closing
                            ? "</\(name)>"
                            : (name == "br" ? "<br />" : (selfClosing ? "<\(name)></\(name)>" : "<\(name)>"))
                        out.append(contentsOf: tag.utf8)
                    } else {
                        escape(s, i..<end, into: &out)
                    }
                    i = end
                    continue
                }
                out.append(contentsOf: "&lt;".utf8)
                i += 1
            } else {
                escape(s, i..<(i + 1), into: &out)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes markup characters; an `&` that starts a valid entity is kept as written.
    private static func escape(_ s: [UInt8], _ range: Range<Int>, into out: inout [UInt8]) {
        for k in range {
            let b = s[k]
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "&"):
                if MarkdownScanner.scanEntity(s, k) != nil {
                    out.append(b)
                } else {
                    out.append(contentsOf: "&amp;".utf8)
                }
            default: out.append(b)
            }
        }
    }

    /// `javascript:`, `vbscript:`, `file:` and `data:` URLs (except common image data) run code
    /// or read local files when clicked.
    static func isDangerous(url: String) -> Bool {
        let lowered = url.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }).lowercased()
        let trimmed = String(lowered.unicodeScalars.filter { $0.value > 0x20 })
        for scheme in ["javascript:", "vbscript:", "file:"] where trimmed.hasPrefix(scheme) { return true }
        if trimmed.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                trimmed.hasPrefix($0)
            }
        }
        return false
    }
}
