/// An inline while the inline parser works: a doubly linked tree, so that emphasis and links can
/// wrap a run of siblings in place (CommonMark 0.31.2 §6.3, "process emphasis"). The links are
/// unowned: `MarkdownInlineParser.arena` owns every node for as long as the tree is used.
final class MarkdownInlineNode {
    enum Kind {
        case text, softBreak, hardBreak, code, emphasis, strong, strikethrough, link, image, html
    }

    var kind: Kind
    /// Text, code or HTML bytes.
    var literal: [UInt8]
    var destination = ""
    var title: String?
    var line: Int
    /// Whether later text may be appended to this text node (not for delimiter and bracket runs).
    var canMerge = true

    unowned(unsafe) var parent: MarkdownInlineNode?
    unowned(unsafe) var firstChild: MarkdownInlineNode?
    unowned(unsafe) var lastChild: MarkdownInlineNode?
    unowned(unsafe) var next: MarkdownInlineNode?
    unowned(unsafe) var previous: MarkdownInlineNode?

    init(_ kind: Kind, literal: [UInt8] = [], line: Int) {
        self.kind = kind
        self.literal = literal
        self.line = line
    }

    func append(_ child: MarkdownInlineNode) {
        child.unlink()
        child.parent = self
        if let last = lastChild {
            last.next = child
            child.previous = last
        } else {
            firstChild = child
        }
        lastChild = child
    }

    func insertAfter(_ sibling: MarkdownInlineNode) {
        sibling.unlink()
        sibling.next = next
        next?.previous = sibling
        sibling.previous = self
        next = sibling
        sibling.parent = parent
        if parent?.lastChild === self { parent?.lastChild = sibling }
    }

    func unlink() {
        if let previous {
            previous.next = next
        } else if let parent, parent.firstChild === self {
            parent.firstChild = next
        }
        if let next {
            next.previous = previous
        } else if let parent, parent.lastChild === self {
            parent.lastChild = previous
        }
        parent = nil
        next = nil
        previous = nil
    }
}
