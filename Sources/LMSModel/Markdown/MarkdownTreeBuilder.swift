/// Turns the parser's working trees into the public `MarkdownDocument`: parses the inlines of
/// each paragraph, heading and table cell, recognises GitHub task items and extended autolinks,
/// merges adjacent text, and flattens formatting nested past `MarkdownLimits.maxInlineDepth`.
struct MarkdownTreeBuilder {
    typealias C = MarkdownCharacters
    typealias BlockNode = MarkdownBlockNode
    typealias InlineNode = MarkdownInlineNode

    let options: MarkdownOptions
    let references: [String: MarkdownBlockParser.Reference]

    init(options: MarkdownOptions, references: [String: MarkdownBlockParser.Reference]) {
        self.options = options
        self.references = references
    }

    mutating func makeBlocks(_ nodes: [BlockNode]) -> [MarkdownBlock] {
        nodes.map { makeBlock($0) }
    }

    mutating func makeBlock(_ node: BlockNode) -> MarkdownBlock {
        let kind: MarkdownBlock.Kind
        switch node.kind {
        case .document:
            kind = .blockQuote(makeBlocks(node.children))
        case .blockQuote:
            kind = .blockQuote(makeBlocks(node.children))
        case .list:
            let items = node.children.map { item -> MarkdownListItem in
                var task: Bool?
                if options.gitHubExtensions, let first = item.children.first, first.kind == .paragraph {
                    task = readTaskMarker(first)
                }
                return MarkdownListItem(task: task, blocks: makeBlocks(item.children))
            }
            let data = node.list
            kind = .list(
                MarkdownList(
                    start: data.isOrdered ? data.start : nil, delimiter: Character(Unicode.Scalar(data.delimiter)),
                    isTight: data.isTight, items: items))
        case .item:
            kind = .blockQuote(makeBlocks(node.children))
        case .paragraph:
            kind = .paragraph(makeInlines(node.content, line: node.startLine))
        case .heading:
            kind = .heading(level: node.level, makeInlines(node.content, line: node.startLine))
        case .thematicBreak:
            kind = .thematicBreak
        case .code:
            kind = .code(
                info: node.isFenced ? node.info ?? "" : nil, literal: String(decoding: node.content, as: UTF8.self))
        case .html:
            kind = .html(String(decoding: node.content, as: UTF8.self))
        case .table:
            kind = .table(makeTable(node))
        }
        return MarkdownBlock(kind, line: node.startLine)
    }

    /// GitHub task list items: a first paragraph starting `[ ]`, `[x]` or `[X]` and whitespace.
    private func readTaskMarker(_ paragraph: BlockNode) -> Bool? {
        let c = paragraph.content
        guard c.count >= 4, c[0] == UInt8(ascii: "["), c[2] == UInt8(ascii: "]"), C.isWhitespace(c[3]) else {
            return nil
        }
        let checked: Bool
        switch c[1] {
        case C.space: checked = false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): checked = true
        default: return nil
        }
        guard !C.isBlank(c, from: 3) else { return nil }
        paragraph.content = Array(c[4...])
        return checked
    }

    private func makeTable(_ node: BlockNode) -> MarkdownTable {
        let columns = node.alignments.count
        var rows: [[[MarkdownInline]]] = []
        for (cells, line) in node.rows {
            var row: [[MarkdownInline]] = []
            for column in 0..<columns {
                row.append(column < cells.count ? makeInlines(cells[column], line: line) : [])
            }
            rows.append(row)
        }
        let header = rows.isEmpty ? [] : rows.removeFirst()
        return MarkdownTable(alignments: node.alignments, header: header, rows: rows)
    }

    // MARK: - Inlines

    func makeInlines(_ content: [UInt8], line: Int) -> [MarkdownInline] {
        var begin = 0
        var end = content.count
        while begin < end, C.isWhitespace(content[begin]) { begin += 1 }
        while end > begin, C.isWhitespace(content[end - 1]) { end -= 1 }
        guard begin < end else { return [] }
        var firstLine = line
        for b in content[..<begin] where b == C.newline { firstLine += 1 }
        var parser = MarkdownInlineParser(
            Array(content[begin..<end]), line: firstLine, references: references,
            gitHubExtensions: options.gitHubExtensions)
        let root = parser.parse()
        // The parser's arena owns the nodes: keep it until the tree is converted.
        return withExtendedLifetime(parser.arena) {
            convertChildren(of: root, depth: 0, inLink: false)
        }
    }

    /// Inlines being collected: adjacent text is merged before it is added.
    private struct Collector {
        var result: [MarkdownInline] = []
        var text: [UInt8] = []
        var textLine = 0
        let autolinks: Bool

        mutating func appendText(_ bytes: [UInt8], line: Int) {
            if text.isEmpty { textLine = line }
            text.append(contentsOf: bytes)
        }

        mutating func append(_ inline: MarkdownInline) {
            flush()
            result.append(inline)
        }

        mutating func flush() {
            guard !text.isEmpty else { return }
            if autolinks {
                result.append(contentsOf: MarkdownAutolinks.split(text, line: textLine))
            } else {
                result.append(.text(String(decoding: text, as: UTF8.self)))
            }
            text.removeAll(keepingCapacity: true)
        }
    }

    private func convertChildren(of node: InlineNode, depth: Int, inLink: Bool) -> [MarkdownInline] {
        var collector = Collector(autolinks: options.gitHubExtensions && !inLink)
        var child = node.firstChild
        while let current = child {
            child = current.next
            convert(current, depth: depth, inLink: inLink, into: &collector)
        }
        collector.flush()
        return collector.result
    }

    private func convert(_ node: InlineNode, depth: Int, inLink: Bool, into collector: inout Collector) {
        switch node.kind {
        case .text:
            collector.appendText(node.literal, line: node.line)
        case .softBreak: collector.append(.softBreak)
        case .hardBreak: collector.append(.hardBreak)
        case .code: collector.append(.code(String(decoding: node.literal, as: UTF8.self)))
        case .html: collector.append(.html(String(decoding: node.literal, as: UTF8.self)))
        case .emphasis, .strong, .strikethrough, .link, .image:
            guard depth < MarkdownLimits.maxInlineDepth else {
                // Too deep: keep the text, drop the formatting, without recursing further.
                collector.appendText(Self.flattenedText(node), line: node.line)
                return
            }
            let isLink = node.kind == .link || node.kind == .image
            let children = convertChildren(of: node, depth: depth + 1, inLink: inLink || isLink)
            switch node.kind {
            case .emphasis: collector.append(.emphasis(children))
            case .strong: collector.append(.strong(children))
            case .strikethrough: collector.append(.strikethrough(children))
            case .link:
                collector.append(
                    .link(
                        MarkdownLink(
                            destination: node.destination, title: node.title, children: children, line: node.line)))
            default:
                collector.append(
                    .image(MarkdownImage(source: node.destination, title: node.title, alt: children, line: node.line)))
            }
        }
    }

    /// The text of a subtree, iteratively (no recursion on hostile depth).
    private static func flattenedText(_ node: InlineNode) -> [UInt8] {
        var stack: [InlineNode] = [node]
        var text: [UInt8] = []
        while let current = stack.popLast() {
            switch current.kind {
            case .text, .code: text.append(contentsOf: current.literal)
            case .softBreak, .hardBreak: text.append(C.space)
            default: break
            }
            var children: [InlineNode] = []
            var child = current.firstChild
            while let c = child {
                children.append(c)
                child = c.next
            }
            stack.append(contentsOf: children.reversed())
        }
        return text
    }
}
