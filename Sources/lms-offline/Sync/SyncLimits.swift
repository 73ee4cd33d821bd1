import Foundation
import LMSModel

/// Every limit of the sync client, with its unit and why (docs/PROTOCOL.md).
enum SyncLimits {
    /// Outbox entries per push request: the server's maximum (PROTOCOL §4).
    static let maxPushEntries = 1_000
    /// Changes asked for per pull page (PROTOCOL §5: 1 to 5,000, default 1,000).
    static let pullPageLimit = 1_000
    /// The most push requests of one profile in one run (1,000 × 1,000 entries): a bound on the loop,
    /// far above any outbox; a server that keeps answering without progress stops earlier.
    static let maxPushRounds = 1_000
    /// The most pull pages in one run (a bound on the loop, 10 million changes).
    static let maxPullPages = 10_000
    /// Seconds without a byte before a request fails (URLSession's request timeout): slow links are
    /// slow, but a dead one should not hold a nightly job for long.
    static let requestTimeout: TimeInterval = 60
    /// Seconds one whole request may take, downloads included (one hour).
    static let resourceTimeout: TimeInterval = 60 * 60
    /// The largest inflated frame accepted from the server, in bytes (a page is at most 4 MiB of
    /// changes; the margin covers the frame's own overhead).
    static let maxFrameBytes = 64 << 20
    /// The bounds a pulled page is read with: values up to the page's bytes (a value takes at least
    /// a byte, so the byte bound decides), 1,000,000 elements per array or object, 32 deep. A page
    /// holds about `maxPullBytes` (4 MiB) of changes, each of which the server checked on its way in.
    static let pageFrame = WireCodec.Limits(maxValues: maxFrameBytes)
    /// The largest JSON answer accepted, in bytes.
    static let maxJSONBytes = 8 << 20
    /// The largest manifest accepted, in bytes.
    static let maxManifestBytes = 16 << 20
    /// Tries per course entry download in one run: a cut connection resumes with `Range`.
    static let downloadAttempts = 4
    /// Bytes between two progress bar redraws.
    static let progressStepBytes = 256 * 1024
    /// The shortest new password, in characters: the server's own rule, checked here first so the
    /// student hears it before anything is sent.
    static let minimumPasswordLength = 8
    /// The largest password accepted, in bytes (a bound on input).
    static let maxPasswordBytes = 1024
    /// The exit status of `sync` when another sync of this home is running.
    static let busyExitStatus: Int32 = 3
}
