import LMSModel
import Testing

/// Hand-built documents, so that these tests say what the renderer does whatever the parser does.
enum Doc {
    static func paragraph(_ inlines: MarkdownInline...) -> MarkdownBlock { MarkdownBlock(.paragraph(inlines), line: 1) }
    static func text(_ s: String) -> MarkdownBlock { paragraph(.text(s)) }
    static func list(start: Int? = nil, tight: Bool = true, _ items: [MarkdownBlock]...) -> MarkdownBlock {
        MarkdownBlock(
            .list(
                MarkdownList(
                    start: start, delimiter: start == nil ? "-" : ".", isTight: tight,
                    items: items.map { MarkdownListItem(blocks: $0) })), line: 1)
    }
    static func code(_ literal: String) -> MarkdownBlock { MarkdownBlock(.code(info: "", literal: literal), line: 1) }
    static func quote(_ blocks: MarkdownBlock...) -> MarkdownBlock { MarkdownBlock(.blockQuote(blocks), line: 1) }
    static func heading(_ level: Int, _ s: String) -> MarkdownBlock {
        MarkdownBlock(.heading(level: level, [.text(s)]), line: 1)
    }
    static func link(_ text: String, _ destination: String) -> MarkdownInline {
        .link(MarkdownLink(destination: destination, children: [.text(text)], line: 1))
    }
    static func image(_ alt: String, _ source: String) -> MarkdownInline {
        .image(MarkdownImage(source: source, alt: alt.isEmpty ? [] : [.text(alt)], line: 1))
    }
    static func table(_ header: [String], _ rows: [[String]]) -> MarkdownBlock {
        MarkdownBlock(
            .table(
                MarkdownTable(
                    alignments: header.map { _ in .none }, header: header.map { [.text($0)] },
                    rows: rows.map { $0.map { [.text($0)] } })), line: 1)
    }
}

/// The terminal renderer, from documents built by hand.
struct MarkdownTerminalRendererTests {
    func render(_ blocks: MarkdownBlock..., width: Int = 40, color: Bool = false) -> [String] {
        MarkdownTerminalRenderer(width: width, color: color, resolve: resolver).render(MarkdownDocument(blocks: blocks))
            .text(color: false)
    }

    func page(_ blocks: MarkdownBlock..., width: Int = 40) -> TerminalPage {
        MarkdownTerminalRenderer(width: width, color: false, resolve: resolver).render(MarkdownDocument(blocks: blocks))
    }

    /// A course with one other lesson, `basics/why`, at `01-basics/02-why.md`.
    let resolver: (String) -> LinkTarget = { destination in
        if destination == "02-why.md" { return .item(id: "basics/why", anchor: nil) }
        if destination.hasPrefix("media/") {
            return .file(path: "01-basics/" + destination, absolutePath: "/data/store/ab12/01-basics/" + destination)
        }
        return MarkdownTerminalRenderer.defaultTarget(destination)
    }

    // MARK: - Paragraphs and wrapping

