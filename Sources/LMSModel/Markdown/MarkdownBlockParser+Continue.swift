extension MarkdownBlockParser {
    /// What a line does to an open block (commonmark.js `continue`).
    enum Continuation {
        /// The block continues on this line.
        case matched
        /// The block does not continue; it and its children will be closed.
        case failed
        /// The line is used up (a closing code fence).
        case lineDone
    }

    /// What starting blocks did with the line.
    enum Start {
        case none, container, leaf
    }

    mutating func continueBlock(_ block: Node) -> Continuation {
        switch block.kind {
        case .document:
            return .matched
        case .blockQuote:
            guard !indented, peek(nextNonspace) == UInt8(ascii: ">") else { return .failed }
            advanceNextNonspace()
            advanceOffset(1, columns: false)
            if let b = peek(offset), C.isSpaceOrTab(b) { advanceOffset(1, columns: true) }
            return .matched
        case .item:
            if blank {
                // §5.2: a list item can begin with at most one blank line.
                if block.children.isEmpty { return .failed }
                advanceNextNonspace()
            } else if indent >= block.list.markerOffset + block.list.padding {
                advanceOffset(block.list.markerOffset + block.list.padding, columns: true)
            } else {
                return .failed
            }
            return .matched
        case .list:
            return .matched
        case .heading, .thematicBreak:
            return .failed
        case .code:
            return continueCode(block)
        case .html:
            return blank && (block.htmlType == 6 || block.htmlType == 7) ? .failed : .matched
        case .paragraph, .table:
            return blank ? .failed : .matched
        }
    }

    private mutating func continueCode(_ block: Node) -> Continuation {
        if block.isFenced {
            if indent <= 3, peek(nextNonspace) == block.fenceCharacter {
                var i = nextNonspace
                while i < line.count, line[i] == block.fenceCharacter { i += 1 }
                if i - nextNonspace >= block.fenceLength, C.isBlank(line, from: i) {
                    // §4.5: the closing fence ends the block; the line is used up.
                    finalize(block, endLine: currentLine)
                    return .lineDone
                }
            }
            var remaining = block.fenceOffset
            while remaining > 0, let b = peek(offset), C.isSpaceOrTab(b) {
                advanceOffset(1, columns: true)
                remaining -= 1
            }
            return .matched
        }
        if indent >= Self.codeIndent {
            advanceOffset(Self.codeIndent, columns: true)
        } else if blank {
            advanceNextNonspace()
        } else {
            return .failed
        }
        return .matched
    }
}
