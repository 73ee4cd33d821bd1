/// The ranges a number from the wire must fall in before the server or a client does arithmetic
/// with it or converts it (docs/PROTOCOL.md §3.1). A value outside its range is refused as if it
/// were missing: nothing a device sends can overflow an `Int64` or trap a conversion.
public enum WireBounds {
    /// Times, in milliseconds since 1970: from 1970 up to the largest wall time an `HLCTimestamp`
    /// holds (13 digits, in the year 2286). Differences of two such times fit an `Int64` with room.
    public static let milliseconds: ClosedRange<Int64> = 0...9_999_999_999_999
    /// Sequence numbers (`seq`, `prev`) and server change numbers: 0 to 2^53, every one exact in a
    /// JSON number and in a `Double`.
    public static let sequence: ClosedRange<Int64> = 0...(1 << 53)
    /// Seconds one device spent in one lesson (`secondsByDevice`): at most about 31 years.
    public static let lessonSeconds: ClosedRange<Int64> = 0...999_999_999
    /// A submission's version number: 1 to 2^31 − 1.
    public static let submissionVersion: ClosedRange<Int64> = 1...Int64(Int32.max)
    /// A score or points given by a teacher: ±10^9, far past any rubric, small enough that sums
    /// of thousands stay exact to the cent.
    public static let points: ClosedRange<Double> = -1e9...1e9
}
