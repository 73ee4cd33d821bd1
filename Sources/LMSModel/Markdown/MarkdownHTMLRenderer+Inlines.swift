extension MarkdownHTMLRenderer.Writer {
    mutating func inlines(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            self.inline(inline)
        }
    }

    mutating func inline(_ inline: MarkdownInline) {
        switch inline {
        case .text(let text):
            out += Self.escape(text)
        case .softBreak:
            out += "\n"
        case .hardBreak:
            out += "<br />\n"
        case .code(let code):
            out += "<code>"
            out += Self.escape(code)
            out += "</code>"
        case .emphasis(let children):
            wrap("em", children)
        case .strong(let children):
            wrap("strong", children)
        case .strikethrough(let children):
            wrap("del", children)
        case .link(let link):
            out += "<a href=\""
            out += Self.escape(url(link.destination))
            out += "\""
            if let title = link.title, !title.isEmpty {
                out += " title=\""
                out += Self.escape(title)
                out += "\""
            }
            out += ">"
            inlines(link.children)
            out += "</a>"
        case .image(let image):
            out += "<img src=\""
            out += Self.escape(url(image.source))
            out += "\" alt=\""
            out += Self.escape(Self.plainText(image.alt))
            out += "\""
            if let title = image.title, !title.isEmpty {
                out += " title=\""
                out += Self.escape(title)
                out += "\""
            }
            out += " />"
        case .html(let html):
            out += isSafe ? MarkdownSafeHTML.filter(html) : html
        }
    }

    private mutating func wrap(_ tag: String, _ children: [MarkdownInline]) {
        out += "<\(tag)>"
        inlines(children)
        out += "</\(tag)>"
    }

    private func url(_ destination: String) -> String {
        if isSafe, MarkdownSafeHTML.isDangerous(url: destination) { return "" }
        return Self.normalizeURL(destination)
    }

    /// The text of inlines without markup, as an image's alt text (the reference implementation's
    /// rendering with tags off).
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        var text = ""
        var stack: [[MarkdownInline].SubSequence] = [inlines[...]]
        while var top = stack.popLast() {
            guard let inline = top.popFirst() else { continue }
            stack.append(top)
            switch inline {
            case .text(let value), .code(let value), .html(let value): text += value
            case .softBreak, .hardBreak: text += "\n"
            case .emphasis(let children), .strong(let children), .strikethrough(let children):
                stack.append(children[...])
            case .link(let link): stack.append(link.children[...])
            case .image(let image): stack.append(image.alt[...])
            }
        }
        return text
    }

    /// `&`, `<`, `>` and `"` as entities.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Percent-encodes what a URL may not hold, keeping valid `%XX` escapes (the reference
    /// implementation's `normalizeURI`, mdurl's `encode`).
    static func normalizeURL(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, MarkdownCharacters.isHexDigit(bytes[i + 1]),
                MarkdownCharacters.isHexDigit(bytes[i + 2])
            {
                out.append(contentsOf: bytes[i...(i + 2)])
                i += 3
                continue
            }
            if isURLSafe(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isURLSafe(_ b: UInt8) -> Bool {
        if MarkdownCharacters.isAlphanumeric(b) { return true }
        switch b {
        case UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"),
            UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
            UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }
}
