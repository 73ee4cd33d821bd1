import Foundation

// Typed reading of values that came over the wire (docs/PROTOCOL.md §3.1): the one place where a
// JSON number becomes an `Int64`, a time or a bounded `Double`. Each accessor answers nil when the
// value is not a number, not finite, not whole where it must be, or outside the range given, so
// that the caller refuses the value before any arithmetic or conversion can trap.
extension JSONValue {
    /// The value as a whole number within `range`, else nil (`-0` reads as 0).
    public func int(in range: ClosedRange<Int64>) -> Int64? { WireNumber.int(numberValue, in: range) }

    /// The value as a time in milliseconds since 1970 within `WireBounds.milliseconds`, rounded to
    /// the nearest millisecond, else nil.
    public var milliseconds: Int64? { WireNumber.milliseconds(numberValue) }

    /// The value as a time (`milliseconds` as a `Date`), else nil.
    public var date: Date? { milliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    /// The value as a finite number within `range`, else nil.
    public func double(in range: ClosedRange<Double>) -> Double? { WireNumber.double(numberValue, in: range) }

    /// How many values this one holds, itself included, counting no further than `limit` (so a
    /// huge value costs no more than `limit` steps to measure). Recursive: a wire value's depth is
    /// bounded by the frame reader (`WireCodec.Limits.maxDepth`), and no array of pending values is
    /// built (which cost a retain and release per value).
    public func valueCount(upTo limit: Int) -> Int {
        var count = 0
        Self.count(self, into: &count, limit: limit)
        return count
    }

    private static func count(_ value: JSONValue, into total: inout Int, limit: Int) {
        guard total < limit else { return }
        total += 1
        switch value.kind {
        case .array(let items):
            for item in items {
                guard total < limit else { return }
                count(item, into: &total, limit: limit)
            }
        case .object(let members):
            for member in members {
                guard total < limit else { return }
                count(member.value, into: &total, limit: limit)
            }
        default: break
        }
    }
}

/// The checks behind the typed accessors of `JSONValue` and `WireValue`: one rule for both.
enum WireNumber {
    /// `n` as a whole number within `range`, else nil (`-0` reads as 0).
    static func int(_ number: Double?, in range: ClosedRange<Int64>) -> Int64? {
        guard let n = number, n.isFinite, n == n.rounded(.towardZero),
            n >= Double(range.lowerBound), n <= Double(range.upperBound)
        else { return nil }
        // `Double(Int64.max)` is 2^63, one past the range: `exactly` refuses it instead of trapping.
        guard let whole = Int64(exactly: n), range.contains(whole) else { return nil }
        return whole
    }

    /// `n` as a time in milliseconds since 1970 within `WireBounds.milliseconds`, rounded to the
    /// nearest millisecond, else nil.
    static func milliseconds(_ number: Double?) -> Int64? {
        let bounds = WireBounds.milliseconds
        guard let n = double(number, in: Double(bounds.lowerBound)...Double(bounds.upperBound)) else { return nil }
        return Int64(n.rounded())
    }

    /// `n` if it is finite and within `range`, else nil.
    static func double(_ number: Double?, in range: ClosedRange<Double>) -> Double? {
        guard let n = number, n.isFinite, range.contains(n) else { return nil }
        return n
    }
}
