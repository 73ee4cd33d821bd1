import Testing

@testable import lms_offline

/// Decoding what terminals send into keys.
struct KeyTests {
    @Test func printableASCII_AndControlKeys_Decode() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(Array("jk q".utf8)) == [.char("j"), .char("k"), .char(" "), .char("q")])
        #expect(decoder.decode([0x0D, 0x09, 0x7F, 0x03, 0x1A]) == [.enter, .tab, .backspace, .ctrl("c"), .ctrl("z")])
    }

    @Test func arrowsAndPagingSequences_Decode() {
        var decoder = KeyDecoder()
        let bytes = Array(
            "\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}[4~\u{1B}[Z".utf8)
        #expect(
            decoder.decode(bytes) == [
                .up, .down, .right, .left, .pageUp, .pageDown, .home, .end, .home, .end, .backTab
            ])
    }

    @Test func loneEscape_AtTheEndOfARead_IsTheEscKey() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]) == [.escape])
        #expect(decoder.decode([0x1B, UInt8(ascii: "q")]) == [.escape, .char("q")])
    }

    @Test func utf8_SplitAcrossReads_WaitsForTheRest() {
        var decoder = KeyDecoder()
        let bytes = Array("ñ日😀".utf8)
        #expect(decoder.decode(Array(bytes[0..<1])) == [])
        #expect(decoder.decode(Array(bytes[1..<4])) == [.char("ñ")])
        #expect(decoder.decode(Array(bytes[4...])) == [.char("日"), .char("😀")])
    }

    @Test func overlongSequence_IsBounded() {
        var decoder = KeyDecoder()
        let keys = decoder.decode([0x1B, UInt8(ascii: "[")] + Array(repeating: UInt8(ascii: "1"), count: 100) + [0x41])
        #expect(keys.first == .escape)
        #expect(keys.count < 100)
    }
}
