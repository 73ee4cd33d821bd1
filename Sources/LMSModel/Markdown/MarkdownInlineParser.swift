/// The inline phase of `MarkdownParser` (CommonMark 0.31.2 §6): the text of one paragraph,
/// heading or table cell becomes a tree of inlines. A port of the reference implementation's
/// algorithm (commonmark.js `inlines.js`): a delimiter stack for emphasis and a bracket stack
/// for links and images, on UTF-8 bytes.
struct MarkdownInlineParser {
    typealias C = MarkdownCharacters
    typealias Node = MarkdownInlineNode

    /// An entry of the delimiter stack (`*`, `_`, and `~` with GitHub's extensions).
    final class Delimiter {
        let character: UInt8
        var count: Int
        let originalCount: Int
        let node: Node
        var previous: Delimiter?
        unowned(unsafe) var next: Delimiter?
        let canOpen: Bool
        let canClose: Bool

        init(character: UInt8, count: Int, node: Node, previous: Delimiter?, canOpen: Bool, canClose: Bool) {
            self.character = character
            self.count = count
            originalCount = count
            self.node = node
            self.previous = previous
            self.canOpen = canOpen
            self.canClose = canClose
        }
    }

    /// An entry of the bracket stack: a `[` or `![` that may open a link or image.
    final class Bracket {
        let node: Node
        let previous: Bracket?
        let previousDelimiter: Delimiter?
        /// The index of the `[` in the subject.
        let index: Int
        let isImage: Bool
        var isActive = true
        var bracketAfter = false

        init(node: Node, previous: Bracket?, previousDelimiter: Delimiter?, index: Int, isImage: Bool) {
            self.node = node
            self.previous = previous
            self.previousDelimiter = previousDelimiter
            self.index = index
            self.isImage = isImage
        }
    }

    let s: [UInt8]
    var pos = 0
    let references: [String: MarkdownBlockParser.Reference]
    let gitHubExtensions: Bool
    var delimiters: Delimiter?
    var brackets: Bracket?

    /// Every node made, which keeps them alive: the tree's links are unowned, so that walking and
    /// releasing the tree costs no reference counting (the nodes go with the parser).
    private(set) var arena: [Node] = []

    /// Makes a node owned by this parser.
    mutating func make(_ kind: Node.Kind, literal: [UInt8] = [], line: Int) -> Node {
        let node = Node(kind, literal: literal, line: line)
        arena.append(node)
        return node
    }

    /// The line of the subject's first byte, and where its later lines start.
    let firstLine: Int
    let lineStarts: [Int]

    /// Backtick runs by length: where each starts (found once, so unmatched code spans stay linear).
    var backtickRuns: [Int: [Int]]?
    /// Closers already searched for to the end without success (keeps `<!--` and friends linear).
    var missingHTMLClosers: Set<Int> = []

