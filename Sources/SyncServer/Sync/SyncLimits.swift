import LMSModel

/// Limits of the changelog sync (docs/PROTOCOL.md).
enum SyncLimits {
    /// Entries in one push.
    static let maxPushEntries = 1_000
    /// A push body, compressed.
    static let maxPushBodyBytes = 8 << 20
    /// A push body once inflated (a gzip bomb stops here).
    static let maxPushInflatedBytes = 32 << 20
    /// Changes in one pull page by default, and at most.
    static let defaultPullLimit = 1_000
    static let maxPullLimit = 5_000
    /// Payload bytes in one pull page (about).
    static let maxPullBytes = 4 << 20
    /// A submitted file.
    static let maxFileBytes: Int64 = 512 << 20
    /// Hashes in one `blobs/missing` question.
    static let maxMissingQuery = 10_000
    /// Values one push frame may decode into: 500,000 (about 30 MB of decoded values), 500 per
    /// entry of a full push; the gzip bomb of the review (8 KB into 4 million values, 200 MB) is
    /// refused with 400 at this count.
    static let maxPushValues = 500_000
    /// Values in one entry's payload, and devices one progress record counts: `EntryBounds`
    /// (LMSModel), where the typed entries check them.
    static let maxEntryValues = EntryBounds.maxEntryValues
    static let maxDevicesPerProgress = EntryBounds.maxDevicesPerProgress
    /// The push frame reader's bounds: `maxPushValues`; nesting 16 deep (a frame's entries' payloads'
    /// answers sit 6 deep); 100,000 elements in one array or object; strings up to 4 MiB.
    static let pushFrame = WireCodec.Limits(
        maxDepth: 16, maxStringBytes: 4 << 20, maxElements: 100_000, maxValues: maxPushValues)
}
