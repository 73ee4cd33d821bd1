/// Line patterns that start or end blocks (CommonMark 0.31.2 §4 and §5), on a line's bytes from
/// its first non-space character.
enum MarkdownBlockStarts {
    typealias C = MarkdownCharacters

    /// §4.1: three or more `*`, `-` or `_`, with only spaces and tabs between and after.
    static func isThematicBreak(_ s: [UInt8], from start: Int) -> Bool {
        guard start < s.count else { return false }
        let marker = s[start]
        guard marker == UInt8(ascii: "*") || marker == UInt8(ascii: "-") || marker == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        for i in start..<s.count {
            if s[i] == marker {
                count += 1
            } else if !C.isSpaceOrTab(s[i]) {
                return false
            }
        }
        return count >= 3
    }

    /// §4.3: a setext underline: `=`s or `-`s then spaces. 1 for `=`, 2 for `-`, or nil.
    static func setextLevel(_ s: [UInt8], from start: Int) -> Int? {
        guard start < s.count, s[start] == UInt8(ascii: "=") || s[start] == UInt8(ascii: "-") else { return nil }
        let marker = s[start]
        var i = start
        while i < s.count, s[i] == marker { i += 1 }
        guard C.isBlank(s, from: i) else { return nil }
        return marker == UInt8(ascii: "=") ? 1 : 2
    }

    /// §4.2: `#` to `######` then a space, tab or the end. The number of `#`s.
    static func atxLevel(_ s: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < s.count, s[i] == UInt8(ascii: "#"), i - start < 7 { i += 1 }
        let level = i - start
        guard level >= 1, level <= 6 else { return nil }
        guard i == s.count || C.isSpaceOrTab(s[i]) else { return nil }
        return level
    }

    /// §4.2: a heading's text without the closing `#`s and surrounding spaces.
    static func atxContent(_ s: [UInt8], from start: Int) -> [UInt8] {
        var end = s.count
        while end > start, C.isSpaceOrTab(s[end - 1]) { end -= 1 }
        var hashes = end
        while hashes > start, s[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes == start {
            end = start
        } else if hashes < end, C.isSpaceOrTab(s[hashes - 1]) {
            end = hashes
        }
        var begin = start
        while begin < end, C.isSpaceOrTab(s[begin]) { begin += 1 }
        while end > begin, C.isSpaceOrTab(s[end - 1]) { end -= 1 }
        return Array(s[begin..<end])
    }

    /// §4.5: an opening code fence: its character and length, or nil.
    static func codeFence(_ s: [UInt8], from start: Int) -> (character: UInt8, length: Int)? {
        guard start < s.count, s[start] == UInt8(ascii: "`") || s[start] == UInt8(ascii: "~") else { return nil }
        let fence = s[start]
        var i = start
        while i < s.count, s[i] == fence { i += 1 }
        let length = i - start
        guard length >= 3 else { return nil }
        // The info string of a backtick fence may not contain backticks.
        if fence == UInt8(ascii: "`"), s[i...].contains(fence) { return nil }
        return (fence, length)
    }

    static let type1Tags: [StaticString] = ["pre", "script", "style", "textarea"]
    static let type6Tags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup",
        "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul"
    ]

    /// §4.6: the kind (1–7) of HTML block the line starts at `start` (a `<`), or nil. Kind 7
    /// cannot interrupt a paragraph (`inParagraph`).
    static func htmlBlockStart(_ s: [UInt8], from start: Int, inParagraph: Bool) -> Int? {
        guard start + 1 < s.count, s[start] == UInt8(ascii: "<") else { return nil }
        for tag in type1Tags {
            let count = tag.utf8CodeUnitCount
            if hasTag(s, tag, at: start + 1) {
                let after = start + 1 + count
                if after == s.count || C.isSpaceOrTab(s[after]) || s[after] == UInt8(ascii: ">") { return 1 }
            }
        }
        if MarkdownScanner.hasPrefix(s, "<!--", at: start) { return 2 }
        if s[start + 1] == UInt8(ascii: "?") { return 3 }
        if MarkdownScanner.hasPrefix(s, "<![CDATA[", at: start) { return 5 }
        if s[start + 1] == UInt8(ascii: "!"), start + 2 < s.count, C.isLetter(s[start + 2]) { return 4 }
        var nameStart = start + 1
        if s[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < s.count, C.isAlphanumeric(s[nameEnd]) { nameEnd += 1 }
        if nameEnd > nameStart {
            let name = String(decoding: s[nameStart..<nameEnd], as: UTF8.self).lowercased()
            if type6Tags.contains(name) {
                if nameEnd == s.count || C.isSpaceOrTab(s[nameEnd]) || s[nameEnd] == UInt8(ascii: ">") { return 6 }
                if MarkdownScanner.hasPrefix(s, "/>", at: nameEnd) { return 6 }
            }
        }
        guard !inParagraph else { return nil }
        let end = MarkdownScanner.scanOpenTag(s, start) ?? MarkdownScanner.scanClosingTag(s, start)
        if let end, C.isBlank(s, from: end) { return 7 }
        return nil
    }

    private static func hasTag(_ s: [UInt8], _ tag: StaticString, at start: Int) -> Bool {
        MarkdownScanner.hasPrefix(s, tag, at: start, caseInsensitive: true)
    }

    /// §4.6: whether the line holds the end condition of an HTML block of kind 1–5.
    static func htmlBlockEnds(type: Int, _ s: [UInt8], from start: Int) -> Bool {
        switch type {
        case 1:
            var i = start
            while i + 1 < s.count {
                if s[i] == UInt8(ascii: "<"), s[i + 1] == UInt8(ascii: "/") {
                    for tag in type1Tags where hasTag(s, tag, at: i + 2) {
                        let after = i + 2 + tag.utf8CodeUnitCount
                        if after < s.count, s[after] == UInt8(ascii: ">") { return true }
                    }
                }
                i += 1
            }
            return false
        case 2: return MarkdownScanner.find(s, "-->", from: start) != nil
        case 3: return MarkdownScanner.find(s, "?>", from: start) != nil
        case 4: return MarkdownScanner.find(s, ">", from: start) != nil
        case 5: return MarkdownScanner.find(s, "]]>", from: start) != nil
        default: return false
        }
    }
}
