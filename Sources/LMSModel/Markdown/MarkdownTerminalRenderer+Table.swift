/// Tables: columns fitted to the width by wrapping cells; one record per row when they cannot fit.
extension MarkdownTerminalRenderer {
    /// A column is not narrowed below its longest word or this many columns, whichever is less.
    static let tableColumnFloor = 12
    /// Nor below this many columns (a column of one-letter words still gets room to read).
    static let tableColumnMinimum = 4
    /// What goes between two columns.
    static let tableSeparator = " │ "

    func table(_ table: MarkdownTable, width: Int) -> TerminalFragment {
        let columns = table.header.count
        guard columns > 0 else { return TerminalFragment() }
        let header = table.header.map { cell(HTMLSubset.resolve($0), style: .bold) }
        let rows = table.rows.map { row in
            (0..<columns).map { cell(HTMLSubset.resolve(row[safe: $0] ?? []), style: []) }
        }
        guard let widths = columnWidths(header: header, rows: rows, width: width) else {
            return records(table, width: width)
        }
        let headerLines = row(header, widths: widths, alignments: table.alignments)
        let bodyLines = rows.map { row($0, widths: widths, alignments: table.alignments) }
        let ruled = headerLines.lines.count > 1 || bodyLines.contains { $0.lines.count > 1 }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        let ruleLine = TerminalLine(rule, spans: [TerminalSpan(0..<rule.count, .dim)])
        var out = headerLines
        out.lines.append(ruleLine)
        for (index, body) in bodyLines.enumerated() {
            // When cells wrap, a rule between rows shows where each row ends.
            if ruled, index > 0 { out.lines.append(ruleLine) }
            out.append(body)
        }
        return out
    }

    /// A cell's inlines, ready to lay out at any width.
    private func cell(_ inlines: [MarkdownInline], style: TerminalStyle) -> InlineLayout {
        var layout = InlineLayout()
        add(inlines, style: style, to: &layout)
        layout.finishWord()
        return layout
    }

    /// The width of each column, or nil when the table cannot fit without breaking words badly.
    private func columnWidths(header: [InlineLayout], rows: [[InlineLayout]], width: Int) -> [Int]? {
        let columns = header.count
        var natural = Array(repeating: 1, count: columns)
        var floor = Array(repeating: 1, count: columns)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() {
                natural[index] = max(natural[index], cell.naturalWidth)
                floor[index] = max(floor[index], min(cell.longestWord, Self.tableColumnFloor))
            }
        }
        for index in floor.indices {
            floor[index] = min(natural[index], max(floor[index], Self.tableColumnMinimum))
        }
        let available = width - (columns - 1) * Self.tableSeparator.count
        if natural.reduce(0, +) <= available { return natural }
        if floor.reduce(0, +) > available { return nil }
        // The widest columns give way first: find the largest cap that fits.
        func total(_ cap: Int) -> Int { (0..<columns).reduce(0) { $0 + max(floor[$1], min(natural[$1], cap)) } }
        var low = 1
        var high = natural.max() ?? 1
        while low < high {
            let mid = (low + high + 1) / 2
            if total(mid) <= available { low = mid } else { high = mid - 1 }
        }
        var widths = (0..<columns).map { max(floor[$0], min(natural[$0], low)) }
        var spare = available - widths.reduce(0, +)
        for index in widths.indices where spare > 0 && widths[index] < natural[index] {
            widths[index] += 1
            spare -= 1
        }
        return widths
    }

    /// One row's cells wrapped to their columns and set side by side.
    private func row(_ cells: [InlineLayout], widths: [Int], alignments: [MarkdownTable.Alignment]) -> TerminalFragment
    {
        let laidOut = cells.enumerated().map { index, cell -> TerminalFragment in
            var layout = cell
            return layout.lines(width: widths[index])
        }
        let height = laidOut.map(\.lines.count).max() ?? 1
        var out = TerminalFragment()
        for lineIndex in 0..<height {
            var text = ""
            var spans: [TerminalSpan] = []
            var position = 0
            for (column, fragment) in laidOut.enumerated() {
                if column > 0 {
                    text += Self.tableSeparator
                    spans.append(TerminalSpan((position + 1)..<(position + 2), .dim))
                    position += Self.tableSeparator.count
                }
                let line = fragment.lines[safe: lineIndex] ?? TerminalLine("")
                let slack = max(0, widths[column] - DisplayWidth.of(line.text))
                let alignment = alignments[safe: column] ?? .none
                let before = alignment == .right ? slack : alignment == .center ? slack / 2 : 0
                text +=
                    String(repeating: " ", count: before) + line.text + String(repeating: " ", count: slack - before)
                let start = position + before
                spans += line.spans.map {
                    TerminalSpan(($0.range.lowerBound + start)..<($0.range.upperBound + start), $0.style)
                }
                for link in fragment.links where link.line == lineIndex {
                    var moved = link
                    moved.line = out.lines.count
                    moved.columns = (link.columns.lowerBound + start)..<(link.columns.upperBound + start)
                    out.links.append(moved)
                }
                position += before + line.text.count + slack - before
            }
            out.lines.append(TerminalLine(TerminalFragment.trimmingTrailingSpaces(text), spans: spans))
        }
        return out
    }

    /// The table as one record per row: `Header: value` lines, a blank line between rows.
    private func records(_ table: MarkdownTable, width: Int) -> TerminalFragment {
        var out = TerminalFragment()
        let headers = table.header.map { HTMLInlineResolver.plainText(HTMLSubset.resolve($0)) }
        for row in table.rows {
            out.appendBlankLine()
            for (index, header) in headers.enumerated() {
                var layout = InlineLayout()
                if !header.isEmpty { layout.add(header + ":", style: .bold) }
                layout.addSpace()
                add(HTMLSubset.resolve(row[safe: index] ?? []), style: [], to: &layout)
                out.append(layout.lines(width: width - 2).prefixed(first: "", rest: "  "))
            }
        }
        return out
    }
}

extension InlineLayout {
    /// The width of the text on one line.
    var naturalWidth: Int {
        var total = 0
        var best = 0
        var pendingSpace = false
        for token in tokens {
            switch token {
            case .space: pendingSpace = total > 0
            case .lineBreak:
                best = max(best, total)
                total = 0
                pendingSpace = false
            case .word(let word):
                total += word.width + (pendingSpace ? 1 : 0)
                pendingSpace = false
            }
        }
        return max(best, total)
    }

    /// The width of the longest word.
    var longestWord: Int {
        tokens.reduce(0) { best, token in
            if case .word(let word) = token { return max(best, word.width) }
            return best
        }
    }
}

extension Array {
    /// The element at `index`, or nil past the end.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
