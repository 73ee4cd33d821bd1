import LMSModel
import Testing

/// The HTML subset, from strings.
struct HTMLSubsetTests {
    @Test func moodleQuestionText_BecomesAParagraph_WithStylesAndEntities() {
        let blocks = HTMLSubset.blocks("<p>What is CO<sub>2</sub> &amp; <b>why</b> does it matter&nbsp;?</p>")
        #expect(
            blocks == [
                MarkdownBlock(
                    .paragraph([
                        .text("What is CO"), .text("₂"), .text(" & "), .strong([.text("why")]),
                        .text(" does it matter\u{A0}?")
                    ]),
                    line: 1)
            ])
    }

    @Test func subAndSup_FallBackToMarks_WhenACharacterHasNoScriptForm() {
        #expect(
            HTMLSubset.inlines("x<sup>2</sup> a<sub>i</sub> e<sup>iπ</sup> y<sub>q</sub>") == [
                .text("x"), .text("²"), .text(" a"), .text("ᵢ"), .text(" e"), .text("^(iπ)"), .text(" y"), .text("_q")
            ])
    }

    @Test func entities_NumericAndNamed_AreDecoded_UnknownOnesKept() {
        #expect(HTMLSubset.decodeEntities("&lt;b&gt; &#233;&#x1F600; &eacute; &bogus; & x") == "<b> é😀 é &bogus; & x")
        #expect(HTMLSubset.decodeEntities("&#0;&#xD800;") == "\u{FFFD}\u{FFFD}")
    }

    @Test func brIsALineBreak_CommentsVanish_OtherTagsAreText() {
        #expect(
            HTMLSubset.inlines("a<br>b<!-- hidden -->c<marquee>d</marquee>") == [
                .text("a"), .hardBreak, .text("b"), .text("c"), .text("<marquee>"), .text("d"), .text("</marquee>")
            ])
    }

    @Test func imagesAndLinks_BecomeTheModelsImagesAndLinks() {
        let inlines = HTMLSubset.inlines(
            #"<a href="https://x.org">site</a> <img src="img/a.png" alt="A chart">"#, line: 4)
        #expect(
            inlines == [
                .link(MarkdownLink(destination: "https://x.org", children: [.text("site")], line: 4)), .text(" "),
                .image(MarkdownImage(source: "img/a.png", alt: [.text("A chart")], line: 4))
            ])
    }

    @Test func detailsAndSummary_ShowTheSummaryAsALine_AndTheContent() {
        let blocks = HTMLSubset.blocks("<details><summary>Hint</summary><p>Try <code>ls</code>.</p></details>")
        #expect(
            blocks.map(\.kind) == [
                .paragraph([.strong([.text("▸ "), .text("Hint")])]),
                .paragraph([.text("Try "), .code("ls"), .text(".")])
            ])
    }

    @Test func listsTablesAndPre_BecomeBlocks() {
        let blocks = HTMLSubset.blocks(
            "<ol start=3><li>one<li>two</ol><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><pre>\nx &lt; 1\n  y</pre>"
        )
        guard blocks.count == 3, case .list(let list) = blocks[0].kind, case .table(let table) = blocks[1].kind else {
            Issue.record("expected a list, a table and code, got \(blocks)")
            return
        }
        #expect(list.start == 3)
        #expect(
            list.items.map(\.blocks) == [
                [MarkdownBlock(.paragraph([.text("one")]), line: 1)],
                [MarkdownBlock(.paragraph([.text("two")]), line: 1)]
            ])
        #expect(table.header == [[.text("A")], [.text("B")]])
        #expect(table.rows == [[[.text("1")], [.text("2")]]])
        #expect(blocks[2].kind == .code(info: "", literal: "x < 1\n  y\n"))
    }

    @Test func hostileNesting_IsBounded() {
        let deep = String(repeating: "<blockquote>", count: 10_000) + "x"
        let blocks = HTMLSubset.blocks(deep)
        #expect(!blocks.isEmpty)
        let inline = HTMLSubset.inlines(String(repeating: "<b>", count: 10_000) + "x")
        #expect(!inline.isEmpty)
    }

    @Test func unclosedTagsAndStrayBrackets_KeepTheirText() {
        #expect(HTMLSubset.inlines("a < b and <i>c") == [.text("a < b and "), .emphasis([.text("c")])])
        #expect(HTMLSubset.inlines("x</b>y") == [.text("x"), .text("y")])
    }
}
