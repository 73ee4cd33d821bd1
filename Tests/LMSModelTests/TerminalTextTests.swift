import LMSModel
import Testing

/// Someone else's text made safe to print on a terminal.
struct TerminalTextTests {
    @Test func clearScreen_IsShownNotObeyed() {
        #expect(TerminalText.sanitize("hi\u{1B}[2Jthere") == "hi␛[2Jthere")
    }

    @Test func osc52ClipboardWrite_IsShownNotObeyed() {
        let hostile = "\u{1B}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u{07}"
        let shown = TerminalText.sanitize(hostile)
        #expect(shown == "␛]52;c;Y3VybCBldmlsLnNoIHwgc2g=␇")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func csiColourAndCursorMoves_AreShownNotObeyed() {
        #expect(TerminalText.sanitize("\u{1B}[31mred\u{1B}[0m\u{1B}[1A") == "␛[31mred␛[0m␛[1A")
    }

    @Test func c1Controls_AndDelete_AreReplaced() {
        #expect(TerminalText.sanitize("a\u{9B}2Jb\u{85}c\u{7F}") == "a\u{FFFD}2Jb\u{FFFD}c␡")
    }

    @Test func carriageReturn_IsShown_ExceptBeforeANewline() {
        #expect(TerminalText.sanitize("grade: 10\rgrade: 0") == "grade: 10␍grade: 0")
        #expect(TerminalText.sanitize("one\r\ntwo") == "one\ntwo")
    }

    @Test func normalUnicodeText_NewlinesAndTabs_AreUnchanged() {
        let text = "¿Qué tal? Ñandú 🦤 — 日本語\n\tindented « » €"
        #expect(TerminalText.sanitize(text) == text)
    }
}
