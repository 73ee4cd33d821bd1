import LMSModel
import Testing

/// The terminal Markdown renderer, from strings.
struct TerminalMarkdownTests {
    let plain = TerminalMarkdown(width: 40, color: false) { "/course/" + $0 }

    @Test func headingsAndEmphasis_ArePlainWithoutColour() {
        let lines = plain.render("# Title\n\nSome **bold** and *italic* text.\n\n## Part")
        #expect(lines == ["Title", "=====", "", "Some bold and italic text.", "", "Part", "----"])
    }

    @Test func emphasis_IsANSIWithColour() {
        let lines = TerminalMarkdown(width: 40, color: true).render("a **b** *c*")
        #expect(lines == ["a \u{1B}[1mb\u{1B}[0m \u{1B}[3mc\u{1B}[0m"])
    }

    @Test func controlSequencesInTheLesson_AreShown_OnlyTheRenderersOwnStylesAreANSI() {
        let lines = TerminalMarkdown(width: 60, color: true).render("a **b** \u{1B}]52;c;eA==\u{07} \u{9B}2J")
        #expect(lines == ["a \u{1B}[1mb\u{1B}[0m ␛]52;c;eA==␇ \u{FFFD}2J"])
    }

    @Test func paragraphs_WrapToTheWidth() {
        let lines = plain.render(String(repeating: "word ", count: 20))
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines.count == 3)
    }

    @Test func listsAndNumberedLists_HangTheirWrappedLines() {
        let lines = plain.render("- one\n- two is a much longer item that has to wrap somewhere\n\n1. first\n2. second")
        #expect(lines[0] == "  • one")
        #expect(lines[1].hasPrefix("  • two"))
        #expect(lines[2].hasPrefix("    "))
        #expect(lines.contains("  1. first"))
        #expect(lines.contains("  2. second"))
    }

    @Test func codeBlocks_AreIndentedAndNeverWrapped() {
        let long = String(repeating: "x", count: 60)
        let lines = plain.render("```python\n\(long)\nprint(1)\n```\n\n    indented code")
        #expect(lines[0] == "    " + long)
        #expect(lines[1] == "    print(1)")
        #expect(lines.contains("    indented code"))
    }

    @Test func tables_AlignColumnsAndShrinkToTheWidth() {
        let lines = plain.render("| A | Longer header |\n|---|---|\n| 1 | x |")
        #expect(lines == ["A │ Longer header", "──┼──────────────", "1 │ x"])
        let narrow = TerminalMarkdown(width: 20, color: false).render(
            "| a | \(String(repeating: "b", count: 40)) |\n|--|--|\n| c | d |")
        #expect(narrow.allSatisfy { $0.count <= 20 })
        #expect(narrow[0].hasSuffix("…"))
    }

    @Test func linksAndImages_ShowTargetsAndResolvedPaths() {
        let lines = TerminalMarkdown(width: 100, color: false) { $0.hasPrefix("http") ? $0 : "/c/" + $0 }
            .render("See [docs](https://x.org) and ![A chart](media/c.png) or ![](a.wav)")
        #expect(lines == ["See docs <https://x.org> and [image: A chart] → /c/media/c.png or [audio: ] → /c/a.wav"])
    }

    @Test func quotesAndRules_AreMarked() {
        #expect(plain.render("> quoted text") == ["│ quoted text"])
        #expect(plain.render("---") == [String(repeating: "─", count: 40)])
    }
}
