import Testing

@testable import lms_offline

/// Drawing only the rows that changed.
struct ScreenBufferTests {
    @Test func firstFrame_ClearsAndDrawsEveryRow_NextFrameOnlyChangedRows() {
        var buffer = ScreenBuffer()
        let first = buffer.frame(
            [ScreenLine("one"), ScreenLine("two"), ScreenLine("three")], width: 10, height: 3, color: false)
        #expect(first.hasPrefix("\u{1B}[0m\u{1B}[2J"))
        #expect(first.contains("\u{1B}[1;1Hone") && first.contains("\u{1B}[3;1Hthree"))
        let second = buffer.frame(
            [ScreenLine("one"), ScreenLine("TWO"), ScreenLine("three")], width: 10, height: 3, color: false)
        #expect(second == "\u{1B}[2;1HTWO\u{1B}[0m\u{1B}[K")
        #expect(
            buffer.frame(
                [ScreenLine("one"), ScreenLine("TWO"), ScreenLine("three")], width: 10, height: 3, color: false
            ).isEmpty)
    }

    @Test func fullWidthRow_IsNotErasedAfter() {
        var buffer = ScreenBuffer()
        let output = buffer.frame([ScreenLine("12345"), ScreenLine("123")], width: 5, height: 2, color: false)
        #expect(output.contains("\u{1B}[1;1H12345\u{1B}[0m\u{1B}[2;1H"))
        #expect(output.hasSuffix("\u{1B}[2;1H123\u{1B}[0m\u{1B}[K"))
    }

    @Test func resizeOrInvalidate_RedrawsWhole() {
        var buffer = ScreenBuffer()
        _ = buffer.frame([ScreenLine("a")], width: 10, height: 2, color: false)
        #expect(buffer.frame([ScreenLine("a")], width: 12, height: 2, color: false).contains("\u{1B}[2J"))
        buffer.invalidate()
        #expect(buffer.frame([ScreenLine("a")], width: 12, height: 2, color: false).contains("\u{1B}[1;1Ha"))
    }
}