    init(
        _ subject: [UInt8], line: Int, references: [String: MarkdownBlockParser.Reference],
        gitHubExtensions: Bool
    ) {
        s = subject
        firstLine = line
        self.references = references
        self.gitHubExtensions = gitHubExtensions
        var starts: [Int] = []
        for (i, b) in subject.enumerated() where b == C.newline { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The source line of the byte at `index`.
    func line(at index: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return firstLine + low
    }

    /// Parses the whole subject into children of a root node.
    mutating func parse() -> Node {
        let root = make(.emphasis, line: firstLine)
        while pos < s.count {
            parseInline(root)
        }
        processEmphasis(bottom: nil)
        return root
    }

    mutating func appendText(_ bytes: ArraySlice<UInt8>, to block: Node, at start: Int) {
        if let last = block.lastChild, last.kind == .text, last.canMerge {
            last.literal.append(contentsOf: bytes)
        } else {
            block.append(make(.text, literal: Array(bytes), line: line(at: start)))
        }
    }

    mutating func parseInline(_ block: Node) {
        let b = s[pos]
        switch b {
        case C.newline: parseNewline(block)
        case UInt8(ascii: "\\"): parseBackslash(block)
        case UInt8(ascii: "`"): parseBackticks(block)
        case UInt8(ascii: "*"), UInt8(ascii: "_"): handleDelimiter(b, block)
        case UInt8(ascii: "~") where gitHubExtensions: handleDelimiter(b, block)
        case UInt8(ascii: "["):
            let node = make(.text, literal: [b], line: line(at: pos))
            node.canMerge = false
            block.append(node)
            addBracket(node, index: pos, isImage: false)
            pos += 1
        case UInt8(ascii: "!"):
            if pos + 1 < s.count, s[pos + 1] == UInt8(ascii: "[") {
                let node = make(.text, literal: [b, UInt8(ascii: "[")], line: line(at: pos))
                node.canMerge = false
                block.append(node)
                addBracket(node, index: pos + 1, isImage: true)
                pos += 2
            } else {
                appendText(s[pos..<(pos + 1)], to: block, at: pos)
                pos += 1
            }
        case UInt8(ascii: "]"): parseCloseBracket(block)
        case UInt8(ascii: "<"): parseAngle(block)
        case UInt8(ascii: "&"):
            if let (text, end) = MarkdownScanner.scanEntity(s, pos) {
                appendText(ArraySlice(Array(text.utf8)), to: block, at: pos)
                pos = end
            } else {
                appendText(s[pos..<(pos + 1)], to: block, at: pos)
                pos += 1
            }
        default:
            parseString(block)
        }
    }

    private func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case C.newline, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: "&"):
            return true
        case UInt8(ascii: "~"):
            return gitHubExtensions
        default:
            return false
        }
    }

    private mutating func parseString(_ block: Node) {
        let start = pos
        pos += 1
        while pos < s.count, !isSpecial(s[pos]) { pos += 1 }
        appendText(s[start..<pos], to: block, at: start)
    }

    /// §6.7, §6.8: a line ending is hard after two or more spaces, soft otherwise.
    private mutating func parseNewline(_ block: Node) {
        pos += 1
        var hard = false
        if let last = block.lastChild, last.kind == .text, last.literal.last == C.space {
            var spaces = 0
            while last.literal.last == C.space {
                last.literal.removeLast()
                spaces += 1
            }
            hard = spaces >= 2
        }
        block.append(make(hard ? .hardBreak : .softBreak, line: line(at: pos - 1)))
        while pos < s.count, C.isSpaceOrTab(s[pos]) { pos += 1 }
    }

    /// §2.4 backslash escapes; a backslash before a line ending is a hard break (§6.7).
    private mutating func parseBackslash(_ block: Node) {
        pos += 1
        if pos < s.count, s[pos] == C.newline {
            pos += 1
            block.append(make(.hardBreak, line: line(at: pos - 2)))
            while pos < s.count, C.isSpaceOrTab(s[pos]) { pos += 1 }
        } else if pos < s.count, C.isASCIIPunctuation(s[pos]) {
            appendText(s[pos..<(pos + 1)], to: block, at: pos - 1)
            pos += 1
        } else {
            appendText(s[(pos - 1)..<pos], to: block, at: pos - 1)
        }
    }

    /// §6.1 code spans: a backtick run up to the next run of the same length.
    private mutating func parseBackticks(_ block: Node) {
        let start = pos
        while pos < s.count, s[pos] == UInt8(ascii: "`") { pos += 1 }
        let length = pos - start
        if backtickRuns == nil { backtickRuns = findBacktickRuns() }
        guard let closer = backtickRuns?[length].flatMap({ firstRun(in: $0, atOrAfter: pos) }) else {
            appendText(s[start..<pos], to: block, at: start)
            return
        }
        var contents = Array(s[pos..<closer])
        for i in contents.indices where contents[i] == C.newline { contents[i] = C.space }
        if contents.count >= 2, contents.first == C.space, contents.last == C.space,
            contents.contains(where: { $0 != C.space })
        {
            contents = Array(contents[1..<(contents.count - 1)])
        }
        block.append(make(.code, literal: contents, line: line(at: start)))
        pos = closer + length
    }

    private func firstRun(in starts: [Int], atOrAfter index: Int) -> Int? {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < starts.count ? starts[low] : nil
    }

    private func findBacktickRuns() -> [Int: [Int]] {
        var runs: [Int: [Int]] = [:]
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "`") {
                let start = i
                while i < s.count, s[i] == UInt8(ascii: "`") { i += 1 }
                runs[i - start, default: []].append(start)
            } else {
                i += 1
            }
        }
        return runs
    }
}
