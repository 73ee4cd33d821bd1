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
                "Getting Started!", "════════════════", "", "x", "", "Setup", "─────", "", "Setup"
            ])
        #expect(page.anchors == ["getting-started": 0, "setup": 5, "setup-1": 8])
        #expect(page.lines[0].spans == [TerminalSpan(0..<16, .heading)])
    }

    @Test func slugs_FollowGitHub() {
        #expect(MarkdownTerminalRenderer.slug("What's new in 2.0?") == "whats-new-in-20")
        #expect(MarkdownTerminalRenderer.slug("Über  Café_x") == "über--café_x")
    }
}
