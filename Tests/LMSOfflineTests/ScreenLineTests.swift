import LMSModel
import Testing

@testable import lms_offline

/// Fitting rows to the terminal's width by display columns.
struct ScreenLineTests {
    @Test func longLine_IsCutWithAnEllipsis_ByDisplayColumns() {
        #expect(ScreenLine("abcdefghij").fitted(to: 5).text == "abcd…")
        // CJK takes two columns each: 日本 is 4 columns, then the ellipsis.
        let cut = ScreenLine("日本語のテキスト").fitted(to: 6)
        #expect(cut.text == "日本…")
        #expect(DisplayWidth.of(cut.text) <= 6)
        #expect(ScreenLine("e\u{301}te\u{301}").fitted(to: 4).text == "e\u{301}te\u{301}")
    }

    @Test func selectedLine_IsPaddedAndReversed_EvenWithoutColour() {
        let line = ScreenLine("hi", selected: true).fitted(to: 5)
        #expect(line.text == "hi   ")
        #expect(line.rendered(color: false) == "\u{1B}[7mhi   \u{1B}[0m")
    }

    @Test func styles_OnlyWithColour() {
        let line = ScreenLine("Title", style: .bold)
        #expect(line.rendered(color: false) == "Title")
        #expect(line.rendered(color: true) == "\u{1B}[1mTitle\u{1B}[0m")
    }

    @Test func highlight_ReversesItsCharacters() {
        var line = ScreenLine("see <here> now")
        line.highlight = 5..<9
        #expect(line.rendered(color: false) == "see <\u{1B}[7mhere\u{1B}[27m> now")
    }
}
