/// The limits of communication on the server (docs/API.md "Communication"); the text limits
/// shared with devices are `CommunicationLimits` (LMSModel).
extension ServerLimits {
    /// Items in one page of announcements, threads or messages when `?limit=` is not given.
    static let defaultCommunicationPage = 50
    /// The largest `?limit=` for those lists: 200 (each item may carry up to 64 KiB of text).
    static let maxCommunicationPage = 200
    /// The characters of a thread's body shown in the thread list (`excerpt`); the whole text is
    /// read with the thread.
    static let threadExcerptCharacters = 200
    /// New posts and direct messages one person may write per UTC day (edits, deletes and
    /// announcements do not count): 200, far above what a course's discussion needs, low enough
    /// that a runaway script or a hostile account cannot flood a course or a teacher's inbox.
    static let maxPostsAndMessagesPerDay = 200
}
