import Testing
@testable import LMSModel

struct QuestionTextTests {
    @Test func moodleFormat_KeepsStarsUnderscoresAndLineBreaks_Literally() {
        let doc = QuestionText.document("What is 3 * 4 * 5?\n__init__ and _____\n\nNext", format: .moodle)
        #expect(
            doc.blocks == [
                MarkdownBlock(
                    .paragraph([
                        .text("What is 3 * 4 * 5?"), .hardBreak, .text("__init__ and _____")
                    ]), line: 1),
                MarkdownBlock(.paragraph([.text("Next")]), line: 4)
            ])
        #expect(QuestionText.document("a *b*", format: .plain) == QuestionText.literal("a *b*"))
    }

    @Test func markdownFormat_GoesToTheMarkdownParser() {
        let parsed = MarkdownDocument(blocks: [MarkdownBlock(.paragraph([.strong([.text("x")])]), line: 1)])
        #expect(QuestionText.document("**x**", format: .markdown, parseMarkdown: { _ in parsed }) == parsed)
    }

    @Test func htmlFormat_DecodesEntities_BreaksLines_DropsTags() {
        let html =
            "<p>Is <b>this</b> bold &amp; 5 &lt; 6&#33;</p><p>Line<br/>break &mdash; &#x263A;</p>"
            + "<ul><li>one</li><li>two</li></ul><script>alert(1)</script><!-- hidden -->"
        #expect(HTMLText.plainText(html) == "Is this bold & 5 < 6!\n\nLine\nbreak — ☺\n\n• one\n• two")
        #expect(HTMLText.plainText("a &unknown; b & c < d") == "a &unknown; b & c < d")
        #expect(
            QuestionText.document("<p>A</p><p>B</p>", format: .html).blocks.count == 2)
    }

    @Test func plainOneLineText_ReducesHTMLOnly() {
        #expect(QuestionText.plain("<b>x</b> &amp; y", format: .html) == "x & y")
        #expect(QuestionText.plain("<b>x</b>", format: .moodle) == "<b>x</b>")
    }

    @Test func terminalRendering_OfLiteralText_WrapsEachLine_AndKeepsStars() {
        let renderer = TerminalMarkdown(width: 20, color: false)
        let lines = renderer.render(QuestionText.document("What is 3 * 4 * 5 in the end?\nshort", format: .moodle))
        #expect(lines == ["What is 3 * 4 * 5 in", "the end?", "short", ""])
    }
}
