extension MarkdownBlockParser {
    /// GitHub tables: a header row (the paragraph's last line), a delimiter row (this line) with
    /// as many cells, then body rows until a blank line or another block starts.
    mutating func startTable(_ paragraph: Node) -> Bool {
        let delimiterCells = Self.splitRow(line, from: nextNonspace)
        guard !delimiterCells.isEmpty else { return false }
        var alignments: [MarkdownTable.Alignment] = []
        for cell in delimiterCells {
            guard let alignment = Self.alignment(of: cell) else { return false }
            alignments.append(alignment)
        }
        let content = paragraph.content
        var headerStart = content.count - 1
        while headerStart > 0, content[headerStart - 1] != C.newline { headerStart -= 1 }
        let headerLine = Array(content[headerStart..<(content.count - 1)])
        guard line[nextNonspace...].contains(UInt8(ascii: "|")) || headerLine.contains(UInt8(ascii: "|")) else {
            return false
        }
        let header = Self.splitRow(headerLine, from: 0)
        guard header.count == delimiterCells.count else { return false }

        closeUnmatchedBlocks()
        let table: Node
        if headerStart > 0 {
            paragraph.content = Array(content[..<headerStart])
            finalize(paragraph, endLine: currentLine - 2)
            table = addChild(.table)
            table.startLine = currentLine - 1
        } else {
            table = Node(.table, line: paragraph.startLine, depth: paragraph.depth)
            paragraph.replace(with: table)
            tip = table
        }
        table.alignments = alignments
        table.rows = [(header, currentLine - 1)]
        advanceOffset(line.count - offset, columns: false)
        return true
    }

    mutating func addTableRow(_ table: Node) {
        guard offset < line.count else { return }
        table.rows.append((Self.splitRow(line, from: offset), currentLine))
        table.endLine = currentLine
    }

    /// A delimiter cell `:?-+:?`: its alignment, or nil.
    static func alignment(of cell: [UInt8]) -> MarkdownTable.Alignment? {
        guard !cell.isEmpty else { return nil }
        let left = cell.first == UInt8(ascii: ":")
        let right = cell.count > 1 && cell.last == UInt8(ascii: ":")
        let dashes = cell[(left ? 1 : 0)..<(cell.count - (right ? 1 : 0))]
        guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
        switch (left, right) {
        case (true, true): return .center
        case (true, false): return .left
        case (false, true): return .right
        case (false, false): return MarkdownTable.Alignment.none
        }
    }

    /// Splits a row at unescaped `|` (an optional leading and trailing one dropped); cells are
    /// trimmed and `\|` becomes `|`, even inside code spans, as GitHub does.
    static func splitRow(_ s: [UInt8], from start: Int) -> [[UInt8]] {
        var begin = start
        var end = s.count
        while begin < end, C.isWhitespace(s[begin]) { begin += 1 }
        while end > begin, C.isWhitespace(s[end - 1]) { end -= 1 }
        if begin < end, s[begin] == UInt8(ascii: "|") { begin += 1 }
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var endedWithPipe = false
        var i = begin
        while i < end {
            let b = s[i]
            endedWithPipe = false
            if b == UInt8(ascii: "\\"), i + 1 < end {
                if s[i + 1] != UInt8(ascii: "|") { cell.append(b) }
                cell.append(s[i + 1])
                i += 2
                continue
            }
            if b == UInt8(ascii: "|") {
                cells.append(trim(cell))
                cell.removeAll(keepingCapacity: true)
                endedWithPipe = true
            } else {
                cell.append(b)
            }
            i += 1
        }
        if !endedWithPipe || begin >= end { cells.append(trim(cell)) }
        if begin >= end, start < s.count, s[start...].allSatisfy(C.isWhitespace) { return [] }
        return cells
    }

    private static func trim(_ cell: [UInt8]) -> [UInt8] {
        var begin = 0
        var end = cell.count
        while begin < end, C.isWhitespace(cell[begin]) { begin += 1 }
        while end > begin, C.isWhitespace(cell[end - 1]) { end -= 1 }
        return Array(cell[begin..<end])
    }
}
