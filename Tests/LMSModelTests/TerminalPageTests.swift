import LMSModel
import Testing

struct TerminalPageTests {
    @Test func coloursAreEmittedAs24BitSGROnlyWhenColourIsOn() {
        let line = TerminalLine(
            "a▀b",
            spans: [
                TerminalSpan(
                    1..<2, [], foreground: TerminalRGB(r: 1, g: 2, b: 3), background: TerminalRGB(r: 250, g: 0, b: 9))
            ])
        #expect(line.text(color: true) == "a\u{1B}[38;2;1;2;3;48;2;250;0;9m▀\u{1B}[0mb")
        #expect(line.text(color: false) == "a▀b")
    }

    @Test func aStyleAndAColourShareOneSequence() {
        let line = TerminalLine("x", spans: [TerminalSpan(0..<1, .bold, foreground: TerminalRGB(r: 9, g: 8, b: 7))])
        #expect(line.text(color: true) == "\u{1B}[1;38;2;9;8;7mx\u{1B}[0m")
    }

    @Test func spansWithoutColoursKeepTheirStyleSequence() {
        let line = TerminalLine("link", spans: [TerminalSpan(0..<4, .link)])
        #expect(line.text(color: true) == "\u{1B}[4;34mlink\u{1B}[0m")
    }
}
