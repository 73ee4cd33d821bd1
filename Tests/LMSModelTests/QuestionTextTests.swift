import Testing
@testable import LMSModel

struct QuestionTextTests {
    @Test func moodleFormat_KeepsStarsUnderscoresAndLineBreaks_Literally() {
        let doc = QuestionText.document("What is 3 * 4 * 5?\n__init__ and _____\n\nNext", format: .moodle)
        #expect(
            doc.blocks == [
                MarkdownBlock(
                    .paragraph([.text("What is 3 * 4 * 5?"), .hardBreak, .text("__init__ and _____")]), line: 1),
                MarkdownBlock(.paragraph([.text("Next")]), line: 4)
            ])
        #expect(QuestionText.document("a *b*", format: .plain) == QuestionText.literal("a *b*"))
    }

    @Test func moodleFormat_RendersTheHTMLInIt_AsMoodleDoes_KeepingLineBreaks() {
        // Real banks write HTML without an [html] marker; Moodle's auto-format lets it through.
        let doc = QuestionText.document("What's <b>between</b> 3 * 4?\nNext &amp; last", format: .moodle)
        #expect(QuestionText.plainText(document: doc) == "What's between 3 * 4?\nNext & last")
        #expect(QuestionText.plain("<i>red</i>", format: .moodle) == "red")
        #expect(QuestionText.holdsHTML("a <b>b</b>"))
        #expect(QuestionText.holdsHTML("x &#233; y"))
        #expect(!QuestionText.holdsHTML("3 < 5 & 6 > 2; __init__"))
        #expect(QuestionText.document("3 < 5", format: .moodle) == QuestionText.literal("3 < 5"))
    }

    @Test func markdownFormat_IsParsedAsMarkdown() {
        let doc = QuestionText.document("Give **one** reason.", format: .markdown)
        #expect(
            doc.blocks == [
                MarkdownBlock(.paragraph([.text("Give "), .strong([.text("one")]), .text(" reason.")]), line: 1)
            ])
    }

    @Test func htmlFormat_GoesThroughTheHTMLSubset_EntitiesDecoded() {
        let doc = QuestionText.document("<p>Is <b>this</b> bold &amp; 5 &lt; 6?</p><p>Two</p>", format: .html)
        #expect(doc.blocks.count == 2)
        #expect(QuestionText.plainText(document: doc) == "Is this bold & 5 < 6?\nTwo")
    }

    @Test func plainOneLineText_DropsMarkupOfMarkdownAndHTMLOnly() {
        #expect(QuestionText.plain("<b>x</b> &amp; y", format: .html) == "x & y")
        #expect(QuestionText.plain("`def` and *f*", format: .markdown) == "def and f")
        #expect(QuestionText.plain("<b>x</b> *y*", format: .moodle) == "x *y*")
        #expect(QuestionText.plain("<b>x</b> *y*", format: .plain) == "<b>x</b> *y*")
    }

    @Test func terminal_ShowsGIFTDefaultTextAsWritten_AtAnyWidth() {
        let renderer = MarkdownTerminalRenderer(width: 20, color: false)
        let page = renderer.render(QuestionText.document("What is 3 * 4 * 5 in the end?\n__init__", format: .moodle))
        let text = page.text(color: false).joined(separator: "\n")
        #expect(text.contains("What is 3 * 4 * 5 in"))
        #expect(text.contains("__init__"))
        #expect(page.lines.allSatisfy { DisplayWidth.of($0.text) <= 20 })
    }
}
