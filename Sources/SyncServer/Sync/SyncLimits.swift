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
}
