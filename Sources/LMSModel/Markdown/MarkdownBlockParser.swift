/// The block phase of `MarkdownParser` (CommonMark 0.31.2 Appendix A, "Phase 1: block structure"):
/// each line first continues the open containers, then may open new blocks, then adds its
/// text to the deepest open block. A port of the reference implementation's line algorithm
/// (commonmark.js `blocks.js`), on UTF-8 bytes.
struct MarkdownBlockParser {
    typealias C = MarkdownCharacters
    typealias Node = MarkdownBlockNode

    /// A link reference definition's target (§4.7).
    struct Reference {
        var destination: String
        var title: String?
    }

    let options: MarkdownOptions
    let document: Node
    var tip: Node
    var oldTip: Node
    var lastMatchedContainer: Node
    var allClosed = true
    var references: [String: Reference] = [:]

    // The current line and the cursor in it (§2.2: tabs expand to the next multiple of 4 columns).
    var line: [UInt8] = []
    var lineNumber = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var indented = false
    var blank = false
    var partiallyConsumedTab = false

    static let codeIndent = 4

    init(options: MarkdownOptions) {
        self.options = options
        document = Node(.document, line: options.firstLine, depth: 0)
        tip = document
        oldTip = document
        lastMatchedContainer = document
    }

    /// Builds the block tree of `bytes` and closes every block.
    mutating func parse(_ bytes: [UInt8]) -> Node {
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != C.newline, bytes[end] != C.carriageReturn { end += 1 }
            // One buffer for every line: no allocation per line.
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: bytes[start..<end])
            if line.contains(0) {
                // §2.3: U+0000 is replaced by U+FFFD.
                line = line.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
            }
            incorporateLine()
            if end + 1 < count, bytes[end] == C.carriageReturn, bytes[end + 1] == C.newline { end += 1 }
            start = end + 1
        }
        while true {
            let block = tip
            finalize(block, endLine: lineNumber + options.firstLine - 1)
            if block === document { break }
        }
        return document
    }

    var currentLine: Int { lineNumber + options.firstLine - 1 }

    // MARK: - Cursor

    mutating func findNextNonspace() {
        var i = offset
        var columns = column
        while i < line.count {
            let b = line[i]
            if b == C.space {
                i += 1
                columns += 1
            } else if b == C.tab {
                i += 1
                columns += 4 - columns % 4
            } else {
                break
            }
        }
        blank = i >= line.count
        nextNonspace = i
        nextNonspaceColumn = columns
        indent = nextNonspaceColumn - column
        indented = indent >= Self.codeIndent
    }

    mutating func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    /// Moves `count` bytes, or `count` columns when `columns` (a tab may be partly consumed).
    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < line.count {
            if line[offset] == C.tab {
                let toTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = toTab > count
                    let advance = min(toTab, count)
                    column += advance
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= advance
                } else {
                    partiallyConsumedTab = false
                    column += toTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    func peek(_ index: Int) -> UInt8? { index < line.count ? line[index] : nil }

    // MARK: - Lines

    /// Adds `line` to the tree.
    mutating func incorporateLine() {
        var container = document
        oldTip = tip
        offset = 0
        column = 0
        blank = false
        partiallyConsumedTab = false
        lineNumber += 1

        var allMatched = true
        while let last = container.lastChild, last.isOpen {
            container = last
            findNextNonspace()
            switch continueBlock(container) {
            case .matched: break
            case .failed: allMatched = false
            case .lineDone: return
            }
            if !allMatched {
                container = container.parent ?? document
                break
            }
        }

        allClosed = container === oldTip
        lastMatchedContainer = container

        var matchedLeaf = container.kind != .paragraph && container.kind != .table && container.acceptsLines
        while !matchedLeaf {
            findNextNonspace()
            if !indented, let b = peek(nextNonspace), !Self.maySpecial(b) {
                advanceNextNonspace()
                break
            }
            switch tryBlockStarts(container) {
            case .none:
                advanceNextNonspace()
                matchedLeaf = true
                continue
            case .container:
                container = tip
            case .leaf:
                container = tip
                matchedLeaf = true
            }
        }

        if !allClosed && !blank && tip.kind == .paragraph {
            // §5.1: a lazy continuation line.
            addLine()
            return
        }
        closeUnmatchedBlocks()
        if container.acceptsLines {
            addLine()
            if container.kind == .html, container.htmlType >= 1, container.htmlType <= 5,
                MarkdownBlockStarts.htmlBlockEnds(type: container.htmlType, line, from: offset)
            {
                finalize(container, endLine: currentLine)
            }
        } else if container.kind == .table {
            if !blank { addTableRow(container) }
        } else if offset < line.count && !blank {
            container = addChild(.paragraph)
            advanceNextNonspace()
            addLine()
        }
    }

    static func maySpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "#"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "-"),
            UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    mutating func addLine() {
        if partiallyConsumedTab {
            offset += 1
            let toTab = 4 - column % 4
            tip.content.append(contentsOf: repeatElement(C.space, count: toTab))
        }
        if offset < line.count { tip.content.append(contentsOf: line[offset...]) }
        tip.content.append(C.newline)
    }

    /// Adds a block of `kind` under the deepest block that can hold it, closing the others.
    @discardableResult
    mutating func addChild(_ kind: Node.Kind) -> Node {
        while !tip.canContain(kind) {
            finalize(tip, endLine: currentLine - 1)
        }
        let block = Node(kind, line: currentLine, depth: tip.depth + 1)
        tip.append(block)
        tip = block
        return block
    }

    mutating func closeUnmatchedBlocks() {
        guard !allClosed else { return }
        while oldTip !== lastMatchedContainer {
            let parent = oldTip.parent
            finalize(oldTip, endLine: currentLine - 1)
            guard let parent else { break }
            oldTip = parent
        }
        allClosed = true
    }
}
