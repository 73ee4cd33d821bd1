/// Lists: markers, numbering and hanging indents.
extension MarkdownTerminalRenderer {
    /// Bullets by nesting level.
    static let bullets = ["•", "◦", "▪"]

    func list(_ list: MarkdownList, context: Context) -> TerminalFragment {
        // CommonMark §5.3: an ordered list counts up from its start number, whatever the source
        // wrote on later items.
        let markers: [String] = list.items.indices.map { index in
            guard let start = list.start else {
                return Self.bullets[context.listDepth % Self.bullets.count]
            }
            let (number, overflow) = start.addingReportingOverflow(index)
            return (overflow ? String(start) : String(number)) + String(list.delimiter)
        }
        let markerWidth = markers.map(\.count).max() ?? 1
        let indent = context.listDepth == 0 ? 2 : 0
        var out = TerminalFragment()
        for (index, item) in list.items.enumerated() {
            // Numbers are right-aligned so that the items' text lines up: " 9." above "10.".
            var marker = String(repeating: " ", count: markerWidth - markers[index].count) + markers[index]
            if let checked = item.task { marker += checked ? " [x]" : " [ ]" }
            var first = String(repeating: " ", count: indent) + marker + " "
            var inner = context
            inner.tight = list.isTight
            inner.listDepth += 1
            inner.depth += 1
            inner.width = context.width - first.count
            var ownLine = false
            if inner.width < Self.minimumContentWidth || context.depth >= Self.maxIndentedNesting {
                // Too deep to indent further: the marker gets its own line, the content the full width.
                first = Self.trimmedMarker(first)
                inner.width = context.width
                ownLine = true
            }
            var content = blocks(item.blocks, context: inner)
            if ownLine {
                content.lines.insert(TerminalLine(first, spans: []), at: 0)
                content.links = content.links.map { link in
                    var moved = link
                    moved.line += 1
                    return moved
                }
                content.headings = content.headings.map { ($0.slug, $0.line + 1) }
            } else if content.isEmpty {
                content.lines = [TerminalLine(Self.trimmedMarker(first))]
            } else {
                content = content.prefixed(first: first, rest: String(repeating: " ", count: first.count))
            }
            if !list.isTight { out.appendBlankLine() }
            out.append(content)
        }
        return out
    }

    static func trimmedMarker(_ marker: String) -> String {
        TerminalFragment.trimmingTrailingSpaces(marker)
    }
}
