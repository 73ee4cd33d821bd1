import Foundation

/// The server's rule for an attempt's time limit (docs/PROTOCOL.md §8, "Time limits"). An attempt
/// is made offline, so only the device's clock saw it start and end. Both ends are on that clock,
/// so a steady skew cancels out of the duration; what the server checks is that the clock was not
/// moved: the skew it measured at this push and at the device's previous sync must agree within
/// `SyncMerge.trustedSkew`.
public enum ExamTiming {
    /// Time given beyond the limit for the device to save and close the attempt (2 minutes).
    public static let graceSeconds: TimeInterval = 2 * 60

    /// Why an attempt is late, or nil when it is on time (or the quiz has no time limit).
    /// `skewNow` and `skewBefore` are `serverTime - deviceClock` at this push and at the previous
    /// sync of the same device (nil: none before), in seconds.
    public static func lateness(
        limitMinutes: Double?, startedAt: Date?, submittedAt: Date?, skewNow: TimeInterval,
        skewBefore: TimeInterval?
    ) -> String? {
        guard let limitMinutes else { return nil }
        guard let startedAt, let submittedAt, submittedAt >= startedAt else {
            return "the attempt does not say when it started and ended"
        }
        let seconds = submittedAt.timeIntervalSince(startedAt)
        if seconds > limitMinutes * 60 + graceSeconds {
            return "the attempt took \(Int(seconds / 60)) minutes; the limit is \(Self.minutes(limitMinutes))"
        }
        if let skewBefore, abs(skewNow - skewBefore) > SyncMerge.trustedSkew {
            return "the device's clock was moved by \(Int(abs(skewNow - skewBefore) / 60)) minutes since its last sync"
        }
        return nil
    }

    private static func minutes(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) minutes" : "\(value) minutes"
    }
}
