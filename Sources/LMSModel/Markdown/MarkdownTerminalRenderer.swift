/// Lays a Markdown document out for a terminal at a width: a pure function from a
/// `MarkdownDocument` to a `TerminalPage` (styled lines, the links and images in them, the
/// headings' anchors). What `read`, `syllabus`, `next` and quiz questions print, and what the
/// study app's lesson viewer shows and reflows by rendering again at the new width.
///
/// Every block nests (lists, code, quotes, tables and images inside list items and quotes) with
/// hanging indents; paragraphs wrap at spaces by display width; lists are numbered from their
/// start number; code is never reflowed (a line longer than the width breaks, marked `↩`), and a
/// diagram's source (a `mermaid` fence) says it is one;
/// tables wrap their cells to fit, and become one record per row when even that cannot fit.
/// A link to another lesson shows the lesson's id (`Loops [→ basics/loops]`), a web link its
/// address once, whole; an image its alt text and short file name, never a storage path. Raw
/// HTML goes through `HTMLSubset`. All text is sanitised with `TerminalText.sanitize`.
public struct MarkdownTerminalRenderer {
    /// The narrowest width laid out: a narrower request gets this width.
    public static let minimumWidth = 20
    /// The narrowest column a nested block keeps: deeper nesting stops indenting.
    static let minimumContentWidth = 10
    /// How many list and quote levels indent; deeper ones are laid out at their parent's indent.
    static let maxIndentedNesting = 12

    /// The width in display columns.
    public var width: Int
    /// Whether the page will be shown with styles: without them, code spans keep their backticks
    /// and strikethrough its tildes, so the text still says what the styles would.
    public var color: Bool
    /// Where a link or image destination goes, as the course resolves it.
    public var resolve: (String) -> LinkTarget

    /// Makes a renderer; `resolve` turns a destination as written into a target (the default
    /// knows no course: `#x` is an anchor, a URL is external, anything else a file).
    public init(width: Int, color: Bool = true, resolve: @escaping (String) -> LinkTarget = Self.defaultTarget) {
        self.width = max(Self.minimumWidth, width)
        self.color = color
        self.resolve = resolve
    }

    /// The target of a destination without a course to look in.
    public static func defaultTarget(_ destination: String) -> LinkTarget {
        if destination.hasPrefix("#") { return .anchor(String(destination.dropFirst())) }
        if isExternal(destination) { return .external(destination) }
        return .file(path: destination, absolutePath: nil)
    }

    /// Whether a destination has a scheme (`https:`, `mailto:`) or is protocol-relative (`//host`).
    public static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter, scheme.count > 1 else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// The page for `document`.
    public func render(_ document: MarkdownDocument) -> TerminalPage {
        let fragment = blocks(document.blocks, context: Context(width: width, tight: false, listDepth: 0, depth: 0))
        var anchors: [String: Int] = [:]
        var seen: [String: Int] = [:]
        for heading in fragment.headings {
            // GitHub numbers repeated slugs: setup, setup-1, setup-2.
            var slug = heading.slug
            if let count = seen[heading.slug] {
                slug = heading.slug + "-" + String(count)
                seen[heading.slug] = count + 1
            } else {
                seen[heading.slug] = 1
            }
            if anchors[slug] == nil { anchors[slug] = heading.line }
        }
        return TerminalPage(lines: fragment.lines, links: fragment.links, anchors: anchors)
    }

