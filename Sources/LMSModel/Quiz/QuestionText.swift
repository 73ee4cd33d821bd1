/// A question's text (or a choice's, or feedback) in its `TextFormat`, turned into what the
/// renderers take: a `MarkdownDocument`.
///
/// - `.moodle` and `.plain`: the text as written. Blank lines separate paragraphs, every other line
///   break is a hard break, and no Markdown is interpreted: `3 * 4 * 5`, `__init__` and `_____` stay.
///   Moodle's auto-format lets HTML through, so `.moodle` text holding tags or entities (`<b>`,
///   `&amp;`, common in real banks) goes through `HTMLSubset` with its line breaks kept.
/// - `.markdown`: `MarkdownParser.parse`.
/// - `.html`: `HTMLSubset.blocks` (a small set of tags rendered, entities decoded).
public enum QuestionText {
    /// The document `text` shows, read as `format`.
    public static func document(_ text: String, format: TextFormat) -> MarkdownDocument {
        switch format {
        case .moodle where holdsHTML(text): return MarkdownDocument(blocks: HTMLSubset.blocks(htmlKeepingBreaks(text)))
        case .moodle, .plain: return literal(text)
        case .markdown: return MarkdownParser.parse(text)
        case .html: return MarkdownDocument(blocks: HTMLSubset.blocks(text))
        }
    }

    /// The inlines of a short text (a choice, a matching item, feedback): one paragraph's worth.
    /// Several paragraphs are joined with hard breaks.
    public static func inlines(_ text: String, format: TextFormat) -> [MarkdownInline] {
        if format == .html { return HTMLSubset.inlines(text) }
        if format == .moodle, holdsHTML(text) {
            return HTMLSubset.inlines(text.replacingOccurrences(of: "\n", with: "<br>"))
        }
        var out: [MarkdownInline] = []
        for block in document(text, format: format).blocks {
            if !out.isEmpty { out.append(.hardBreak) }
            switch block.kind {
            case .paragraph(let inlines), .heading(_, let inlines): out += inlines
            case .code(_, let literal): out.append(.code(literal))
            default: out.append(.text(plainText(document: MarkdownDocument(blocks: [block]))))
            }
        }
        return out
    }

    /// The text of a choice, a matching item or feedback on one line as it reads, without markup.
    public static func plain(_ text: String, format: TextFormat) -> String {
        switch format {
        case .plain: return text
        case .moodle where !holdsHTML(text): return text
        case .moodle, .markdown, .html: return plainText(inlines(text, format: format))
        }
    }

    /// Whether text holds something HTML would read: a tag (`<` then a letter, `/` or `!`) or a
    /// character reference (`&` then a letter or `#`, up to a `;`).
    static func holdsHTML(_ text: String) -> Bool {
        guard text.contains("<") || text.contains("&") else { return false }
        let scalars = Array(text.unicodeScalars)
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.isAlphabetic }
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { isLetter(scalar) || ("0"..."9").contains(scalar) }
        for index in scalars.indices.dropLast() {
            let next = scalars[index + 1]
            if scalars[index] == "<", isLetter(next) || next == "/" || next == "!" { return true }
            if scalars[index] == "&", isLetter(next) || next == "#" {
                var end = index + 2
                while end < scalars.count, end < index + maxReferenceLength, isAlphanumeric(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] == ";" { return true }
            }
        }
        return false
    }

    /// The longest character reference looked for (`&CounterClockwiseContourIntegral;` is 33).
    static let maxReferenceLength = 40

    /// Auto-format text as HTML: blank lines separate paragraphs, other line breaks become `<br>`.
    static func htmlKeepingBreaks(_ text: String) -> String {
        var paragraphs: [String] = []
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !lines.isEmpty { paragraphs.append("<p>" + lines.joined(separator: "<br>") + "</p>") }
                lines = []
            } else {
                lines.append(line)
            }
        }
        if !lines.isEmpty { paragraphs.append("<p>" + lines.joined(separator: "<br>") + "</p>") }
        return paragraphs.joined(separator: "\n")
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

    /// The plain text of inlines (alt text, one-line summaries): breaks as spaces and newlines.
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

    /// The plain text of a document's blocks, one line per paragraph.
    static func plainText(document: MarkdownDocument) -> String {
        var lines: [String] = []
        for block in document.blocks {
            switch block.kind {
            case .paragraph(let inlines), .heading(_, let inlines): lines.append(plainText(inlines))
            case .code(_, let literal): lines.append(literal)
            case .blockQuote(let blocks): lines.append(plainText(document: MarkdownDocument(blocks: blocks)))
            case .list(let list):
                lines += list.items.map { plainText(document: MarkdownDocument(blocks: $0.blocks)) }
            case .table(let table):
                lines += ([table.header] + table.rows).map { $0.map(plainText).joined(separator: " | ") }
            case .html, .thematicBreak: break
            }
        }
        return lines.joined(separator: "\n")
    }
}
