import LMSModel

/// The limits of grading, reports and certificates.
enum GradingLimits {
    /// The longest feedback a teacher may write on one grade (64 KiB: pages of text, never a file).
    static let maxFeedbackBytes = EntryBounds.maxFeedbackBytes
    /// The default number of days without activity after which a report counts a student inactive.
    static let defaultInactiveDays = 14
    /// The most days `inactiveDays` accepts (a year).
    static let maxInactiveDays = 366
}