    @Test func paragraphs_WrapAtSpacesToTheWidth_AtEveryWidth() {
        let words = String(repeating: "lorem ipsum dolor ", count: 30)
        for width in [100, 60, 20] {
            let lines = render(Doc.text(words), width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(lines.joined(separator: " ").split(separator: " ").count == 90)
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasPrefix(" ") })
        }
    }

    @Test func aWordLongerThanTheLine_BreaksWhereItMust() {
        let long = String(repeating: "x", count: 50)
        let lines = render(Doc.text("see " + long + " end"), width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.joined().filter { $0 == "x" }.count == 50)
    }

    @Test func wideCharacters_CountTwoColumns_AndCombiningMarksNone() {
        let cjk = String(repeating: "漢字 ", count: 20)
        let lines = render(Doc.text(cjk), width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines[0] == "漢字 漢字 漢字 漢字")
        let emoji = render(Doc.text(String(repeating: "🎉🎉 ", count: 10)), width: 20)
        #expect(emoji.allSatisfy { DisplayWidth.of($0) <= 20 })
        let combining = render(Doc.text(String(repeating: "e\u{301}e\u{301}e\u{301} ", count: 10)), width: 20)
        #expect(combining[0].count == 19) // five 3-letter words and four spaces, accents take no column
    }

    @Test func softBreaksJoinLines_HardBreaksKeepThem() {
        #expect(render(Doc.paragraph(.text("one"), .softBreak, .text("two"))) == ["one two"])
        #expect(render(Doc.paragraph(.text("one"), .hardBreak, .text("two"))) == ["one", "two"])
    }

    @Test func emphasisAndCode_AreStyledSpans_CodeKeepsBackticksWithoutColour() {
        let doc = MarkdownDocument(blocks: [Doc.paragraph(.text("a "), .strong([.text("b")]), .text(" "), .code("c"))])
        let plain = MarkdownTerminalRenderer(width: 40, color: false).render(doc)
        #expect(plain.lines[0].text == "a b `c`")
        let colored = MarkdownTerminalRenderer(width: 40, color: true).render(doc)
        #expect(colored.lines[0].text == "a b c")
        #expect(colored.text(color: true)[0] == "a \u{1B}[1mb\u{1B}[0m \u{1B}[36mc\u{1B}[0m")
    }

    @Test func controlSequencesFromThePackage_AreShownNotObeyed() {
        let hostile = "a \u{1B}]52;c;eA==\u{07} \u{9B}2J \u{1B}[2J"
        let page = MarkdownTerminalRenderer(width: 60).render(
            MarkdownDocument(blocks: [
                Doc.text(hostile), Doc.code(hostile + "\n"), Doc.paragraph(Doc.link("x", "https://e/\u{1B}[2J")),
                MarkdownBlock(.html("<b>\u{1B}[31m</b>\n"), line: 1)
            ]))
        let all = page.text(color: true).joined()
        #expect(!all.contains("\u{1B}]"))
        #expect(!all.contains("\u{9B}"))
        #expect(!all.contains("\u{1B}[2J"))
        #expect(!all.contains("\u{1B}[31m"))
        #expect(page.lines[0].text == "a ␛]52;c;eA==␇ \u{FFFD}2J ␛[2J")
    }

    // MARK: - Headings

    @Test func headings_AreStyled_AndRecordGitHubAnchors() {
        let page = page(
            Doc.heading(1, "Getting Started!"), Doc.text("x"), Doc.heading(2, "Setup"), Doc.heading(3, "Setup"))
        #expect(
            page.lines.map(\.text) == [
                "Getting Started!", "════════════════", "", "x", "", "Setup", "─────", "", "Setup", "┄┄┄┄┄"
            ])
        #expect(page.anchors == ["getting-started": 0, "setup": 5, "setup-1": 8])
        #expect(page.lines[0].spans == [TerminalSpan(0..<16, .heading)])
    }

    @Test func minorHeadings_WithoutColour_AreRuledSoTheyDoNotReadAsText() {
        let plain = render(Doc.text("a"), Doc.heading(4, "Step"), Doc.text("b"), Doc.heading(6, "Tip"), color: false)
        #expect(plain == ["a", "", "Step", "┈┈┈┈", "", "b", "", "Tip", "┈┈┈"])
        let styled = MarkdownTerminalRenderer(width: 40, color: true).render(
            MarkdownDocument(blocks: [Doc.heading(4, "Step")]))
        #expect(styled.lines.map(\.text) == ["Step"])
    }

    @Test func slugs_FollowGitHub() {
        #expect(MarkdownTerminalRenderer.slug("What's new in 2.0?") == "whats-new-in-20")
        #expect(MarkdownTerminalRenderer.slug("Über  Café_x") == "über--café_x")
    }

    // MARK: - Lists and nesting

    @Test func orderedLists_CountFromTheirStart_WhateverTheSourceWrote() {
        let lines = render(Doc.list(start: 7, [Doc.text("a")], [Doc.text("b")], [Doc.text("c")], [Doc.text("d")]))
        #expect(lines == ["   7. a", "   8. b", "   9. c", "  10. d"])
    }

    @Test func looseLists_HaveBlankLinesBetweenItems_TightListsNone() {
        #expect(render(Doc.list([Doc.text("a")], [Doc.text("b")])) == ["  • a", "  • b"])
        #expect(render(Doc.list(tight: false, [Doc.text("a")], [Doc.text("b")])) == ["  • a", "", "  • b"])
    }

    @Test func taskItems_ShowTheirBoxes() {
        let list = MarkdownBlock(
            .list(
                MarkdownList(
                    start: nil, delimiter: "-", isTight: true,
                    items: [
                        MarkdownListItem(task: false, blocks: [Doc.text("todo")]),
                        MarkdownListItem(task: true, blocks: [Doc.text("done")])
                    ])), line: 1)
        #expect(render(list) == ["  • [ ] todo", "  • [x] done"])
    }

    @Test func everythingInAListItem_HangsUnderItsText() {
        let item: [MarkdownBlock] = [
            Doc.text("Install the tool and then check that it works by running it once"),
            Doc.code("tool --version\n"),
            Doc.quote(Doc.text("Note: it needs a network")),
            Doc.paragraph(Doc.image("The window", "media/window.png")),
            Doc.list([Doc.text("nested one")], [Doc.list(start: 1, [Doc.text("deep")])])
        ]
        let lines = render(Doc.list(start: 1, tight: false, item, [Doc.text("Next step")]), width: 40)
        #expect(
            lines == [
                "  1. Install the tool and then check",
                "     that it works by running it once",
                "",
                "         tool --version",
                "",
                "     │ Note: it needs a network",
                "",
                "     [image: The window · window.png]",
                "",
                "     ◦ nested one",
                "     ◦ 1. deep",
                "",
                "  2. Next step"
            ])
    }

    @Test func quotes_HoldListsAndCode_WithABarOnEveryLine() {
        let lines = render(Doc.quote(Doc.text("Config:"), Doc.code("a = 1\nb = 2\n"), Doc.list([Doc.text("x")])))
        #expect(lines == ["│ Config:", "│", "│     a = 1", "│     b = 2", "│", "│   • x"])
    }

    @Test func deepNesting_StaysWithinTheWidth() {
        var block = Doc.text("the innermost paragraph has several words in it")
        for level in 0..<15 { block = level % 2 == 0 ? Doc.list([block]) : Doc.quote(block) }
        for width in [100, 60, 20] {
            let lines = render(block, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(lines.joined(separator: " ").contains("innermost"))
        }
    }

    // MARK: - Code

    @Test func codeIsNeverReflowed_ALongLineBreaksMarked() {
        let long = String(repeating: "x", count: 50)
        let lines = render(Doc.code("if a:\n\tprint(1)\n" + long + "\n"), width: 40)
        #expect(lines[0] == "    if a:")
        #expect(lines[1] == "        print(1)")
        #expect(lines[2].hasSuffix("↩") && DisplayWidth.of(lines[2]) <= 40)
        #expect(lines.dropFirst(2).joined().filter { $0 == "x" }.count == 50)
    }

    @Test func aMermaidFence_IsCaptionedAsADiagramsSource() {
        let diagram = MarkdownBlock(.code(info: "mermaid", literal: "flowchart LR\n  A --> B\n"), line: 1)
        let lines = render(diagram, width: 60)
        #expect(
            lines == ["[diagram: mermaid source, drawn as a picture on GitHub]", "    flowchart LR", "      A --> B"])
        let plain = MarkdownBlock(.code(info: "javascript", literal: "let a = 1\n"), line: 1)
        #expect(render(plain, width: 60) == ["    let a = 1"])
        let narrow = render(diagram, width: 20)
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(narrow.joined(separator: " ").contains("mermaid source"))
    }

    // MARK: - Tables

    @Test func tables_AlignColumns_WhenTheyFit() {
        let lines = render(Doc.table(["A", "Longer header"], [["1", "x"]]))
        #expect(lines == ["A │ Longer header", "──┼──────────────", "1 │ x"])
    }

    @Test func tables_WrapCellsToFit_NeverDroppingText() {
        let long = "a sentence long enough that it cannot fit in one column of a narrow terminal"
        let table = Doc.table(["Term", "Meaning"], [["loop", long], ["list", "many values"]])
        for width in [60, 40] {
            let lines = render(table, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            let words = lines.joined(separator: " ").split(separator: " ")
            for word in long.split(separator: " ") { #expect(words.contains(word)) }
            #expect(lines.contains { $0.hasPrefix("Term │ Meaning") })
        }
    }

    @Test func tablesThatCannotFit_BecomeOneRecordPerRow() {
        let header = ["Name", "Population", "Capital city", "Official languages", "Currency"]
        let table = Doc.table(header, [["Kenya", "53 million", "Nairobi", "English, Swahili", "Shilling"]])
        let lines = render(table, width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.first == "Name: Kenya")
        #expect(lines.contains("Population: 53"))
        #expect(lines.contains("Capital city:"))
        #expect(render(table, width: 100).first?.hasPrefix("Name  │ Population") == true)
    }

    // MARK: - Links and images

    @Test func aLinkToALesson_ShowsItsID() {
        let page = page(Doc.paragraph(.text("Read "), Doc.link("why", "02-why.md"), .text(" next")))
        #expect(page.lines.map(\.text) == ["Read why [→ basics/why] next"])
        #expect(
            page.links == [
                TerminalPageLink(line: 0, columns: 5..<23, target: .item(id: "basics/why", anchor: nil), isImage: false)
            ])
    }

    @Test func webLinks_ShowTheirAddressOnceAndWhole() {
        let url = "https://en.wikipedia.org/wiki/Air_gap_(networking)"
        #expect(render(Doc.paragraph(Doc.link("air gap", url)), width: 100) == ["air gap <\(url)>"])
        #expect(render(Doc.paragraph(Doc.link(url, url)), width: 100) == [url])
        #expect(render(Doc.paragraph(Doc.link("example.org", "https://example.org/")), width: 100) == ["example.org"])
    }

    @Test func anchorLinks_ShowOnlyTheirText() {
        let page = page(Doc.paragraph(Doc.link("see setup", "#setup")))
        #expect(page.lines[0].text == "see setup")
        #expect(page.links[0].target == .anchor("setup"))
    }

    @Test func images_ShowAltAndShortName_NeverTheStoragePath() {
        let page = page(Doc.paragraph(Doc.image("Diagram of a loop", "media/loop.png")), width: 60)
        #expect(page.lines[0].text == "[image: Diagram of a loop · loop.png]")
        #expect(!page.lines[0].text.contains("/data/store"))
        #expect(page.links[0].isImage)
        #expect(
            page.links[0].target
                == .file(path: "01-basics/media/loop.png", absolutePath: "/data/store/ab12/01-basics/media/loop.png"))
        #expect(render(Doc.paragraph(Doc.image("", "media/a%20b.mp3"))) == ["[audio: a b.mp3]"])
    }

    @Test func anImageInsideALink_IsOneItem() {
        let thumbnail = MarkdownInline.link(
            MarkdownLink(
                destination: "https://youtu.be/abc", children: [Doc.image("Intro video", "media/thumb.png")], line: 1))
        let page = page(Doc.paragraph(thumbnail), width: 60)
        #expect(page.lines.map(\.text) == ["[video: Intro video → https://youtu.be/abc]"])
        #expect(page.links.count == 1)
        #expect(page.links[0].target == .external("https://youtu.be/abc"))
        #expect(page.links[0].isImage)
    }

    @Test func links_RecordTheirLineAndColumns_InsideNestedBlocks() {
        let page = page(
            Doc.text("intro"), Doc.quote(Doc.list([Doc.paragraph(.text("go "), Doc.link("why", "02-why.md"))])))
        #expect(page.lines[2].text == "│   • go why [→ basics/why]")
        #expect(
            page.links == [
                TerminalPageLink(line: 2, columns: 9..<27, target: .item(id: "basics/why", anchor: nil), isImage: false)
            ])
        let characters = Array(page.lines[2].text)
        #expect(String(characters[page.links[0].columns]) == "why [→ basics/why]")
    }

    @Test func linksInTableCells_RecordTheirColumns() {
        let table = MarkdownBlock(
            .table(
                MarkdownTable(
                    alignments: [.none, .none], header: [[.text("Lesson")], [.text("Go")]],
                    rows: [[[.text("Why")], [Doc.link("why", "02-why.md")]]])), line: 1)
        let page = page(table, width: 60)
        let link = page.links[0]
        #expect(String(Array(page.lines[link.line].text)[link.columns]) == "why [→ basics/why]")
    }

    // MARK: - Raw HTML

    @Test func inlineHTML_IsRendered_CommentsHidden_OtherTagsShown() {
        let lines = render(
            Doc.paragraph(
                .text("CO"), .html("<sub>"), .text("2"), .html("</sub>"), .text(" and x"), .html("<sup>"), .text("n"),
                .html("</sup>"), .html("<!-- translated -->"), .text(" "), .html("<kbd>"), .text("Ctrl"),
                .html("</kbd>"),
                .text(" "), .html("<blink>"), .text("hi"), .html("</blink>")))
        #expect(lines == ["CO₂ and xⁿ `Ctrl` <blink>hi</blink>"])
    }

    @Test func htmlBlocks_DetailsShowTheirSummaryAndContent() {
        let blocks = [
            MarkdownBlock(.html("<!-- CO_OP_TRANSLATOR_METADATA: {} -->\n"), line: 1),
            MarkdownBlock(.html("<details>\n<summary>Answer</summary>\n"), line: 2), Doc.text("Forty-two."),
            MarkdownBlock(.html("</details>\n"), line: 6)
        ]
        #expect(render(blocks[0], blocks[1], blocks[2], blocks[3]) == ["▸ Answer", "", "Forty-two."])
    }

    // MARK: - From Markdown, through the parser

    func render(markdown: String, width: Int = 40) -> [String] {
        MarkdownTerminalRenderer(width: width, color: false, resolve: resolver).render(MarkdownParser.parse(markdown))
            .text(color: false)
    }

    @Test func numberedStepsWithFencedCode_ComeOutNestedNotRaw() {
        let markdown = "1. Open a terminal.\n\n   ```bash\n   git status\n   ```\n\n1. Read the output.\n1. Done.\n"
        let lines = render(markdown: markdown)
        #expect(
            lines == ["  1. Open a terminal.", "", "         git status", "", "  2. Read the output.", "", "  3. Done."]
        )
        #expect(!lines.joined().contains("```"))
    }

    @Test func aQuotedCodeFence_KeepsItsLines() {
        let lines = render(markdown: "> Put this in `.env`:\n>\n> ```\n> A=1\n> B=2\n> ```\n")
        #expect(lines == ["│ Put this in `.env`:", "│", "│     A=1", "│     B=2"])
    }

    @Test func rulesAndQuotes_AreMarked() {
        #expect(render(markdown: "> quoted text") == ["│ quoted text"])
        #expect(render(markdown: "---") == [String(repeating: "─", count: 40)])
    }

    @Test func aLessonLinkAndAVideoThumbnail_FromMarkdown() {
        let markdown =
            "See [why](02-why.md).\n\n[![Intro](https://img.youtube.com/vi/x/0.jpg)](https://youtu.be/x \"Intro\")\n"
        #expect(
            render(markdown: markdown, width: 60) == [
                "See why [→ basics/why].", "", "[video: Intro → https://youtu.be/x]"
            ])
    }

    @Test func translationCommentsAndInlineHTML_FromMarkdown() {
        let markdown =
            "<!--\nCO_OP_TRANSLATOR_METADATA: {}\n-->\n# Title\n\nCO<sub>2</sub> and H<sub>2</sub>O<br>next\n"
        #expect(render(markdown: markdown) == ["Title", "═════", "", "CO₂ and H₂O", "next"])
    }
}
