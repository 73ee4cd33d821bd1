extension MarkdownInlineParser {
    typealias Links = MarkdownLinkScanner

    mutating func addBracket(_ node: Node, index: Int, isImage: Bool) {
        brackets?.bracketAfter = true
        brackets = Bracket(
            node: node, previous: brackets, previousDelimiter: delimiters, index: index, isImage: isImage)
    }

    /// §6.3: a `]` closes the nearest `[` or `![` as a link or image if an inline destination or a
    /// defined reference follows; otherwise it is text.
    mutating func parseCloseBracket(_ block: Node) {
        pos += 1
        let afterBracket = pos
        guard let opener = brackets else {
            appendText(s[(pos - 1)..<pos], to: block, at: pos - 1)
            return
        }
        guard opener.isActive else {
            appendText(s[(pos - 1)..<pos], to: block, at: pos - 1)
            brackets = opener.previous
            return
        }
        var destination: String?
        var title: String?
        if pos < s.count, s[pos] == UInt8(ascii: "("), let (dest, linkTitle, end) = readInlineTarget(pos + 1) {
            destination = dest
            title = linkTitle
            pos = end
        } else {
            var label: ArraySlice<UInt8>?
            if pos + 1 < s.count, s[pos] == UInt8(ascii: "["), s[pos + 1] == UInt8(ascii: "]") {
                if !opener.bracketAfter { label = s[opener.index..<afterBracket] }
                pos += 2
            } else if let end = MarkdownScanner.scanLinkLabel(s, pos, requireContent: false) {
                label = s[pos..<end]
                pos = end
            } else if !opener.bracketAfter {
                label = s[opener.index..<afterBracket]
            }
            if let label, let reference = references[MarkdownScanner.normalizeLabel(label)] {
                destination = reference.destination
                title = reference.title
            } else {
                pos = afterBracket
            }
        }
        guard let destination else {
            brackets = opener.previous
            pos = afterBracket
            appendText(s[(pos - 1)..<pos], to: block, at: pos - 1)
            return
        }
        let node = make(opener.isImage ? .image : .link, line: opener.node.line)
        node.destination = destination
        node.title = title
        var item = opener.node.next
        while let child = item {
            item = child.next
            node.append(child)
        }
        block.append(node)
        processEmphasis(bottom: opener.previousDelimiter)
        brackets = opener.previous
        opener.node.unlink()
        // §6.3: links may not contain links, so earlier `[` can no longer open one.
        if !opener.isImage {
            var earlier = brackets
            while let candidate = earlier {
                if !candidate.isImage {
                    if !candidate.isActive { break }
                    candidate.isActive = false
                }
                earlier = candidate.previous
            }
        }
    }

    /// `(destination "title")` after `]`, from just past the `(`.
    private func readInlineTarget(_ start: Int) -> (String, String?, Int)? {
        var i = Links.skipSpacesAndNewline(s, start)
        var destination = ""
        if i < s.count, s[i] == UInt8(ascii: ")") { return ("", nil, i + 1) }
        guard let (dest, destinationEnd) = Links.scanDestination(s, i) else { return nil }
        destination = dest
        i = destinationEnd
        var title: String?
        let beforeTitle = i
        i = Links.skipSpacesAndNewline(s, i)
        if i > beforeTitle, let (linkTitle, titleEnd) = Links.scanTitle(s, i) {
            title = linkTitle
            i = Links.skipSpacesAndNewline(s, titleEnd)
        }
        guard i < s.count, s[i] == UInt8(ascii: ")") else { return nil }
        return (destination, title, i + 1)
    }

    /// `<`: an autolink (§6.5), raw HTML (§6.6), or text.
    mutating func parseAngle(_ block: Node) {
        let start = pos
        if let end = MarkdownScanner.scanURIAutolink(s, start) {
            let uri = Array(s[(start + 1)..<(end - 1)])
            appendAutolink(destination: String(decoding: uri, as: UTF8.self), text: uri, to: block, at: start)
            pos = end
            return
        }
        if let end = MarkdownScanner.scanEmailAutolink(s, start) {
            let address = Array(s[(start + 1)..<(end - 1)])
            appendAutolink(
                destination: "mailto:" + String(decoding: address, as: UTF8.self), text: address, to: block,
                at: start)
            pos = end
            return
        }
        if let end = scanInlineHTML(start) {
            block.append(make(.html, literal: Array(s[start..<end]), line: line(at: start)))
            pos = end
            return
        }
        appendText(s[start..<(start + 1)], to: block, at: start)
        pos += 1
    }

    mutating func appendAutolink(destination: String, text: [UInt8], to block: Node, at start: Int) {
        let link = make(.link, line: line(at: start))
        link.destination = destination
        link.append(make(.text, literal: text, line: link.line))
        block.append(link)
    }

    /// Raw HTML, remembering which closers (`-->`, `?>`, `>`, `]]>`) are absent from the rest of
    /// the subject so that many unclosed openers stay linear.
    private mutating func scanInlineHTML(_ start: Int) -> Int? {
        guard start + 1 < s.count else { return nil }
        let second = s[start + 1]
        var closerKind = 0
        if second == UInt8(ascii: "?") {
            closerKind = 1
        } else if second == UInt8(ascii: "!") {
            if MarkdownScanner.hasPrefix(s, "<!--", at: start) {
                closerKind = 2
            } else if MarkdownScanner.hasPrefix(s, "<![CDATA[", at: start) {
                closerKind = 3
            } else if start + 2 < s.count, C.isLetter(s[start + 2]) {
                closerKind = 4
            }
        }
        if closerKind != 0, missingHTMLClosers.contains(closerKind) { return nil }
        let end = MarkdownScanner.scanInlineHTML(s, start)
        if end == nil, closerKind != 0 {
            // A short comment form (`<!-->`) fails only for its own reasons; others scanned to the end.
            if closerKind != 2 || !MarkdownScanner.hasPrefix(s, "<!-->", at: start) {
                missingHTMLClosers.insert(closerKind)
            }
        }
        return end
    }
}