    /// GitHub's anchor for a heading's text: lowercased, punctuation dropped, spaces as hyphens
    /// (`## Getting Started!` → `getting-started`).
    public static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic
                || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            {
                out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Blocks

    /// Where blocks are being laid out.
    struct Context {
        var width: Int
        /// Inside a tight list item: no blank lines between blocks.
        var tight: Bool
        /// How many lists enclose the blocks.
        var listDepth: Int
        /// How many lists and quotes enclose the blocks.
        var depth: Int
    }

    func blocks(_ blocks: [MarkdownBlock], context: Context) -> TerminalFragment {
        var out = TerminalFragment()
        for block in blocks {
            var fragment = self.block(block, context: context)
            while let last = fragment.lines.last, last.text.isEmpty { fragment.lines.removeLast() }
            if fragment.isEmpty { continue }
            if !context.tight { out.appendBlankLine() }
            out.append(fragment)
        }
        return out
    }

    func block(_ block: MarkdownBlock, context: Context) -> TerminalFragment {
        switch block.kind {
        case .paragraph(let inlines):
            var layout = InlineLayout()
            add(HTMLSubset.resolve(inlines, line: block.line), style: [], to: &layout)
            return layout.isEmpty ? TerminalFragment() : layout.lines(width: context.width)
        case .heading(let level, let inlines):
            return heading(level: level, HTMLSubset.resolve(inlines, line: block.line), width: context.width)
        case .thematicBreak:
            return TerminalFragment(lines: [
                TerminalLine(
                    String(repeating: "─", count: min(context.width, 40)),
                    spans: [TerminalSpan(0..<min(context.width, 40), .dim)])
            ])
        case .blockQuote(let children):
            return quote(children, context: context)
        case .list(let list):
            return self.list(list, context: context)
        case .code(let info, let literal):
            guard let caption = Self.diagramCaption(info: info ?? "") else {
                return code(literal, width: context.width)
            }
            var layout = InlineLayout()
            add([.text(caption)], style: .dim, to: &layout)
            var fragment = layout.lines(width: context.width)
            fragment.append(code(literal, width: context.width))
            return fragment
        case .html(let html):
            return blocks(HTMLSubset.blocks(html, line: block.line), context: context)
        case .table(let table):
            return self.table(table, width: context.width)
        }
    }

    func heading(level: Int, _ inlines: [MarkdownInline], width: Int) -> TerminalFragment {
        var layout = InlineLayout()
        add(inlines, style: .heading, to: &layout)
        var fragment = layout.lines(width: width)
        fragment.headings.append((Self.slug(HTMLInlineResolver.plainText(inlines)), 0))
        // Rules under headings: levels 1 and 2 always, levels 3 to 6 when there is no bold to tell them
        // from text (a "#### Step" between paragraphs would otherwise read as one).
        if level <= 2 || !color {
            let ruleWidth = min(width, fragment.lines.map { DisplayWidth.of($0.text) }.max() ?? 0)
            let character = level == 1 ? "═" : level == 2 ? "─" : level == 3 ? "┄" : "┈"
            let rule = String(repeating: character, count: max(ruleWidth, 1))
            fragment.lines.append(TerminalLine(rule, spans: [TerminalSpan(0..<rule.count, .dim)]))
        }
        return fragment
    }

    func quote(_ children: [MarkdownBlock], context: Context) -> TerminalFragment {
        let indents = context.depth < Self.maxIndentedNesting && context.width - 2 >= Self.minimumContentWidth
        var inner = context
        inner.depth += 1
        inner.tight = false
        if indents { inner.width -= 2 }
        let fragment = blocks(children, context: inner)
        return indents ? fragment.prefixed(first: "│ ", rest: "│ ", style: .dim) : fragment
    }

    /// Code as written: tabs to 4-column stops, no reflow; a line longer than the width is broken
    /// and the break marked with `↩` so that a student copying it knows.
    func code(_ literal: String, width: Int) -> TerminalFragment {
        let indent = self.width >= 40 ? 4 : 2
        let available = max(width - indent, Self.minimumContentWidth)
        var out = TerminalFragment()
        var lines = TerminalText.sanitize(literal).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            let expanded = Self.expandingTabs(line)
            for piece in Self.hardBroken(expanded, width: available) {
                out.lines.append(
                    TerminalLine(piece, spans: piece.isEmpty ? [] : [TerminalSpan(0..<piece.count, .code)]))
            }
        }
        let pad = String(repeating: " ", count: indent)
        return out.prefixed(first: pad, rest: pad)
    }

    /// Diagram languages that GitHub draws as pictures: their source would read as unexplained code.
    static let diagramLanguages = ["mermaid", "geojson", "topojson", "stl"]

    /// The line above a fenced diagram (`[diagram: mermaid source, drawn on GitHub]`), or nil for code.
    static func diagramCaption(info: String) -> String? {
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map { $0.lowercased() } ?? ""
        guard diagramLanguages.contains(language) else { return nil }
        return "[diagram: \(language) source, drawn as a picture on GitHub]"
    }

    static func expandingTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
        var out = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 4 - column % 4
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(character)
                column += DisplayWidth.of(character)
            }
        }
        return out
    }

    /// A line cut into pieces of at most `width` columns, each but the last ending in `↩`.
    static func hardBroken(_ line: String, width: Int) -> [String] {
        if line.utf8.count <= width, line.utf8.allSatisfy({ $0 < 0x80 }) { return [line] }
        guard DisplayWidth.of(line) > width else { return [line] }
        var pieces: [String] = []
        var current = ""
        var columns = 0
        for character in line {
            let w = DisplayWidth.of(character)
            if columns + w > width - 1, !current.isEmpty {
                pieces.append(current + "↩")
                current = ""
                columns = 0
            }
            current.append(character)
            columns += w
        }
        pieces.append(current)
        return pieces
    }
}
