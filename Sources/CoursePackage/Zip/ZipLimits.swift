/// Resource limits enforced by ``ZipReader`` before and while reading an archive.
public struct ZipLimits: Sendable {
    /// Entries larger than this (in uncompressed bytes, 1 MiB) are subject to ``maxCompressionRatio``;
    /// smaller ones may compress arbitrarily well (tiny files of repeated bytes are common).
    public static let ratioCheckMinimumBytes: UInt64 = 1 << 20

    /// Maximum number of central directory entries (count).
    public var maxEntries: Int
    /// Maximum sum of all entries' uncompressed sizes, in bytes.
    public var maxTotalUncompressedBytes: UInt64
    /// Maximum uncompressed size of one entry, in bytes.
    public var maxEntryUncompressedBytes: UInt64
    /// Maximum uncompressed/compressed size ratio (for example 200 means 200:1).
    public var maxCompressionRatio: UInt64
    /// Maximum length of an entry name, in UTF-8 bytes.
    public var maxPathBytes: Int

    /// Creates limits; every parameter defaults to the value in ``default``.
    public init(
        maxEntries: Int = 20_000,
        maxTotalUncompressedBytes: UInt64 = 4 << 30,
        maxEntryUncompressedBytes: UInt64 = 2 << 30,
        maxCompressionRatio: UInt64 = 200,
        maxPathBytes: Int = 1024
    ) {
        self.maxEntries = maxEntries
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxEntryUncompressedBytes = maxEntryUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxPathBytes = maxPathBytes
    }

    /// 20,000 entries, 4 GiB total, 2 GiB per entry, ratio 200:1, 1024-byte paths.
    public static let `default` = ZipLimits()
}
