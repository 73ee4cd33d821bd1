import LMSModel

/// One row of the study app's screen: text, its styled stretches, and whether the whole row is
/// drawn in reverse video (the selected row).
struct ScreenLine: Sendable, Equatable {
    /// The visible text (sanitised: no escape sequences).
    var text: String
    /// Styled stretches, as Character offsets in `text`.
    var spans: [TerminalSpan]
    /// Whether the row is selected (reverse video across the whole width).
    var selected: Bool
    /// Characters drawn in reverse video (a focused link, a search match); other styles of the
    /// row give way to it.
    var highlight: Range<Int>?

    /// A line in one style (or none).
    init(_ text: String, style: TerminalStyle = [], selected: Bool = false) {
        self.text = text
        let count = text.count
        spans = style.isEmpty || count == 0 ? [] : [TerminalSpan(0..<count, style)]
        self.selected = selected
    }

    /// A line of a rendered page.
    init(_ line: TerminalLine, selected: Bool = false) {
        text = line.text
        spans = line.spans
        self.selected = selected
    }

    /// The line cut to `width` display columns (a cut line ends with `…`), padded with spaces
    /// when selected so that the highlight spans the row.
    func fitted(to width: Int) -> ScreenLine {
        guard width > 0 else { return ScreenLine("") }
        var columns = 0
        var kept = 0
        var cut = false
        let total = DisplayWidth.of(text)
        if total > width {
            for character in text {
                let w = DisplayWidth.of(character)
                if columns + w > width - 1 { break }
                columns += w
                kept += 1
            }
            cut = true
        } else {
            columns = total
            kept = text.count
        }
        var out = self
        if cut, let range = highlight {
            out.highlight = range.lowerBound < kept ? range.lowerBound..<min(range.upperBound, kept) : nil
        }
        if cut {
            out.text = String(text.prefix(kept)) + "…"
            columns += 1
            out.spans = spans.compactMap { span in
                let upper = min(span.range.upperBound, kept)
                return span.range.lowerBound < upper ? TerminalSpan(span.range.lowerBound..<upper, span.style) : nil
            }
        }
        if selected, columns < width { out.text += String(repeating: " ", count: width - columns) }
        return out
    }

    /// The line as terminal output: SGR styles when `color` is on; the selected row is reverse
    /// video even without colour (it is not a colour, and a cursor must show).
    func rendered(color: Bool) -> String {
        if let range = highlight, !selected, range.upperBound <= text.count {
            let characters = Array(text)
            return String(characters[..<range.lowerBound]) + "\u{1B}[7m" + String(characters[range])
                + "\u{1B}[27m" + String(characters[range.upperBound...])
        }
        let body = TerminalLine(text, spans: spans).text(color: color)
        guard selected else { return body }
        // Styles inside end with SGR 0; switch reverse on again after each.
        return "\u{1B}[7m" + body.replacingOccurrences(of: "\u{1B}[0m", with: "\u{1B}[0;7m") + "\u{1B}[0m"
    }
}
