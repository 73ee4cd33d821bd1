import Foundation

/// The merge rules of the changelog sync (docs/PROTOCOL.md §6, §8), written once and used by
/// the server and the client. Every rule is commutative, associative and idempotent where two
/// replicas can hold the same fact, so replicas converge whatever the order of delivery.
public enum SyncMerge {
    /// How far a device's clock may be off at its last sync for its own time to count for a deadline.
    public static let trustedSkew: TimeInterval = 5 * 60

    /// Progress: completion grows only, each device's time keeps its maximum, the later opening wins.
    public static func progress(_ stored: Progress?, _ incoming: Progress) -> Progress {
        stored.map { $0.merged(with: incoming) } ?? incoming
    }

    /// The submission that counts among the versions of one assignment: the latest by device time, then by id.
    public static func latest(_ submissions: [Submission]) -> Submission? {
        submissions.max { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
    }

    /// A device's clock at one sync: when the server saw it, and by how much the device was off
    /// (`serverTime - deviceClock`).
    public struct ClockReading: Hashable, Sendable {
        /// The server's time of that sync.
        public var at: Date
        /// The device's skew then, in seconds.
        public var skew: TimeInterval

        /// Makes a reading.
        public init(at: Date, skew: TimeInterval) {
            self.at = at
            self.skew = skew
        }
    }

    /// Whether work due at `due` counts as on time (docs/PROTOCOL.md §8): received by the server in
    /// time, or made in time by a device whose clock was right at its previous sync and which does
    /// not claim a time before that sync.
    public static func isOnTime(due: Date, madeAt deviceTime: Date, receivedAt: Date, previousSync: ClockReading?)
        -> Bool
    {
        if receivedAt <= due { return true }
        guard let previous = previousSync, abs(previous.skew) <= trustedSkew else { return false }
        // the device's time, corrected by its last known skew
        let claimed = deviceTime.addingTimeInterval(previous.skew)
        return deviceTime <= due && claimed >= previous.at.addingTimeInterval(-trustedSkew) && claimed <= receivedAt
    }
}
