import LMSModel

/// Long list lines folded at spaces for a narrow terminal, continuation lines indented under the
/// first word after the leading spaces, so nothing is cut mid-word. A word longer than the width
/// stays whole on its own line (the terminal folds it; ids must not be broken by a hyphen).
enum LineWrap {
    /// `line` folded to at most `width` display columns; continuation lines start with `indent` spaces.
    static func fold(_ line: String, width: Int, indent: Int) -> [String] {
        guard DisplayWidth.of(line) > width, width > indent + 8 else { return [line] }
        let lead = String(line.prefix { $0 == " " })
        let words = line.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false)
        var lines: [String] = []
        var current = lead
        var currentWidth = DisplayWidth.of(lead)
        let pad = String(repeating: " ", count: indent)
        for word in words {
            let w = DisplayWidth.of(word)
            let starting = current == lead || current == pad
            if !starting, currentWidth + 1 + w > width {
                lines.append(current)
                current = pad + word
                currentWidth = indent + w
            } else {
                current += (starting ? "" : " ") + word
                currentWidth += (starting ? 0 : 1) + w
            }
        }
        lines.append(current)
        return lines
    }
}

extension Console {
    /// Writes a list line, folded at spaces to `width` on a terminal (whole off a terminal, for scripts).
    func outFolded(_ line: String, width: Int, indent: Int) {
        guard isTerminal else { return out(line) }
        for part in LineWrap.fold(line, width: width, indent: indent) { out(part) }
    }
}
