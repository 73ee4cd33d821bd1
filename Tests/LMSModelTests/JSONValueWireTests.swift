import Foundation
import LMSModel
import Testing

/// The typed reading of wire numbers (`JSONValue+Wire`): nil for anything that would trap or
/// overflow, never a trap.
struct JSONValueWireTests {
    static let hostile: [Double] = [
        -9.223372036854775808e18, 9.223372036854775807e18, 1e300, -1e300, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .nan, .infinity, -.infinity
    ]

    @Test func int_RefusesWhatIsNotWholeOrOutOfRange_AndReadsNegativeZeroAsZero() {
        let full = Int64.min...Int64.max
        for v in Self.hostile.dropFirst() { #expect(JSONValue(.number(v)).int(in: full) == nil, "\(v)") }
        #expect(JSONValue(.number(-9.223372036854775808e18)).int(in: full) == Int64.min)
        #expect(JSONValue(.number(0.5)).int(in: full) == nil)
        #expect(JSONValue(.number(-0.0)).int(in: 0...1) == 0)
        #expect(JSONValue(.number(7)).int(in: 0...6) == nil)
        #expect(JSONValue(.string("7")).int(in: full) == nil)
        #expect(JSONValue(.number(9_007_199_254_740_992)).int(in: WireBounds.sequence) == 1 << 53)
    }

    @Test func milliseconds_AreTimesFrom1970To2286_Rounded() {
        for v in Self.hostile { #expect(JSONValue(.number(v)).milliseconds == nil, "\(v)") }
        #expect(JSONValue(.number(-1)).milliseconds == nil)
        #expect(JSONValue(.number(1_700_000_000_000.6)).milliseconds == 1_700_000_000_001)
        #expect(JSONValue(.number(9_999_999_999_999)).milliseconds == 9_999_999_999_999)
        #expect(JSONValue(.number(10_000_000_000_000)).milliseconds == nil)
        #expect(JSONValue(.number(86_400_000)).date == Date(timeIntervalSince1970: 86_400))
    }

    @Test func double_IsFiniteAndWithinItsRange() {
        for v in Self.hostile { #expect(JSONValue(.number(v)).double(in: WireBounds.points) == nil, "\(v)") }
        #expect(JSONValue(.number(2.5)).double(in: WireBounds.points) == 2.5)
        #expect(JSONValue(.bool(true)).double(in: WireBounds.points) == nil)
    }
}
