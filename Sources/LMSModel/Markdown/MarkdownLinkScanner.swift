/// Link destinations and titles (CommonMark 0.31.2 §6.3), shared by inline links and link
/// reference definitions (§4.7).
enum MarkdownLinkScanner {
    typealias C = MarkdownCharacters

    /// Skips spaces and tabs, at most one line ending, then spaces and tabs.
    static func skipSpacesAndNewline(_ s: [UInt8], _ start: Int) -> Int {
        var i = start
        var sawNewline = false
        while i < s.count {
            let b = s[i]
            if C.isSpaceOrTab(b) {
                i += 1
            } else if b == C.newline, !sawNewline {
                sawNewline = true
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// A link destination at `start`: `<...>` or a run without spaces or control characters
    /// whose parentheses balance. The text has escapes and entities decoded.
    static func scanDestination(_ s: [UInt8], _ start: Int) -> (destination: String, end: Int)? {
        guard start < s.count else { return nil }
        if s[start] == UInt8(ascii: "<") {
            var i = start + 1
            while i < s.count {
                let b = s[i]
                if b == UInt8(ascii: ">") { return (MarkdownScanner.unescape(s[(start + 1)..<i]), i + 1) }
                if b == C.newline || b == UInt8(ascii: "<") { return nil }
                if b == UInt8(ascii: "\\"), i + 1 < s.count, C.isASCIIPunctuation(s[i + 1]) { i += 1 }
                i += 1
            }
            return nil
        }
        var i = start
        var parens = 0
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "\\"), i + 1 < s.count, C.isASCIIPunctuation(s[i + 1]) {
                i += 2
            } else if b == UInt8(ascii: "(") {
                parens += 1
                if parens > MarkdownLimits.maxDestinationParens { return nil }
                i += 1
            } else if b == UInt8(ascii: ")") {
                if parens == 0 { break }
                parens -= 1
                i += 1
            } else if b <= C.space || b == 0x7F {
                break
            } else {
                i += 1
            }
        }
        guard i > start, parens == 0 else { return nil }
        return (MarkdownScanner.unescape(s[start..<i]), i)
    }

    /// A link title at `start`: `"..."`, `'...'` or `(...)`, escapes and entities decoded.
    static func scanTitle(_ s: [UInt8], _ start: Int) -> (title: String, end: Int)? {
        guard start < s.count else { return nil }
        let open = s[start]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""): close = open
        case UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        var i = start + 1
        while i < s.count {
            let b = s[i]
            if b == close { return (MarkdownScanner.unescape(s[(start + 1)..<i]), i + 1) }
            if b == UInt8(ascii: "("), open == UInt8(ascii: "(") { return nil }
            if b == UInt8(ascii: "\\"), i + 1 < s.count, C.isASCIIPunctuation(s[i + 1]) {
                i += 1
            } else if b == C.newline, i + 1 < s.count {
                // A title may span lines but not hold a blank line.
                var j = i + 1
                while j < s.count, C.isSpaceOrTab(s[j]) { j += 1 }
                if j < s.count, s[j] == C.newline { return nil }
            }
            i += 1
        }
        return nil
    }

    /// A link reference definition at the start of `s` (§4.7): its label, target, and where it
    /// ends (past its line ending), or nil.
    static func scanReferenceDefinition(_ s: [UInt8], _ start: Int) -> (
        label: String, reference: MarkdownBlockParser.Reference, end: Int
    )? {
        guard let labelEnd = MarkdownScanner.scanLinkLabel(s, start), labelEnd < s.count,
            s[labelEnd] == UInt8(ascii: ":")
        else { return nil }
        let label = MarkdownScanner.normalizeLabel(s[start..<labelEnd])
        guard !label.isEmpty else { return nil }
        let destinationStart = skipSpacesAndNewline(s, labelEnd + 1)
        guard let (destination, destinationEnd) = scanDestination(s, destinationStart) else { return nil }
        // An empty destination is allowed only as `<>`.
        let beforeTitle = destinationEnd
        let titleStart = skipSpacesAndNewline(s, beforeTitle)
        if titleStart > beforeTitle, let (title, titleEnd) = scanTitle(s, titleStart),
            let end = lineEnd(s, titleEnd)
        {
            return (label, .init(destination: destination, title: title), end)
        }
        guard let end = lineEnd(s, beforeTitle) else { return nil }
        return (label, .init(destination: destination, title: nil), end)
    }

    /// Past trailing spaces and the line ending, or nil if anything else follows.
    static func lineEnd(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start
        while i < s.count, C.isSpaceOrTab(s[i]) { i += 1 }
        if i == s.count { return i }
        return s[i] == C.newline ? i + 1 : nil
    }
}
