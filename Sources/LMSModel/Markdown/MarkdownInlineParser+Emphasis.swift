extension MarkdownInlineParser {
    /// §6.2: a delimiter run of `*` or `_` (or GitHub's `~`): text now, emphasis later.
    mutating func handleDelimiter(_ character: UInt8, _ block: Node) {
        let start = pos
        while pos < s.count, s[pos] == character { pos += 1 }
        let count = pos - start
        let node = make(.text, literal: Array(s[start..<pos]), line: line(at: start))
        node.canMerge = false
        block.append(node)
        if character == UInt8(ascii: "~"), count > 2 { return }

        let before = C.scalar(before: start, in: s)
        let after = C.scalar(at: pos, in: s)
        let afterIsWhitespace = C.isUnicodeWhitespace(after)
        let afterIsPunctuation = C.isUnicodePunctuation(after)
        let beforeIsWhitespace = C.isUnicodeWhitespace(before)
        let beforeIsPunctuation = C.isUnicodePunctuation(before)
        let leftFlanking =
            !afterIsWhitespace && (!afterIsPunctuation || beforeIsWhitespace || beforeIsPunctuation)
        let rightFlanking =
            !beforeIsWhitespace && (!beforeIsPunctuation || afterIsWhitespace || afterIsPunctuation)
        let canOpen: Bool
        let canClose: Bool
        if character == UInt8(ascii: "_") {
            canOpen = leftFlanking && (!rightFlanking || beforeIsPunctuation)
            canClose = rightFlanking && (!leftFlanking || afterIsPunctuation)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        guard canOpen || canClose else { return }
        let delimiter = Delimiter(
            character: character, count: count, node: node, previous: delimiters, canOpen: canOpen,
            canClose: canClose)
        delimiters?.next = delimiter
        delimiters = delimiter
    }

    mutating func removeDelimiter(_ delimiter: Delimiter) {
        delimiter.previous?.next = delimiter.next
        if let next = delimiter.next {
            next.previous = delimiter.previous
        } else {
            delimiters = delimiter.previous
        }
    }

    /// §6.3 "process emphasis": matches closers with openers above `bottom`, innermost first,
    /// with the rule of 3 and a lower bound per kind of closer so each search is done once.
    mutating func processEmphasis(bottom: Delimiter?) {
        var openersBottom = [Delimiter?](repeating: bottom, count: 16)
        var closer = delimiters
        while let current = closer, current.previous !== bottom {
            closer = current.previous
        }
        while let current = closer {
            guard current.canClose else {
                closer = current.next
                continue
            }
            let bottomIndex: Int
            switch current.character {
            case UInt8(ascii: "_"): bottomIndex = (current.canOpen ? 3 : 0) + current.originalCount % 3
            case UInt8(ascii: "*"): bottomIndex = 6 + (current.canOpen ? 3 : 0) + current.originalCount % 3
            default: bottomIndex = 12 + current.originalCount
            }
            var opener = current.previous
            var found = false
            while let candidate = opener, candidate !== bottom, candidate !== openersBottom[bottomIndex] {
                if candidate.character == current.character, candidate.canOpen {
                    if current.character == UInt8(ascii: "~") {
                        if candidate.count == current.count {
                            found = true
                            break
                        }
                    } else {
                        let oddMatch =
                            (current.canOpen || candidate.canClose) && current.originalCount % 3 != 0
                            && (candidate.originalCount + current.originalCount) % 3 == 0
                        if !oddMatch {
                            found = true
                            break
                        }
                    }
                }
                opener = candidate.previous
            }
            let oldCloser = current
            if found, let opener {
                let used =
                    current.character == UInt8(ascii: "~")
                    ? current.count : (current.count >= 2 && opener.count >= 2 ? 2 : 1)
                let kind: Node.Kind =
                    current.character == UInt8(ascii: "~") ? .strikethrough : (used == 1 ? .emphasis : .strong)
                opener.count -= used
                current.count -= used
                opener.node.literal.removeLast(used)
                current.node.literal.removeLast(used)
                let wrapper = make(kind, line: opener.node.line)
                var item = opener.node.next
                while let child = item, child !== current.node {
                    item = child.next
                    wrapper.append(child)
                }
                opener.node.insertAfter(wrapper)
                // Delimiters between opener and closer are now text.
                opener.next = current
                current.previous = opener
                if opener.count == 0 {
                    opener.node.unlink()
                    removeDelimiter(opener)
                }
                if current.count == 0 {
                    current.node.unlink()
                    closer = current.next
                    removeDelimiter(current)
                }
            } else {
                closer = current.next
                openersBottom[bottomIndex] = oldCloser.previous
                if !oldCloser.canOpen { removeDelimiter(oldCloser) }
            }
        }
        while let top = delimiters, top !== bottom {
            removeDelimiter(top)
        }
    }
}
