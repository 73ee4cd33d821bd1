import Foundation
import LMSModel
import Testing

/// The hybrid logical clock at the edges of its wire form.
struct HybridLogicalClockTests {
    @Test func fullCounter_MovesTheWallTimeOn_SoEachWireFormIsGreater() {
        var clock = HybridLogicalClock(
            node: "d", last: HLCTimestamp(wallMilliseconds: 9_000_000_000_000, counter: 999_998, node: "x"))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let a = clock.now(now)
        let b = clock.now(now)
        let c = clock.now(now)
        #expect(a.description == "9000000000000-999999-d")
        #expect(b.description == "9000000000001-000000-d")
        #expect(a.description < b.description && b.description < c.description)
        #expect(HLCTimestamp(c.description) == c, "no clamping: the wire form reads back the same")
    }

    @Test func hostileMaximum_StillGivesAValidTimestamp() {
        var clock = HybridLogicalClock(node: "d", last: HLCTimestamp("9999999999999-999999-x"))
        let next = clock.now(Date())
        #expect(HLCTimestamp(next.description) == next)
        #expect(next >= HLCTimestamp(wallMilliseconds: 9_999_999_999_999, counter: 999_999, node: "d"))
    }
}
