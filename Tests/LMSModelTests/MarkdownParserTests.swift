import Foundation
import LMSModel
import Testing

/// The Markdown parser, from strings: the document tree the validator and the renderers walk.
struct MarkdownParserTests {
    func blocks(_ text: String, _ options: MarkdownOptions = .init()) -> [MarkdownBlock] {
        MarkdownParser.parse(text, options: options).blocks
    }

    @Test func headingsParagraphsAndEmphasis_AreBlocksOfInlines() {
        let result = blocks("# Title\n\nSome **bold** and *it*.\n")
        #expect(result[0] == MarkdownBlock(.heading(level: 1, [.text("Title")]), line: 1))
        #expect(
            result[1]
                == MarkdownBlock(
                    .paragraph([
                        .text("Some "), .strong([.text("bold")]), .text(" and "), .emphasis([.text("it")]), .text(".")
                    ]),
                    line: 3))
    }

    @Test func blocksIndentedUnderAListItem_BelongToTheItem() {
        let text =
            "1. Step one\n\n   More about it.\n\n   ```sh\n   make\n   ```\n\n   ![diagram](img/d.png)\n2. Step two\n"
        guard case .list(let list) = blocks(text)[0].kind else {
            Issue.record("not a list")
            return
        }
        #expect(list.start == 1 && !list.isTight && list.items.count == 2)
        let item = list.items[0].blocks
        #expect(item.count == 4)
        #expect(item[2] == MarkdownBlock(.code(info: "sh", literal: "make\n"), line: 5))
        #expect(
            item[3]
                == MarkdownBlock(
                    .paragraph([.image(MarkdownImage(source: "img/d.png", alt: [.text("diagram")], line: 9))]), line: 9)
        )
    }

    @Test func quoteHoldingAListAndCode_KeepsItsStructure() {
        let result = blocks("> - a\n> - b\n>\n> ```\n> code\n> ```\n")
        guard case .blockQuote(let inner) = result[0].kind else {
            Issue.record("not a quote")
            return
        }
        #expect(inner.count == 2)
        #expect(inner[1] == MarkdownBlock(.code(info: "", literal: "code\n"), line: 4))
    }

    @Test func numberedListsWrittenOneOneOne_StartAtOne() {
        guard case .list(let list) = blocks("1. a\n1. b\n1. c")[0].kind else {
            Issue.record("not a list")
            return
        }
        #expect(list.start == 1 && list.items.count == 3 && list.isTight && list.delimiter == ".")
    }

    @Test func linksAndImages_CarryTheirSourceLine_CountedFromFirstLine() {
        let text =
            "Intro\n\nSee [the next lesson](02-next.md \"Next\") and\n![a *cat*](cat.png).\n\n[ref]: https://example.org/x_(y)\n\n[ref]"
        let result = blocks(text, MarkdownOptions(firstLine: 5))
        #expect(result.map(\.line) == [5, 7, 12])
        guard case .paragraph(let inlines) = result[1].kind, case .paragraph(let last) = result[2].kind else {
            Issue.record("not paragraphs")
            return
        }
        #expect(
            inlines[1]
                == .link(
                    MarkdownLink(
                        destination: "02-next.md", title: "Next", children: [.text("the next lesson")], line: 7)))
        #expect(
            inlines[4]
                == .image(MarkdownImage(source: "cat.png", alt: [.text("a "), .emphasis([.text("cat")])], line: 8)))
        #expect(
            last == [.link(MarkdownLink(destination: "https://example.org/x_(y)", children: [.text("ref")], line: 12))])
    }

    @Test func linksInTableCellsAndBareURLs_CarryTheirOwnLine() {
        let result = blocks("| a |\n|---|\n| [x](x.md) |\n\none\ntwo www.example.org", MarkdownOptions(firstLine: 3))
        guard case .table(let table) = result[0].kind, case .paragraph(let inlines) = result[1].kind else {
            Issue.record("not a table and a paragraph")
            return
        }
        #expect(table.rows[0][0] == [.link(MarkdownLink(destination: "x.md", children: [.text("x")], line: 5))])
        let url = MarkdownLink(destination: "http://www.example.org", children: [.text("www.example.org")], line: 8)
        #expect(inlines == [.text("one"), .softBreak, .text("two "), .link(url)])
    }

    @Test func imageInsideALink_IsAnImageInTheLinkText() {
        guard case .paragraph(let inlines) = blocks("[![Watch](thumb.png)](https://video.example/v)")[0].kind else {
            Issue.record("not a paragraph")
            return
        }
        let image = MarkdownImage(source: "thumb.png", alt: [.text("Watch")], line: 1)
        #expect(
            inlines == [.link(MarkdownLink(destination: "https://video.example/v", children: [.image(image)], line: 1))]
        )
    }

    @Test func gitHubTable_HasAlignmentsAndPaddedRows() {
        let result = blocks("Before\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n| x \\| y | `q` | z | extra |\n\nAfter")
        #expect(result.count == 3)
        guard case .table(let table) = result[1].kind else {
            Issue.record("not a table")
            return
        }
        #expect(result[1].line == 2)
        #expect(table.alignments == [.left, .center, .right])
        #expect(table.header == [[.text("a")], [.text("b")], [.text("c")]])
        #expect(table.rows == [[[.text("1")], [.text("2")], []], [[.text("x | y")], [.code("q")], [.text("z")]]])
    }

    @Test func tableSyntax_IsAParagraphInPlainCommonMark() {
        let result = blocks("| a |\n|---|\n", .commonMark)
        #expect(result == [MarkdownBlock(.paragraph([.text("| a |"), .softBreak, .text("|---|")]), line: 1)])
    }

    @Test func taskItemsStrikethroughAndBareURLs_AreGitHubExtensions() {
        guard case .list(let list) = blocks("- [ ] todo ~~old~~\n- [x] done www.example.org.\n- [y] not a task")[0].kind
        else {
            Issue.record("not a list")
            return
        }
        #expect(list.items.map(\.task) == [false, true, nil])
        #expect(list.items[0].blocks[0].kind == .paragraph([.text("todo "), .strikethrough([.text("old")])]))
        let link = MarkdownLink(destination: "http://www.example.org", children: [.text("www.example.org")], line: 2)
        #expect(list.items[1].blocks[0].kind == .paragraph([.text("done "), .link(link), .text(".")]))
    }

    @Test func emailAndURLWithParentheses_AreAutolinked() {
        guard
            case .paragraph(let inlines) = blocks(
                "Mail a.b@example.org or https://en.wikipedia.org/wiki/Air_gap_(networking).")[0].kind
        else {
            Issue.record("not a paragraph")
            return
        }
        #expect(inlines.count == 5)
        #expect(
            inlines[1]
                == .link(
                    MarkdownLink(destination: "mailto:a.b@example.org", children: [.text("a.b@example.org")], line: 1)))
        #expect(
            inlines[3]
                == .link(
                    MarkdownLink(
                        destination: "https://en.wikipedia.org/wiki/Air_gap_(networking)",
                        children: [.text("https://en.wikipedia.org/wiki/Air_gap_(networking)")], line: 1)))
    }

    @Test func rawHTMLAndComments_AreKeptAsHTML() {
        let result = blocks("<!-- translated -->\n\nCO<sub>2</sub> &amp; H<sub>2</sub>O")
        #expect(result[0].kind == .html("<!-- translated -->\n"))
        #expect(
            result[1].kind
                == .paragraph([
                    .text("CO"), .html("<sub>"), .text("2"), .html("</sub>"), .text(" & H"), .html("<sub>"), .text("2"),
                    .html("</sub>"), .text("O")
                ]))
    }

    @Test func lineEndings_CRLFAndCR_AreLineEndings() {
        #expect(
            blocks("a\r\nb\rc") == [
                MarkdownBlock(.paragraph([.text("a"), .softBreak, .text("b"), .softBreak, .text("c")]), line: 1)
            ])
    }

    // MARK: - Hostile input

    /// 10,000 nested markers of each kind parse quickly and without deep recursion.
    @Test(arguments: [">", "[", "*", "- ", "1. ", "![", "(", "<", "`", "_a ", "**a ", "[a](", "> - "])
    func pathologicalNesting_FinishesQuickly(marker: String) {
        let text = String(repeating: marker, count: 10_000) + "x" + String(repeating: "]", count: 100)
        let start = Date()
        let document = MarkdownParser.parse(text)
        _ = MarkdownHTMLRenderer.html(document)
        #expect(!document.blocks.isEmpty)
        #expect(Date().timeIntervalSince(start) < 2, "\(marker) took too long")
    }

    @Test func deeplyNestedEmphasis_IsFlattenedPastTheLimit() {
        let text = String(repeating: "*a ", count: 5_000) + "b" + String(repeating: " a*", count: 5_000)
        let document = MarkdownParser.parse(text)
        var depth = 0
        var inlines: [MarkdownInline]
        guard case .paragraph(let top) = document.blocks[0].kind else {
            Issue.record("not a paragraph")
            return
        }
        inlines = top
        while let emphasis = inlines.first(where: { if case .emphasis = $0 { true } else { false } }),
            case .emphasis(let children) = emphasis
        {
            depth += 1
            inlines = children
        }
        #expect(depth > 10 && depth <= 65)
    }

    @Test func manyUnclosedCommentsAndCodeSpans_StayLinear() {
        for unit in ["<!-- a ", "<? a ", "`` a ` ", "<![CDATA[ ", "<a href=\""] {
            let text = String(repeating: unit, count: 20_000)
            let start = Date()
            _ = MarkdownParser.parse(text)
            #expect(Date().timeIntervalSince(start) < 2, "\(unit) took too long")
        }
    }
}
