import Testing
@testable import LMSModel

struct EditDistanceTests {
    @Test func distance_CountsEdits() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("same", "same") == 0)
    }

    @Test func nearest_PicksTheClosest_FirstOfEquals_WithinALimit() {
        #expect(nearest(to: "titel", among: ["id", "title", "tags"]) == "title")
        #expect(nearest(to: "packk", among: ["inspect", "pack", "validate"]) == "pack")
        #expect(nearest(to: "ab", among: ["ax", "ay"]) == "ax", "the first of equals")
        #expect(nearest(to: "zzzzzz", among: ["title"], within: 2) == nil)
        #expect(nearest(to: "x", among: [String]()) == nil)
    }
}
