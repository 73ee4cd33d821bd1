/// The study app's limits and rhythms, with their units.
enum AppLimits {
    /// Seconds without a key after which reading time stops counting (5 minutes: a student who
    /// reads a long screen still counts; one who left the room does not).
    static let idleSeconds = 5 * 60.0
    /// Seconds on screen after which a lesson that fits on one screen counts as read (time to
    /// read a short page; flipping through with `]` does not mark lessons done).
    static let minimumReadSeconds = 10.0
    /// Days ahead that home lists work due (two weeks: a week's plan and the next).
    static let dueSoonDays = 14.0
    /// Milliseconds between clock ticks (a quiz timer shows seconds).
    static let tickMilliseconds: Int32 = 1000
    /// Milliseconds between ticks while something runs in the background (a sync's bar moves).
    static let busyTickMilliseconds: Int32 = 250
    /// A lesson longer than twice this many bytes shows its first part at once and the rest
    /// when laid out in the background (a 200 KB lesson takes longer than a keypress should).
    static let firstPartBytes = 16 * 1024
    /// The announcements a course's forum screen lists (newest first).
    static let announcementsShown = 20
    /// The most places the lesson viewer remembers to come back to (Backspace).
    static let maximumBackSteps = 100
}
