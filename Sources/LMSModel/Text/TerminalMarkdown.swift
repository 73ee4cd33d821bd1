/// Renders lesson Markdown for a terminal: a pure function from text to lines of at most
/// `width` visible characters (code blocks and tables excepted: they are never re-wrapped).
///
/// Supported: ATX headings, paragraphs (wrapped), `**strong**`/`*emphasis*` (ANSI bold and
/// italic when colour is on, plain text otherwise), `` `code` ``, bullet and numbered lists
/// (nested by indentation), block quotes, rules, fenced and indented code blocks (indented,
/// not wrapped), pipe tables (aligned, shrunk to the width), links as `text <url>`, and
/// images and media as `[image: alt] → /absolute/path` that the student can open.
public struct TerminalMarkdown: Sendable {
    /// The width to wrap to, in characters.
    public var width: Int
    /// Whether to emit ANSI styles.
    public var color: Bool
    /// Turns a link or image target as written in the lesson into what to show (an absolute path).
    public var resolve: @Sendable (String) -> String

    /// The narrowest width rendered (narrower terminals get this width).
    public static let minimumWidth = 20
    /// The widest width rendered (wider terminals keep lines readable).
    public static let maximumWidth = 100

    /// Makes a renderer.
    public init(width: Int, color: Bool, resolve: @escaping @Sendable (String) -> String = { $0 }) {
        self.width = min(Self.maximumWidth, max(Self.minimumWidth, width))
        self.color = color
        self.resolve = resolve
    }

    /// The lines of `markdown`.
    public func render(_ markdown: String) -> [String] {
        var out: [String] = []
        // A teacher's package is not trusted with the terminal: its controls are shown, not obeyed.
        let lines = TerminalText.sanitize(markdown).split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0).replacingTabs()
        }
        var i = 0
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += wrap(inline(paragraph.joined(separator: " ")), indent: "", hanging: "")
            out.append("")
            paragraph = []
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingLeadingSpaces()
            if trimmed.isEmpty {
                flushParagraph()
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(trimmed.prefix(3))
                i += 1
                while i < lines.count, !lines[i].trimmingLeadingSpaces().hasPrefix(fence) {
                    out.append("    " + style(lines[i], "2"))
                    i += 1
                }
                i += 1
                out.append("")
                continue
            }
            if paragraph.isEmpty, line.hasPrefix("    ") {
                while i < lines.count, lines[i].hasPrefix("    ") || lines[i].isEmpty {
                    out.append("    " + style(String(lines[i].dropFirst(min(4, lines[i].count))), "2"))
                    i += 1
                }
                while out.last == "    " || out.last == "    " + style("", "2") { out.removeLast() }
                out.append("")
                continue
            }
            if let (level, text) = heading(trimmed) {
                flushParagraph()
                out += headingLines(level, text)
                i += 1
                continue
            }
            if isRule(trimmed) {
                flushParagraph()
                out.append(String(repeating: "─", count: min(width, 40)))
                out.append("")
                i += 1
                continue
            }
            if trimmed.hasPrefix("|"), i + 1 < lines.count, isTableSeparator(lines[i + 1]) {
                flushParagraph()
                var rows: [[String]] = [cells(trimmed)]
                i += 2
                while i < lines.count, lines[i].trimmingLeadingSpaces().hasPrefix("|") {
                    rows.append(cells(lines[i].trimmingLeadingSpaces()))
                    i += 1
                }
                out += table(rows)
                out.append("")
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingLeadingSpaces().hasPrefix(">") {
                    quoted.append(String(lines[i].trimmingLeadingSpaces().dropFirst()).trimmingLeadingSpaces())
                    i += 1
                }
                out += wrap(inline(quoted.joined(separator: " ")), indent: "│ ", hanging: "│ ")
                out.append("")
                continue
            }
            if let item = listItem(line) {
                flushParagraph()
                var text = item.text
                i += 1
                // Continuation lines of the item (indented, not a new item).
                while i < lines.count, !lines[i].trimmingLeadingSpaces().isEmpty, listItem(lines[i]) == nil,
                    lines[i].hasPrefix("  ")
                {
                    text += " " + lines[i].trimmingLeadingSpaces()
                    i += 1
                }
                let pad = String(repeating: "  ", count: item.depth + 1)
                let marker = pad + item.marker + " "
                out += wrap(inline(text), indent: marker, hanging: String(repeating: " ", count: marker.count))
                if i >= lines.count || listItem(lines[i]) == nil { out.append("") }
                continue
            }
            paragraph.append(trimmed)
            i += 1
        }
        flushParagraph()
        while out.last == "" { out.removeLast() }
        return out
    }

    // MARK: - Blocks

    func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest).trimmingSet(" #"))
    }

    func headingLines(_ level: Int, _ text: String) -> [String] {
        let plain = inline(text).map(\.plain).joined(separator: " ")
        if color {
            return [style(plain, level == 1 ? "1;4" : "1"), ""]
        }
        switch level {
        case 1: return [plain, String(repeating: "=", count: min(width, plain.count)), ""]
        case 2: return [plain, String(repeating: "-", count: min(width, plain.count)), ""]
        default: return [plain, ""]
        }
    }

    func isRule(_ line: String) -> Bool {
        let chars = line.filter { $0 != " " }
        return chars.count >= 3 && (Set(chars) == ["-"] || Set(chars) == ["*"] || Set(chars) == ["_"])
    }

    func listItem(_ line: String) -> (depth: Int, marker: String, text: String)? {
        let spaces = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(spaces)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (spaces / 2, "•", String(rest.dropFirst(2)).trimmingLeadingSpaces())
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let dot = after.first, dot == "." || dot == ")", after.dropFirst().first == " " else { return nil }
        return (spaces / 2, digits + ".", String(after.dropFirst(2)).trimmingLeadingSpaces())
    }

    // MARK: - Tables

    func isTableSeparator(_ line: String) -> Bool {
        let t = line.trimmingLeadingSpaces()
        return t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    func cells(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map {
            inline(String($0).trimmingSet(" ")).map(\.plain).joined(separator: " ")
        }
    }

    func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return [] }
        var widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        let separators = (columns - 1) * 3
        // Shrink the widest column until the table fits (never below 3 characters).
        while widths.reduce(0, +) + separators > width,
            let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 3
        {
            widths[widest] -= 1
        }
        func line(_ row: [String]) -> String {
            (0..<columns).map { c -> String in
                let cell = c < row.count ? row[c] : ""
                let fitted = cell.count > widths[c] ? String(cell.prefix(widths[c] - 1)) + "…" : cell
                return fitted + String(repeating: " ", count: widths[c] - fitted.count)
            }.joined(separator: " │ ").trimmingTrailingSpaces()
        }
        var out = [color ? style(line(rows[0]), "1") : line(rows[0])]
        out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"))
        out += rows.dropFirst().map(line)
        return out
    }

    // MARK: - Wrapping

    func wrap(_ words: [Word], indent: String, hanging: String) -> [String] {
        var lines: [String] = []
        var current = indent
        var visible = indent.count
        var empty = true
        for word in words {
            let needed = word.plain.count + (empty ? 0 : 1)
            if !empty, visible + needed > width {
                lines.append(current)
                current = hanging
                visible = hanging.count
                empty = true
            }
            current += (empty ? "" : " ") + word.styled
            visible += word.plain.count + (empty ? 0 : 1)
            empty = false
        }
        if !empty || lines.isEmpty { lines.append(current) }
        return lines
    }

    func style(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }

    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    func trimmingSet(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func replacingTabs() -> String {
        contains("\t") ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self
    }
}
