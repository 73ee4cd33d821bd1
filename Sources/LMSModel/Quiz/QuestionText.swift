/// A question's text (or a choice's, or feedback) in its `TextFormat`, turned into what the
/// renderers take: a `MarkdownDocument`.
///
/// - `.moodle` and `.plain`: the text as written. Blank lines separate paragraphs, every other line
///   break is a hard break, and nothing is interpreted: `3 * 4 * 5`, `__init__` and `_____` stay.
/// - `.markdown`: parsed as Markdown by `parseMarkdown` (the one Markdown parser, once it is in).
/// - `.html`: a fragment of HTML, reduced to text: `<br>` and block tags break lines, `<p>` and
///   headings separate paragraphs, other tags are dropped, entities are decoded.
public enum QuestionText {
    /// The document `text` shows, read as `format`.
    public static func document(
        _ text: String, format: TextFormat,
        parseMarkdown: (String) -> MarkdownDocument = { literal($0) }
    ) -> MarkdownDocument {
        switch format {
        case .moodle, .plain: return literal(text)
        case .markdown: return parseMarkdown(text)
        case .html: return literal(HTMLText.plainText(text))
        }
    }

    /// The text of a choice, a matching item or feedback on one line as it reads: `.html` reduced to
    /// text; the other formats as written.
    public static func plain(_ text: String, format: TextFormat) -> String {
        format == .html ? HTMLText.plainText(text) : text
    }

    /// Paragraphs of literal text: blank lines separate them, other line breaks are hard breaks.
    public static func literal(_ text: String) -> MarkdownDocument {
        var blocks: [MarkdownBlock] = []
        var inlines: [MarkdownInline] = []
        var start = 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !inlines.isEmpty { blocks.append(MarkdownBlock(.paragraph(inlines), line: start)) }
                inlines = []
                continue
            }
            if inlines.isEmpty {
                start = index + 1
            } else {
                inlines.append(.hardBreak)
            }
            inlines.append(.text(String(line)))
        }
        if !inlines.isEmpty { blocks.append(MarkdownBlock(.paragraph(inlines), line: start)) }
        return MarkdownDocument(blocks: blocks)
    }

    /// The plain text of a document's inlines (for titles, alt text and one-line summaries).
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text): out += text
            case .softBreak: out += " "
            case .hardBreak: out += "\n"
            case .emphasis(let children), .strong(let children), .strikethrough(let children):
                out += plainText(children)
            case .link(let link): out += plainText(link.children)
            case .image(let image): out += plainText(image.alt)
            case .html: break
            }
        }
        return out
    }
}
