import Foundation

/// A hybrid logical clock timestamp (Kulkarni et al., "Logical Physical Clocks", 2014): the
/// wall time in milliseconds, a counter that orders events within one millisecond or ahead of a
/// slow clock, and the node that made it, which breaks the last ties. Timestamps order totally.
///
/// Written on the wire as `WWWWWWWWWWWWW-CCCCCC-NODE` (docs/PROTOCOL.md, "Hybrid logical clocks"):
/// thirteen zero-padded digits of milliseconds, six of counter, then the node, so that the text
/// sorts like the value.
public struct HLCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970 (the largest wall time seen, not necessarily this node's clock).
    public var wallMilliseconds: Int64
    /// Orders events that share `wallMilliseconds`.
    public var counter: Int
    /// The node (a device id, or `server`).
    public var node: String

    /// Makes a timestamp.
    public init(wallMilliseconds: Int64, counter: Int = 0, node: String) {
        self.wallMilliseconds = wallMilliseconds
        self.counter = counter
        self.node = node
    }

    /// Parses the wire form; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 13, parts[1].count == 6, !parts[2].isEmpty, parts[2].utf8.count <= 64,
            parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
            let wall = Int64(parts[0]), let counter = Int(parts[1])
        else { return nil }
        self.init(wallMilliseconds: wall, counter: counter, node: String(parts[2]))
    }

    /// The largest counter the wire form holds (six digits); a clock moves its wall time on
    /// by a millisecond rather than go past it.
    public static let maxCounter = 999_999
    /// The largest wall time the wire form holds (thirteen digits of milliseconds, in 2286).
    public static let maxWallMilliseconds: Int64 = 9_999_999_999_999

    /// The wire form. A `HybridLogicalClock` never makes a timestamp outside the form's range;
    /// one built by hand is clamped into it.
    public var description: String {
        let wall = String(max(0, min(wallMilliseconds, Self.maxWallMilliseconds)))
        let count = String(max(0, min(counter, Self.maxCounter)))
        return String(repeating: "0", count: 13 - wall.count) + wall + "-"
            + String(repeating: "0", count: 6 - count.count) + count + "-" + node
    }

    /// Wall time, then counter, then node.
    public static func < (a: HLCTimestamp, b: HLCTimestamp) -> Bool {
        (a.wallMilliseconds, a.counter, a.node) < (b.wallMilliseconds, b.counter, b.node)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// A hybrid logical clock: the timestamps one node hands out are greater than every timestamp it
/// made or saw before, and stay close to its wall clock. A pure value: the caller keeps it (the
/// client rebuilds it from the largest revision it stores, the server from the record it edits).
public struct HybridLogicalClock: Sendable {
    /// This node's name.
    public let node: String
    /// The last timestamp made or seen.
    public private(set) var last: HLCTimestamp?

    /// A clock for `node` that has already seen `last`.
    public init(node: String, last: HLCTimestamp? = nil) {
        self.node = node
        self.last = last
    }

    /// A timestamp for a local event at `wallClock`, greater than anything made or seen. When the
    /// counter is full (`HLCTimestamp.maxCounter`), the wall time moves on by a millisecond, so
    /// that the wire form of each timestamp is still greater than the last one's; only past the
    /// form's last millisecond (`maxWallMilliseconds`, a clock set to year 2286) does it stop.
    public mutating func now(_ wallClock: Date) -> HLCTimestamp {
        let physical = min(Self.milliseconds(wallClock), HLCTimestamp.maxWallMilliseconds)
        let next: HLCTimestamp
        if let last, last.wallMilliseconds >= physical {
            if last.counter < HLCTimestamp.maxCounter {
                next = HLCTimestamp(wallMilliseconds: last.wallMilliseconds, counter: last.counter + 1, node: node)
            } else if last.wallMilliseconds < HLCTimestamp.maxWallMilliseconds {
                next = HLCTimestamp(wallMilliseconds: last.wallMilliseconds + 1, counter: 0, node: node)
            } else {
                next = HLCTimestamp(
                    wallMilliseconds: last.wallMilliseconds, counter: HLCTimestamp.maxCounter, node: node)
            }
        } else {
            next = HLCTimestamp(wallMilliseconds: physical, counter: 0, node: node)
        }
        last = next
        return next
    }

    /// Takes in a timestamp made elsewhere, so that the next local one orders after it.
    public mutating func observe(_ remote: HLCTimestamp) {
        guard let last else {
            self.last = remote
            return
        }
        if remote > last { self.last = remote }
    }

    /// Milliseconds since 1970 of a date.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
