/// A block while the parser builds the tree (CommonMark 0.31.2 Appendix A: a tree of open and
/// closed blocks, lines added to the deepest open one). Converted to `MarkdownBlock` at the end.
final class MarkdownBlockNode {
    enum Kind {
        case document, blockQuote, list, item, paragraph, heading, thematicBreak, code, html, table
    }

    /// A list's or list item's marker (§5.2).
    struct ListData {
        var isOrdered: Bool
        /// The bullet character, or `.`/`)` for ordered lists.
        var delimiter: UInt8
        var start: Int
        var markerOffset: Int
        var padding: Int
        var isTight = true
    }

    var kind: Kind
    unowned(unsafe) var parent: MarkdownBlockNode?
    var children: [MarkdownBlockNode] = []
    var isOpen = true
    var startLine: Int
    var endLine: Int
    /// The text of a paragraph, heading, code or HTML block, lines ending in `\n`.
    var content: [UInt8] = []
    var depth: Int

    var list = ListData(isOrdered: false, delimiter: 0, start: 0, markerOffset: 0, padding: 0)
    var level = 0
    var isFenced = false
    var fenceCharacter: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    var htmlType = 0
    var info: String?
    var task: Bool?
    var alignments: [MarkdownTable.Alignment] = []
    /// A table's rows of raw cells (the header first) and each row's line.
    var rows: [(cells: [[UInt8]], line: Int)] = []

    init(_ kind: Kind, line: Int, depth: Int) {
        self.kind = kind
        self.startLine = line
        self.endLine = line
        self.depth = depth
    }

    /// Whether this block may hold a child of `kind` (§5: containers hold blocks; lists hold items).
    func canContain(_ kind: Kind) -> Bool {
        switch self.kind {
        case .document, .blockQuote, .item: return kind != .item
        case .list: return kind == .item
        default: return false
        }
    }

    /// Blocks whose lines are added as they are (after the container prefixes).
    var acceptsLines: Bool {
        kind == .paragraph || kind == .code || kind == .html
    }

    var lastChild: MarkdownBlockNode? { children.last }

    func append(_ child: MarkdownBlockNode) {
        child.parent = self
        children.append(child)
    }

    func removeFromParent() {
        guard let parent else { return }
        if let index = parent.children.lastIndex(where: { $0 === self }) {
            parent.children.remove(at: index)
        }
        self.parent = nil
    }

    func replace(with other: MarkdownBlockNode) {
        guard let parent, let index = parent.children.lastIndex(where: { $0 === self }) else { return }
        other.parent = parent
        parent.children[index] = other
        self.parent = nil
    }
}
