/// Reads HTML tokens into blocks, for `HTMLSubset.blocks`: block tags (`p`, `div`, `h2`, `ul`,
/// `table`, `details`, …) split the fragment; everything between them is a paragraph of inlines.
/// End tags that HTML lets an author leave out (`</li>`, `</td>`, `</tr>`, `</p>`) are implied.
struct HTMLBlockReader {
    let tokens: [HTMLTokenizer.Token]
    let line: Int
    var index = 0

    init(tokens: [HTMLTokenizer.Token], line: Int) {
        self.tokens = tokens
        self.line = line
    }

    /// Tags that start or end a block.
    static let blockTags: Set<String> = [
        "p", "div", "center", "section", "article", "header", "footer", "main", "figure", "details", "summary",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "blockquote", "ul", "ol", "li", "table", "tr", "td", "th",
        "thead", "tbody", "tfoot", "dl", "dt", "dd"
    ]

    /// The blocks up to the end tag `closing` (consumed), or up to a tag that implies it (not consumed).
    mutating func readBlocks(until closing: String?, depth: Int) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var inlines: [MarkdownInline] = []
        func flush() {
            let resolved = Self.trimmed(HTMLSubset.resolve(inlines, line: line))
            if !resolved.isEmpty { blocks.append(MarkdownBlock(.paragraph(resolved), line: line)) }
            inlines = []
        }
        while index < tokens.count {
            if let closing, impliesEnd(of: closing, tokens[index]) { break }
            let token = tokens[index]
            index += 1
            switch token {
            case .comment: continue
            case .text(let text): inlines += HTMLSubset.textInlines(text)
            case .tag(let tag):
                if tag.isEnd {
                    if tag.name == closing {
                        flush()
                        return blocks
                    }
                    if Self.blockTags.contains(tag.name) { flush() } else { inlines.append(.html(tag.raw)) }
                    continue
                }
                guard Self.blockTags.contains(tag.name), depth < HTMLSubset.maxNesting else {
                    inlines.append(.html(tag.raw))
                    continue
                }
                flush()
                blocks += block(tag, depth: depth)
            }
        }
        flush()
        return blocks
    }

    private mutating func block(_ tag: HTMLTokenizer.Tag, depth: Int) -> [MarkdownBlock] {
        if tag.isSelfClosing || tag.name == "hr" {
            return tag.name == "hr" ? [MarkdownBlock(.thematicBreak, line: line)] : []
        }
        switch tag.name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(String(tag.name.dropFirst())) ?? 1
            return [MarkdownBlock(.heading(level: level, readInlines(until: tag.name)), line: line)]
        case "summary":
            let summary = readInlines(until: "summary")
            return [MarkdownBlock(.paragraph([.strong([.text("▸ ")] + summary)]), line: line)]
        case "pre":
            return [MarkdownBlock(.code(info: "", literal: readPreformatted()), line: line)]
        case "blockquote":
            return [MarkdownBlock(.blockQuote(readBlocks(until: "blockquote", depth: depth + 1)), line: line)]
        case "ul", "ol":
            return [MarkdownBlock(.list(readList(tag, depth: depth)), line: line)]
        case "table":
            return readTable().map { [MarkdownBlock(.table($0), line: line)] } ?? []
        case "dt":
            let term = readInlines(until: "dt")
            return term.isEmpty ? [] : [MarkdownBlock(.paragraph([.strong(term)]), line: line)]
        default:
            return readBlocks(until: tag.name, depth: depth + 1)
        }
    }

    /// Whether `token` ends the element `name` whose end tag was left out.
    private func impliesEnd(of name: String, _ token: HTMLTokenizer.Token) -> Bool {
        guard case .tag(let tag) = token else { return false }
        switch name {
        case "li": return tag.isEnd ? tag.name == "ul" || tag.name == "ol" : tag.name == "li"
        case "td", "th": return ["td", "th", "tr"].contains(tag.name) || (tag.isEnd && tag.name == "table")
        case "tr": return (!tag.isEnd && tag.name == "tr") || (tag.isEnd && tag.name == "table")
        case "p": return !tag.isEnd && Self.blockTags.contains(tag.name)
        case "dt", "dd": return !tag.isEnd && (tag.name == "dt" || tag.name == "dd")
        default: return false
        }
    }

    /// Inlines up to the end tag `name`; block tags inside are dropped (their content kept).
    private mutating func readInlines(until name: String) -> [MarkdownInline] {
        var inlines: [MarkdownInline] = []
        while index < tokens.count {
            if impliesEnd(of: name, tokens[index]) { break }
            let token = tokens[index]
            index += 1
            switch token {
            case .comment: continue
            case .text(let text): inlines += HTMLSubset.textInlines(text)
            case .tag(let tag):
                if tag.isEnd, tag.name == name { return Self.trimmed(HTMLSubset.resolve(inlines, line: line)) }
                if Self.blockTags.contains(tag.name) {
                    if !inlines.isEmpty, tag.name != "span" { inlines.append(.text(" ")) }
                    continue
                }
                inlines.append(.html(tag.raw))
            }
        }
        return Self.trimmed(HTMLSubset.resolve(inlines, line: line))
    }

    /// The text of a `pre` element, as written (tags dropped, entities decoded), ending with a newline.
    private mutating func readPreformatted() -> String {
        var text = ""
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if case .text(let t) = token { text += HTMLSubset.decodeEntities(t) }
            if case .tag(let tag) = token, tag.isEnd, tag.name == "pre" { break }
        }
        if text.hasPrefix("\n") { text.removeFirst() } // HTML §13.2.6.4.7: a newline right after <pre> is dropped
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    private mutating func readList(_ tag: HTMLTokenizer.Tag, depth: Int) -> MarkdownList {
        var items: [MarkdownListItem] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard case .tag(let inner) = token else {
                if case .text(let t) = token, !t.allSatisfy(\.isWhitespace) {
                    let blocks = [MarkdownBlock(.paragraph(HTMLSubset.textInlines(t)), line: line)]
                    items.append(MarkdownListItem(blocks: blocks))
                }
                continue
            }
            if inner.isEnd, inner.name == tag.name { break }
            if !inner.isEnd, inner.name == "li" {
                items.append(MarkdownListItem(blocks: readBlocks(until: "li", depth: depth + 1)))
            }
        }
        let start = tag.name == "ol" ? Int(tag.attributes["start"] ?? "") ?? 1 : nil
        return MarkdownList(start: start, delimiter: tag.name == "ol" ? "." : "-", isTight: true, items: items)
    }

    /// A table's rows; the first row is the header (GitHub tables always have one).
    private mutating func readTable() -> MarkdownTable? {
        var rows: [[[MarkdownInline]]] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard case .tag(let tag) = token else { continue }
            if tag.isEnd, tag.name == "table" { break }
            if !tag.isEnd, tag.name == "tr" { rows.append([]) }
            if !tag.isEnd, tag.name == "td" || tag.name == "th" {
                if rows.isEmpty { rows.append([]) }
                rows[rows.count - 1].append(readInlines(until: tag.name))
            }
        }
        rows.removeAll { $0.isEmpty }
        guard !rows.isEmpty else { return nil }
        let columns = rows.map(\.count).max() ?? 0
        let padded = rows.map { $0 + Array(repeating: [], count: columns - $0.count) }
        return MarkdownTable(
            alignments: Array(repeating: .none, count: columns), header: padded[0], rows: Array(padded.dropFirst()))
    }

    /// Inlines without leading and trailing breaks and spaces.
    static func trimmed(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var out = inlines
        while let first = out.first, isBlank(first) { out.removeFirst() }
        while let last = out.last, isBlank(last) { out.removeLast() }
        if case .text(let t) = out.first { out[0] = .text(String(t.drop { $0 == " " })) }
        if case .text(let t) = out.last {
            var s = Substring(t)
            while s.last == " " { s = s.dropLast() }
            out[out.count - 1] = .text(String(s))
        }
        return out
    }

    private static func isBlank(_ inline: MarkdownInline) -> Bool {
        switch inline {
        case .softBreak, .hardBreak: return true
        case .text(let t): return t.allSatisfy { $0 == " " }
        default: return false
        }
    }
}
