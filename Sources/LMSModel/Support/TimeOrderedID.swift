import Foundation

/// Ids that sort by the time they were made: UUID version 7 (RFC 9562 §5.7), lowercase.
///
/// The first 48 bits are the Unix time in milliseconds, the rest random (74 bits) apart from the
/// version and variant. Devices make the ids of the work they push in bulk (attempts and
/// submissions) this way so that the server's indexes by id grow at their end: a random UUID
/// lands on a random leaf page of the index, and every commit then rewrites most of those pages
/// (docs/BENCHMARKS.md, "Push, issue 13 third round"). Any other id of up to
/// `EntryBounds.maxEntityBytes` is still accepted; only speed differs.
///
/// Posts and messages keep random UUIDs: people name them by their first eight characters,
/// which for time-ordered ids made within a minute of each other are the same.
public enum TimeOrderedID {
    /// A new id for now.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(max(0, Date().timeIntervalSince1970 * 1000)), using: &generator)
    }

    /// An id for the given Unix time in milliseconds (only its low 48 bits count: until the year 10889).
    public static func make<Generator: RandomNumberGenerator>(
        milliseconds: UInt64, using generator: inout Generator
    ) -> String {
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        for index in 6..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: (index < 14 ? random.0 : random.1) >> (8 * (index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F) // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F) // variant 10 (RFC 9562)
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }

    /// The Unix time in milliseconds that a version 7 id carries; nil for any other string.
    public static func milliseconds(of id: String) -> UInt64? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        guard bytes[6] >> 4 == 7, bytes[8] >> 6 == 0b10 else { return nil }
        return bytes[0..<6].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
