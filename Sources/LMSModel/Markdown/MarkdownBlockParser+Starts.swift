extension MarkdownBlockParser {
    typealias Starts = MarkdownBlockStarts

    /// Tries each block start in the order of the reference implementation.
    mutating func tryBlockStarts(_ container: Node) -> Start {
        let deepEnough = container.depth >= MarkdownLimits.maxContainerDepth
        if !indented, nextNonspace < line.count {
            let b = line[nextNonspace]
            if b == UInt8(ascii: ">"), !deepEnough {
                startBlockQuote()
                return .container
            }
            if b == UInt8(ascii: "#"), let level = Starts.atxLevel(line, from: nextNonspace) {
                advanceNextNonspace()
                advanceOffset(level, columns: false)
                closeUnmatchedBlocks()
                let heading = addChild(.heading)
                heading.level = level
                heading.content = Starts.atxContent(line, from: offset)
                advanceOffset(line.count - offset, columns: false)
                return .leaf
            }
            if let fence = Starts.codeFence(line, from: nextNonspace) {
                closeUnmatchedBlocks()
                let code = addChild(.code)
                code.isFenced = true
                code.fenceCharacter = fence.character
                code.fenceLength = fence.length
                code.fenceOffset = indent
                advanceNextNonspace()
                advanceOffset(fence.length, columns: false)
                return .leaf
            }
            if b == UInt8(ascii: "<"),
                let type = Starts.htmlBlockStart(
                    line, from: nextNonspace,
                    inParagraph: container.kind == .paragraph || (!allClosed && !blank && tip.kind == .paragraph))
            {
                closeUnmatchedBlocks()
                // The spaces before the tag are part of the HTML block.
                let html = addChild(.html)
                html.htmlType = type
                return .leaf
            }
            if options.gitHubExtensions, container.kind == .paragraph, startTable(container) {
                return .leaf
            }
            if container.kind == .paragraph, let level = Starts.setextLevel(line, from: nextNonspace),
                startSetextHeading(container, level: level)
            {
                return .leaf
            }
            if Starts.isThematicBreak(line, from: nextNonspace) {
                closeUnmatchedBlocks()
                addChild(.thematicBreak)
                advanceOffset(line.count - offset, columns: false)
                return .leaf
            }
        }
        if !indented || container.kind == .list, !deepEnough, let data = readListMarker(container) {
            closeUnmatchedBlocks()
            if tip.kind != .list || tip.list.isOrdered != data.isOrdered || tip.list.delimiter != data.delimiter {
                let list = addChild(.list)
                list.list = data
            }
            let item = addChild(.item)
            item.list = data
            return .container
        }
        if indented, tip.kind != .paragraph, tip.kind != .table, !blank {
            advanceOffset(Self.codeIndent, columns: true)
            closeUnmatchedBlocks()
            addChild(.code)
            return .leaf
        }
        return .none
    }

    private mutating func startBlockQuote() {
        advanceNextNonspace()
        advanceOffset(1, columns: false)
        if let b = peek(offset), C.isSpaceOrTab(b) { advanceOffset(1, columns: true) }
        closeUnmatchedBlocks()
        addChild(.blockQuote)
    }

    private mutating func startSetextHeading(_ paragraph: Node, level: Int) -> Bool {
        closeUnmatchedBlocks()
        extractReferenceDefinitions(paragraph)
        guard !paragraph.content.isEmpty else { return false }
        let heading = Node(.heading, line: paragraph.startLine, depth: paragraph.depth)
        heading.level = level
        heading.content = paragraph.content
        paragraph.replace(with: heading)
        tip = heading
        advanceOffset(line.count - offset, columns: false)
        return true
    }

    /// §5.2 list markers: `-`, `+`, `*`, or 1–9 digits then `.` or `)`, then 1–4 spaces.
    private mutating func readListMarker(_ container: Node) -> Node.ListData? {
        guard indent < 4, nextNonspace < line.count else { return nil }
        let b = line[nextNonspace]
        var data = Node.ListData(isOrdered: false, delimiter: b, start: 1, markerOffset: indent, padding: 0)
        var markerLength = 1
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: "*") {
            data.isOrdered = false
        } else if C.isDigit(b) {
            var i = nextNonspace
            var value = 0
            while i < line.count, C.isDigit(line[i]), i - nextNonspace < 10 {
                value = value * 10 + Int(line[i] - 0x30)
                i += 1
            }
            let digits = i - nextNonspace
            guard digits <= 9, i < line.count, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: ")") else {
                return nil
            }
            // §5.3: only a list starting at 1 can interrupt a paragraph.
            if container.kind == .paragraph, value != 1 { return nil }
            data.isOrdered = true
            data.start = value
            data.delimiter = line[i]
            markerLength = digits + 1
        } else {
            return nil
        }
        let after = nextNonspace + markerLength
        if after < line.count, !C.isSpaceOrTab(line[after]) { return nil }
        if container.kind == .paragraph, C.isBlank(line, from: after) { return nil }

        advanceNextNonspace()
        advanceOffset(markerLength, columns: true)
        let spacesStartColumn = column
        let spacesStartOffset = offset
        repeat {
            advanceOffset(1, columns: true)
        } while column - spacesStartColumn < 5 && peek(offset).map(C.isSpaceOrTab) == true
        let blankItem = offset >= line.count
        let spacesAfterMarker = column - spacesStartColumn
        if spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem {
            data.padding = markerLength + 1
            column = spacesStartColumn
            offset = spacesStartOffset
            partiallyConsumedTab = false
            if let b = peek(offset), C.isSpaceOrTab(b) { advanceOffset(1, columns: true) }
        } else {
            data.padding = markerLength + spacesAfterMarker
        }
        return data
    }
}
