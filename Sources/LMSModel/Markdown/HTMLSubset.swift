/// The small part of HTML that course text uses, turned into the Markdown document model so that
/// every renderer shows it the same way: raw HTML inside a Markdown lesson, and GIFT questions
/// written `[html]` (Moodle's exporter writes that before every HTML question).
///
/// Rendered: `b`/`strong`, `i`/`em`, `code`, `kbd`, `sub`/`sup` (Unicode sub- and superscript
/// characters where every character has one, else `_x`/`^x`), `br`, `img` (as an image), `a`
/// (as a link), `details`/`summary` (the summary as a bold `▸` line, the content shown), `p`,
/// `div`, `span`, `center`, `h1`–`h6`, `hr`, `pre`, `blockquote`, `ul`/`ol`/`li`, `table`
/// (`tr`, `th`, `td`, `thead`, `tbody`); character references are decoded and comments hidden.
/// Any other tag is shown as the text it is, so nothing the author wrote disappears.
public enum HTMLSubset {
    /// How deep tags may nest before further block tags are read as plain text: hostile input
    /// (`<blockquote>` ten thousand times) must not exhaust the stack.
    public static let maxNesting = 32

    /// The blocks of an HTML fragment (a raw HTML block of a lesson, an `[html]` question).
    /// `line` is the source line of the fragment's start, given to every block.
    public static func blocks(_ html: String, line: Int = 1) -> [MarkdownBlock] {
        var reader = HTMLBlockReader(tokens: HTMLTokenizer.tokens(html), line: line)
        return reader.readBlocks(until: nil, depth: 0)
    }

    /// The inlines of an HTML fragment that holds no blocks (a title, a choice's text).
    public static func inlines(_ html: String, line: Int = 1) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .text(let text): out += textInlines(text)
            case .tag(let tag): out.append(.html(tag.raw))
            case .comment: break
            }
        }
        return resolve(out, line: line)
    }

    /// Inlines whose raw HTML (`.html` tags, as the Markdown parser leaves them in a paragraph) is
    /// turned into structure: `CO`, `<sub>`, `2`, `</sub>` becomes `CO₂`; `<b>`…`</b>` strong
    /// text; comments vanish; tags outside the subset stay as text.
    public static func resolve(_ inlines: [MarkdownInline], line: Int = 1) -> [MarkdownInline] {
        guard inlines.contains(where: { if case .html = $0 { return true } else { return false } }) else {
            return inlines
        }
        var index = 0
        return HTMLInlineResolver(inlines: inlines, line: line).resolve(from: &index, until: nil, depth: 0)
    }

    /// Text with HTML character references (`&amp;`, `&#233;`, `&#x1F600;`) decoded.
    public static func decodeEntities(_ text: String) -> String {
        HTMLEntities.decode(text)
    }

    /// Text as a run of inlines: whitespace collapsed, line ends as soft breaks, entities decoded.
    static func textInlines(_ raw: String) -> [MarkdownInline] {
        let text = decodeEntities(raw)
        var out: [MarkdownInline] = []
        var current = ""
        var pendingSpace = false
        var pendingBreak = false
        func flushSpace() {
            if pendingBreak {
                if !current.isEmpty { out.append(.text(current)) }
                current = ""
                out.append(.softBreak)
            } else if pendingSpace {
                current.append(" ")
            }
            pendingSpace = false
            pendingBreak = false
        }
        for character in text {
            if character == "\n" || character == "\r\n" {
                pendingBreak = true
            } else if character == " " || character == "\t" || character == "\r" {
                pendingSpace = true
            } else {
                flushSpace()
                current.append(character)
            }
        }
        flushSpace()
        if !current.isEmpty { out.append(.text(current)) }
        return out
    }

    // MARK: - Sub- and superscripts

    /// `2` → `₂`; text with a character that has no subscript form → `_x` (`_(ab)` for more than one).
    static func subscripted(_ text: String) -> String {
        scripted(text, map: subscripts, mark: "_")
    }

    /// `2` → `²`; text with a character that has no superscript form → `^x` (`^(ab)` for more than one).
    static func superscripted(_ text: String) -> String {
        scripted(text, map: superscripts, mark: "^")
    }

    private static func scripted(_ text: String, map: [Character: Character], mark: String) -> String {
        if !text.isEmpty, text.allSatisfy({ map[$0] != nil }) { return String(text.compactMap { map[$0] }) }
        return text.count == 1 ? mark + text : mark + "(" + text + ")"
    }

    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "h": "ₕ",
        "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "p": "ₚ", "s": "ₛ", "t": "ₜ", "i": "ᵢ", "j": "ⱼ", "r": "ᵣ",
        "u": "ᵤ", "v": "ᵥ"
    ]

    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ"
    ]
}
