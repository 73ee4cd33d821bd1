import LMSModel
import Testing

@Suite struct ShortIDsTests {
    @Test func idsWithALongCommonStart_GetPrefixesThatTellThemApart() {
        let ids = ["announcement:3f1c2a", "announcement:3f9d00", "grade:94aa/x", "score:5e01"]
        let short = shortIDs(ids)
        #expect(short["announcement:3f1c2a"] == "announcement:3f1")
        #expect(short["announcement:3f9d00"] == "announcement:3f9")
        #expect(short["grade:94aa/x"] == "grade:94", "eight characters when nothing else is near")
        #expect(short["score:5e01"] == "score:5e")
        // Every short form names exactly one id.
        for (id, s) in short { #expect(ids.filter { $0.hasPrefix(s) } == [id]) }
    }

    @Test func anIdThatAnotherExtends_IsShownWhole() {
        let short = shortIDs(["abcdefghij", "abcdefghijkl"])
        #expect(short["abcdefghij"] == "abcdefghij" && short["abcdefghijkl"] == "abcdefghijk")
        #expect(shortIDs(["abc"])["abc"] == "abc")
    }
}
