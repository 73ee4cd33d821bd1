extension MarkdownBlockParser {
    /// Closes `block`: its last line is `endLine`; paragraphs give up their link reference
    /// definitions, code blocks take their info string, lists learn whether they are tight.
    mutating func finalize(_ block: Node, endLine: Int) {
        block.isOpen = false
        block.endLine = max(endLine, block.startLine)
        switch block.kind {
        case .paragraph:
            extractReferenceDefinitions(block)
            if block.content.isEmpty { block.removeFromParent() }
        case .code:
            finalizeCode(block)
        case .item:
            block.endLine = block.lastChild?.endLine ?? block.startLine
        case .list:
            finalizeList(block)
        default:
            break
        }
        tip = block.parent ?? document
    }

    /// §4.7: link reference definitions at the start of a paragraph are taken out of it.
    mutating func extractReferenceDefinitions(_ paragraph: Node) {
        var start = 0
        let content = paragraph.content
        while start < content.count, content[start] == UInt8(ascii: "["),
            let (label, reference, end) = MarkdownLinkScanner.scanReferenceDefinition(content, start)
        {
            if references[label] == nil { references[label] = reference }
            for i in start..<end where content[i] == C.newline { paragraph.startLine += 1 }
            start = end
        }
        guard start > 0 else { return }
        paragraph.content = C.isBlank(content, from: start) ? [] : Array(content[start...])
    }

    private mutating func finalizeCode(_ block: Node) {
        if block.isFenced {
            let content = block.content
            let newline = content.firstIndex(of: C.newline) ?? content.count
            var first = 0
            var last = newline
            while first < last, C.isWhitespace(content[first]) { first += 1 }
            while last > first, C.isWhitespace(content[last - 1]) { last -= 1 }
            block.info = MarkdownScanner.unescape(content[first..<last])
            block.content = newline < content.count ? Array(content[(newline + 1)...]) : []
        } else {
            // §4.4: trailing blank lines are not part of an indented code block.
            var content = block.content
            while let lastLineStart = lastLineStart(content), C.isBlank(content, from: lastLineStart) {
                content.removeSubrange(lastLineStart...)
            }
            block.content = content
        }
    }

    /// Where the last line (ending in `\n`) of `content` starts, or nil if there is none.
    private mutating func lastLineStart(_ content: [UInt8]) -> Int? {
        guard !content.isEmpty else { return nil }
        var i = content.count - 1
        while i > 0, content[i - 1] != C.newline { i -= 1 }
        return i
    }

    /// §5.3: a list is loose if blank lines separate any of its items or any two blocks in an item.
    private mutating func finalizeList(_ list: Node) {
        let items = list.children
        outer: for (index, item) in items.enumerated() {
            if index + 1 < items.count, item.endLine < items[index + 1].startLine - 1 {
                list.list.isTight = false
                break
            }
            let blocks = item.children
            for k in blocks.indices.dropLast() where blocks[k].endLine < blocks[k + 1].startLine - 1 {
                list.list.isTight = false
                break outer
            }
        }
        list.endLine = list.lastChild?.endLine ?? list.startLine
    }
}
