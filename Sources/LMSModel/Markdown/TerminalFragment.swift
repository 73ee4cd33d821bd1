/// Lines laid out for one block (or a run of blocks) before they are placed in their container:
/// the terminal renderer lays a list item's blocks out at the item's width, then indents them
/// under the marker, shifting spans and link columns with them.
struct TerminalFragment {
    /// The lines.
    var lines: [TerminalLine] = []
    /// Links and images, with line indexes into `lines`.
    var links: [TerminalPageLink] = []
    /// Headings drawn: their slug as computed (before duplicates are numbered) and line index.
    var headings: [(slug: String, line: Int)] = []

    /// Whether there is no line.
    var isEmpty: Bool { lines.isEmpty }

    /// Appends `other` below these lines.
    mutating func append(_ other: TerminalFragment) {
        let offset = lines.count
        lines += other.lines
        for var link in other.links {
            link.line += offset
            links.append(link)
        }
        for heading in other.headings { headings.append((heading.slug, heading.line + offset)) }
    }

    /// Appends an empty line, unless the last line is already empty (or there is none).
    mutating func appendBlankLine() {
        if let last = lines.last, !last.text.isEmpty { lines.append(TerminalLine("")) }
    }

    /// The lines with `first` before the first line and `rest` before the others; `style`
    /// styles the prefixes (a quote's bar). A prefix before an empty line loses its trailing
    /// spaces, so no line ends in blanks.
    func prefixed(first: String, rest: String, style: TerminalStyle = []) -> TerminalFragment {
        var out = self
        let firstCount = first.count
        let restCount = rest.count
        let trimmedFirst = Self.trimmingTrailingSpaces(first)
        let trimmedRest = Self.trimmingTrailingSpaces(rest)
        for index in out.lines.indices {
            let isFirst = index == 0
            var line = out.lines[index]
            let prefix: String
            if line.text.isEmpty {
                prefix = isFirst ? trimmedFirst : trimmedRest
            } else {
                prefix = isFirst ? first : rest
            }
            let shift = line.text.isEmpty ? 0 : (isFirst ? firstCount : restCount)
            var spans = line.spans.map {
                TerminalSpan(($0.range.lowerBound + shift)..<($0.range.upperBound + shift), $0.style)
            }
            let visible = Self.trimmingLeadingSpaces(prefix)
            if !style.isEmpty, !visible.isEmpty {
                let start = prefix.count - visible.count
                let end = start + Self.trimmingTrailingSpaces(visible).count
                spans.insert(TerminalSpan(start..<end, style), at: 0)
            }
            line = TerminalLine(prefix + line.text, spans: spans)
            out.lines[index] = line
        }
        for index in out.links.indices {
            let shift = out.links[index].line == 0 ? firstCount : restCount
            let columns = out.links[index].columns
            out.links[index].columns = (columns.lowerBound + shift)..<(columns.upperBound + shift)
        }
        return out
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        guard text.utf8.last == 0x20 else { return text }
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x20 { end = utf8.index(before: end) }
        return String(text[..<end])
    }

    static func trimmingLeadingSpaces(_ text: String) -> String {
        String(text.drop { $0 == " " })
    }
}
