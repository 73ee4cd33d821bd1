/// Inline text broken into words and wrapped at a width, for the terminal renderer: words break
/// at spaces by display width (CJK and emoji take two columns, combining marks none), and a word
/// longer than the line breaks where it must.
struct InlineLayout {
    /// Text in one style, part of at most one link.
    struct Run {
        var text = ""
        var style: TerminalStyle
        var link: Int?
        var width = 0
        var characters = 0
    }

    /// Runs with no space between them.
    struct Word {
        var runs: [Run] = []
        var width = 0
    }

    enum Token {
        case word(Word)
        case space
        case lineBreak
    }

    /// Where a link goes, by the id its runs carry.
    struct PendingLink {
        var target: LinkTarget
        var isImage: Bool
    }

    private(set) var tokens: [Token] = []
    private var word = Word()
    /// The links, indexed by the `link` of runs.
    var links: [PendingLink] = []

    /// Whether nothing has been added.
    var isEmpty: Bool { tokens.isEmpty && word.runs.isEmpty }

    /// Adds text (sanitised here: it may come from the package) in a style. Works on UTF-8:
    /// spaces, tabs and line ends (all ASCII) separate words; a word of ASCII is as wide as it is
    /// long, any other is measured a character at a time.
    mutating func add(_ raw: String, style: TerminalStyle, link: Int? = nil) {
        let text = TerminalText.sanitize(raw)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if start < index { addWordPart(text[start..<index], style: style, link: link) }
                addSpace()
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { addWordPart(text[start...], style: style, link: link) }
    }

    private mutating func addWordPart(_ part: Substring, style: TerminalStyle, link: Int?) {
        var run = Run(text: String(part), style: style, link: link)
        if part.utf8.allSatisfy({ $0 < 0x80 }) {
            run.width = part.utf8.count
            run.characters = part.utf8.count
        } else {
            for character in part {
                run.width += DisplayWidth.of(character)
                run.characters += 1
            }
        }
        appendToWord(run)
    }

    /// A break opportunity shown as one space.
    mutating func addSpace() {
        finishWord()
        if let last = tokens.last, case .space = last { return }
        tokens.append(.space)
    }

    /// A forced line end.
    mutating func addLineBreak() {
        finishWord()
        if let last = tokens.last, case .space = last { tokens.removeLast() }
        tokens.append(.lineBreak)
    }

    /// Registers a link and returns the id its runs carry.
    mutating func addLink(_ target: LinkTarget, isImage: Bool) -> Int {
        links.append(PendingLink(target: target, isImage: isImage))
        return links.count - 1
    }

    private mutating func appendToWord(_ run: Run) {
        if var last = word.runs.last, last.style == run.style, last.link == run.link {
            last.text += run.text
            last.width += run.width
            last.characters += run.characters
            word.runs[word.runs.count - 1] = last
        } else {
            word.runs.append(run)
        }
        word.width += run.width
    }

    /// Ends the word being added (`lines` does it too; measuring needs it first).
    mutating func finishWord() {
        guard !word.runs.isEmpty else { return }
        tokens.append(.word(word))
        word = Word()
    }

    // MARK: - Wrapping

    /// The lines at `width` columns, with every link's first stretch recorded.
    mutating func lines(width: Int) -> TerminalFragment {
        finishWord()
        var lines: [[Run]] = []
        var current: [Run] = []
        var currentWidth = 0
        var pendingSpace = false
        func endLine() {
            lines.append(current)
            current = []
            currentWidth = 0
        }
        func place(_ word: Word) {
            if pendingSpace, !current.isEmpty {
                let previous = current[current.count - 1]
                let next = word.runs[0]
                let shared = previous.link == next.link ? previous.link : nil
                let style = previous.style == next.style || shared != nil ? previous.style.intersection(next.style) : []
                current.append(Run(text: " ", style: style, link: shared, width: 1, characters: 1))
                currentWidth += 1
            }
            current += word.runs
            currentWidth += word.width
            pendingSpace = false
        }
        for token in tokens {
            switch token {
            case .space:
                pendingSpace = !current.isEmpty
            case .lineBreak:
                endLine()
                pendingSpace = false
            case .word(let word):
                let needed = word.width + (pendingSpace && !current.isEmpty ? 1 : 0)
                if currentWidth + needed <= width {
                    place(word)
                } else {
                    // A word longer than the line (a URL, a path) starts a line of its own, so it is
                    // broken as few times as it must be.
                    if !current.isEmpty { endLine() }
                    pendingSpace = false
                    for (index, piece) in Self.pieces(of: word, first: width, rest: width).enumerated() {
                        if index > 0 { endLine() }
                        place(piece)
                    }
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { endLine() }
        return Self.fragment(lines, links: links)
    }

    /// A word cut into pieces of at most `first` columns, then `rest` columns.
    static func pieces(of word: Word, first: Int, rest: Int) -> [Word] {
        guard word.width > first else { return [word] }
        var out: [Word] = []
        var piece = Word()
        var limit = max(first, 1)
        for run in word.runs {
            var part = Run(style: run.style, link: run.link)
            for character in run.text {
                let w = DisplayWidth.of(character)
                if piece.width + part.width + w > limit, piece.width + part.width > 0 {
                    if part.characters > 0 { piece.runs.append(part) }
                    piece.width += part.width
                    out.append(piece)
                    piece = Word()
                    part = Run(style: run.style, link: run.link)
                    limit = max(rest, 1)
                }
                part.text.append(character)
                part.width += w
                part.characters += 1
            }
            if part.characters > 0 {
                piece.runs.append(part)
                piece.width += part.width
            }
        }
        if !piece.runs.isEmpty { out.append(piece) }
        return out
    }

    /// Lines of runs made into terminal lines, spans merged, links recorded where they first appear.
    static func fragment(_ lines: [[Run]], links: [PendingLink]) -> TerminalFragment {
        var out = TerminalFragment()
        var placed = Array(repeating: false, count: links.count)
        for (lineIndex, runs) in lines.enumerated() {
            var text = ""
            var spans: [TerminalSpan] = []
            var position = 0
            var open: (id: Int, start: Int)?
            func closeLink(at end: Int) {
                guard let current = open else { return }
                placed[current.id] = true
                let link = links[current.id]
                out.links.append(
                    TerminalPageLink(
                        line: lineIndex, columns: current.start..<end, target: link.target, isImage: link.isImage))
                open = nil
            }
            for run in runs {
                if let current = open, run.link != current.id { closeLink(at: position) }
                if open == nil, let id = run.link, !placed[id] { open = (id, position) }
                text += run.text
                let end = position + run.characters
                if !run.style.isEmpty {
                    if let last = spans.last, last.style == run.style, last.range.upperBound == position {
                        spans[spans.count - 1] = TerminalSpan(last.range.lowerBound..<end, run.style)
                    } else {
                        spans.append(TerminalSpan(position..<end, run.style))
                    }
                }
                position = end
            }
            closeLink(at: position)
            out.lines.append(TerminalLine(text, spans: spans))
        }
        out.links.sort { ($0.line, $0.columns.lowerBound) < ($1.line, $1.columns.lowerBound) }
        return out
    }
}
