/// A quiz: settings and questions. Read from `NN-name.quiz.json` or `NN-name.gift`.
public struct Quiz: Hashable, Sendable, Codable {
    /// The quiz's id, stable across versions (`module/name` by default).
    public var id: String
    /// The title shown to students.
    public var title: String
    /// Practice (keys travel, immediate feedback) or exam (keys stay on the server).
    public var mode: Mode
    /// The time limit, if any.
    public var timeLimitMinutes: Double?
    /// How many attempts a student may make, if limited.
    public var maxAttempts: Int?
    /// Whether question order (and choice order) is shuffled per attempt.
    public var shuffle: Bool
    /// The questions, in authoring order.
    public var questions: [Question]
    /// True in a student build of an exam: the bodies hold no answer key and cannot be graded here.
    public var keysRemoved: Bool
    /// When a student sees the marks (total and credit per question), feedback and keys of an attempt, if set;
    /// `reviewPolicy` gives the default.
    public var review: Review?

    /// Makes a quiz.
    public init(
        id: String, title: String, mode: Mode = .practice, timeLimitMinutes: Double? = nil,
        maxAttempts: Int? = nil, shuffle: Bool = false, questions: [Question] = [],
        keysRemoved: Bool = false, review: Review? = nil
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.timeLimitMinutes = timeLimitMinutes
        self.maxAttempts = maxAttempts
        self.shuffle = shuffle
        self.questions = questions
        self.keysRemoved = keysRemoved
        self.review = review
    }

    /// Where a quiz's answer keys live and when the student sees the result.
    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable {
        /// Keys travel with the course; the student sees the result at once, offline.
        case practice
        /// Keys never leave the server; the score arrives with the next sync.
        case exam
    }

    /// When students review their attempts (Moodle's review options): at once, once a teacher
    /// closes the quiz (releases its review), or never. Until then an exam's result carries only
    /// the total.
    public enum Review: String, Hashable, Sendable, Codable, CaseIterable {
        /// Right after the attempt (practice's default: its keys travel anyway).
        case afterAttempt
        /// Once a teacher closes the quiz and releases its review (an exam's default).
        case afterClose
        /// Never: students see no marks of their attempts (only that they were handed in).
        case never
    }

    /// The review that applies: `review`, else `afterAttempt` for practice and `afterClose` for an
    /// exam (the safe default: resubmitting must not reveal the key).
    public var reviewPolicy: Review { review ?? (mode == .exam ? .afterClose : .afterAttempt) }

    /// Whether a device scores an attempt and shows its marks and feedback at once: a practice quiz
    /// with its keys whose review is `afterAttempt`. Otherwise the marks wait for the server and
    /// the quiz's review (one rule for practice and exam, docs/COURSE-FORMAT.md `review`).
    public var isScoredOnDevice: Bool { mode == .practice && !keysRemoved && reviewPolicy == .afterAttempt }

    /// The most points the quiz can give.
    public var maxPoints: Double { questions.reduce(0) { $0 + $1.points } }
}

/// Quiz settings that a file may set before its questions: JSON keys, or GIFT's leading
/// `// key: value` comment lines (`title`, `mode`, `timeLimitMinutes`, `maxAttempts`, `shuffle`, `id`,
/// `review`).
public struct QuizSettings: Hashable, Sendable {
    /// An explicit id, if given.
    public var id: String?
    /// An explicit title, if given.
    public var title: String?
    /// The mode, if given.
    public var mode: Quiz.Mode?
    /// The time limit, if given.
    public var timeLimitMinutes: Double?
    /// The attempt limit, if given.
    public var maxAttempts: Int?
    /// Shuffling, if given.
    public var shuffle: Bool?
    /// The review option, if given.
    public var review: Quiz.Review?

    /// Makes empty settings.
    public init(
        id: String? = nil, title: String? = nil, mode: Quiz.Mode? = nil, timeLimitMinutes: Double? = nil,
        maxAttempts: Int? = nil, shuffle: Bool? = nil
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.timeLimitMinutes = timeLimitMinutes
        self.maxAttempts = maxAttempts
        self.shuffle = shuffle
    }
}
