/// How a `Database` connection is configured when it opens.
///
/// Every connection always gets `journal_mode=WAL` (file databases) and
/// `foreign_keys=ON`; these options tune the rest.
public struct DatabaseOptions: Sendable, Equatable {
    /// The `PRAGMA synchronous` level.
    public enum Synchronous: String, Sendable, Equatable {
        /// `NORMAL`: durable except for the last transactions on power loss (safe in WAL
        /// mode: never corrupts). The default.
        case normal = "NORMAL"
        /// `FULL`: fsync on every commit; also durable across power loss.
        case full = "FULL"
    }

    /// The default busy timeout: 5000 ms.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5000

    /// The `PRAGMA synchronous` level (default `.normal`).
    public var synchronous: Synchronous
    /// How long a statement waits for another connection's lock before failing with
    /// `SQLITE_BUSY` (default `defaultBusyTimeoutMilliseconds`).
    public var busyTimeoutMilliseconds: Int32

    /// Creates options; the defaults are `synchronous=NORMAL` and a 5000 ms busy timeout.
    public init(
        synchronous: Synchronous = .normal,
        busyTimeoutMilliseconds: Int32 = DatabaseOptions.defaultBusyTimeoutMilliseconds
    ) {
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }
}
