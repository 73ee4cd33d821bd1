import LMSModel

/// What is on the terminal, row by row, so that a new frame rewrites only the rows that
/// changed (as curses does, one row at a time): a keypress that moves a cursor rewrites two
/// rows, not the screen. Pure: it makes the bytes, the terminal layer writes them.
struct ScreenBuffer: Sendable {
    private var rows: [String] = []
    private var width = 0
    private var height = 0

    /// Forgets what is on screen: the next frame is drawn whole (after a resize, a suspend,
    /// or an editor that drew over it).
    mutating func invalidate() {
        rows = []
    }

    /// The output that turns the screen into `lines` (fitted to `width` × `height`; missing
    /// rows are blank). Each changed row: CUP to its start, the text, EL to erase the rest.
    mutating func frame(_ lines: [ScreenLine], width: Int, height: Int, color: Bool) -> String {
        var output = ""
        if width != self.width || height != self.height || rows.count != height {
            rows = Array(repeating: "\u{0}", count: height)
            self.width = width
            self.height = height
            output += "\u{1B}[0m\u{1B}[2J"
        }
        for row in 0..<height {
            let line = row < lines.count ? lines[row].fitted(to: width) : ScreenLine("")
            let text = line.rendered(color: color)
            if rows[row] != text {
                // With autowrap off the cursor stays on the last column after filling it, so an
                // erase there would wipe the last character: a full row needs none.
                let erase = DisplayWidth.of(line.text) < width ? "\u{1B}[K" : ""
                output += "\u{1B}[\(row + 1);1H" + text + "\u{1B}[0m" + erase
                rows[row] = text
            }
        }
        return output
    }
}
