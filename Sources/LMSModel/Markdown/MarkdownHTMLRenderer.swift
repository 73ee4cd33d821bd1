/// Writes a `MarkdownDocument` as HTML exactly as the CommonMark spec (and its reference
/// implementation) writes it, plus GitHub's tables, strikethrough and task list items as
/// cmark-gfm writes them. With `isSafe`, the output may be printed as it is: raw HTML keeps only
/// a small set of formatting tags (without attributes), comments are dropped, other tags are
/// shown as text, and `javascript:`-like URLs are emptied.
public struct MarkdownHTMLRenderer: Sendable {
    /// Whether raw HTML and URLs are filtered (the printable export); off to match the spec.
    public var isSafe: Bool

    /// Makes a renderer.
    public init(isSafe: Bool = false) {
        self.isSafe = isSafe
    }

    /// The tags kept in safe output: text formatting and `details`/`summary`.
    public static let safeTags: Set<String> = [
        "sub", "sup", "br", "b", "i", "em", "strong", "code", "kbd", "details", "summary"
    ]

    /// The HTML of `document`.
    public func render(_ document: MarkdownDocument) -> String {
        var writer = Writer(isSafe: isSafe)
        writer.blocks(document.blocks, tight: false)
        return writer.out
    }

    /// The HTML of `document` (unsafe: raw HTML passed through, as the spec expects).
    public static func html(_ document: MarkdownDocument) -> String {
        MarkdownHTMLRenderer().render(document)
    }

    struct Writer {
        let isSafe: Bool
        var out = ""

        init(isSafe: Bool) {
            self.isSafe = isSafe
            out.reserveCapacity(4096)
        }

        /// A line break unless the output is empty or already ends with one.
        mutating func cr() {
            if let last = out.utf8.last, last != 0x0A { out += "\n" }
        }

        mutating func blocks(_ blocks: [MarkdownBlock], tight: Bool, task: Bool? = nil) {
            var task = task
            for block in blocks {
                self.block(block, tight: tight, task: task)
                task = nil
            }
        }

        mutating func block(_ block: MarkdownBlock, tight: Bool, task: Bool?) {
            switch block.kind {
            case .paragraph(let inlines):
                if tight {
                    checkbox(task)
                    self.inlines(inlines)
                } else {
                    cr()
                    out += "<p>"
                    checkbox(task)
                    self.inlines(inlines)
                    out += "</p>"
                    cr()
                }
            case .heading(let level, let inlines):
                cr()
                out += "<h\(level)>"
                self.inlines(inlines)
                out += "</h\(level)>"
                cr()
            case .thematicBreak:
                cr()
                out += "<hr />"
                cr()
            case .blockQuote(let children):
                cr()
                out += "<blockquote>"
                cr()
                blocks(children, tight: false)
                cr()
                out += "</blockquote>"
                cr()
            case .list(let list):
                self.list(list)
            case .code(let info, let literal):
                cr()
                out += "<pre><code"
                if let info, let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first {
                    out += " class=\"language-"
                    out += Self.escape(String(language))
                    out += "\""
                }
                out += ">"
                out += Self.escape(literal)
                out += "</code></pre>"
                cr()
            case .html(let literal):
                let html = isSafe ? MarkdownSafeHTML.filter(literal) : literal
                // A block that was only a comment leaves nothing in safe output.
                guard !isSafe || html.contains(where: { !$0.isWhitespace }) else { return }
                cr()
                out += html
                cr()
            case .table(let table):
                self.table(table)
            }
        }

        mutating func checkbox(_ task: Bool?) {
            guard let task else { return }
            out +=
                task
                ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
                : "<input type=\"checkbox\" disabled=\"\" /> "
        }

        mutating func list(_ list: MarkdownList) {
            cr()
            if let start = list.start {
                out += start == 1 ? "<ol>" : "<ol start=\"\(start)\">"
            } else {
                out += "<ul>"
            }
            cr()
            for item in list.items {
                out += "<li>"
                if item.task != nil, item.blocks.first.map(Self.isParagraph) != true {
                    checkbox(item.task)
                    blocks(item.blocks, tight: list.isTight)
                } else {
                    blocks(item.blocks, tight: list.isTight, task: item.task)
                }
                out += "</li>"
                cr()
            }
            out += list.start == nil ? "</ul>" : "</ol>"
            cr()
        }

        static func isParagraph(_ block: MarkdownBlock) -> Bool {
            if case .paragraph = block.kind { return true }
            return false
        }

        mutating func table(_ table: MarkdownTable) {
            cr()
            out += "<table>\n<thead>\n<tr>\n"
            row(table.header, tag: "th", alignments: table.alignments)
            out += "</tr>\n</thead>\n"
            if !table.rows.isEmpty {
                out += "<tbody>\n"
                for cells in table.rows {
                    out += "<tr>\n"
                    row(cells, tag: "td", alignments: table.alignments)
                    out += "</tr>\n"
                }
                out += "</tbody>\n"
            }
            out += "</table>\n"
        }

        mutating func row(_ cells: [[MarkdownInline]], tag: String, alignments: [MarkdownTable.Alignment]) {
            for (index, cell) in cells.enumerated() {
                out += "<\(tag)"
                switch index < alignments.count ? alignments[index] : .none {
                case .none: break
                case .left: out += " align=\"left\""
                case .center: out += " align=\"center\""
                case .right: out += " align=\"right\""
                }
                out += ">"
                inlines(cell)
                out += "</\(tag)>\n"
            }
        }
    }
}
