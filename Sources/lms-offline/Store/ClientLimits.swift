/// Every limit of the study client, with its unit and why.
enum ClientLimits {
    /// PBKDF2-HMAC-SHA256 iterations for a new PIN. PINs are short, so the count is high: about a
    /// fifth of a second per try on the reference laptop, which makes guessing offline slow.
    static let pinIterations = 200_000
    /// Salt per profile, in bytes.
    static let pinSaltBytes = 16
    /// The shortest PIN or password accepted, in characters.
    static let minimumPINLength = 4
    /// The longest PIN or password accepted, in bytes (a bound on input).
    static let maximumPINBytes = 256
    /// Wrong PINs in a row before the profile is locked for a while.
    static let wrongPINsBeforeLock = 5
    /// The first lock, in seconds; it doubles with each further wrong PIN.
    static let lockBaseSeconds = 30
    /// The longest lock, in seconds (one hour).
    static let lockMaximumSeconds = 3600
    /// A session idle longer than this (seconds, 30 minutes) asks for the PIN again.
    static let sessionIdleSeconds = 30 * 60
    /// The most time one reading of a lesson adds, in seconds (60 minutes): a lesson left open
    /// overnight does not count as a night of study.
    static let maximumLessonSeconds = 60 * 60
    /// The longest profile name, in characters.
    static let maximumNameLength = 64
    /// The largest `--answers` file, in bytes.
    static let maximumAnswerSheetBytes = 1 << 20
    /// The longest line read from the terminal, in bytes.
    static let maximumLineBytes = 64 * 1024
    /// The most lines of one essay answer typed on the terminal.
    static let maximumEssayLines = 2000
    /// The most files in one submission.
    static let maximumSubmissionFiles = 32
    /// The largest submission text, in bytes.
    static let maximumSubmissionTextBytes = 1 << 20
    /// The largest submitted file when the assignment sets no limit, in MB.
    static let defaultMaximumFileMB = 100.0
    /// How old a file in `HOME/blobs/tmp/` must be before a command removes it, in seconds (one
    /// day: a copy into the store takes seconds, and another process may be making one now).
    static let blobTemporaryFileSeconds: Double = 86_400
    /// The environment variable that lowers the PBKDF2 count for new PINs. Test-only: a warning
    /// is printed whenever it is used.
    static let pinIterationsVariable = "LMS_PIN_ITERATIONS"
    /// The largest CSV or file accepted from the server (a gradebook of 1,000 students × 50 items is about 400 KB).
    static let maxCSVBytes = 64 << 20
    /// How many times a question on the terminal (a yes-or-no, a PIN) is asked again after an answer
    /// it cannot use, before giving up.
    static let maximumPromptRetries = 3
    /// The widest terminal bar chart, in cells.
    static let barCells = 30
}
