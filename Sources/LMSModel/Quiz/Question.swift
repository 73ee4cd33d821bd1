/// A quiz question: what is asked, how much it is worth and, in `body`, the answer key.
///
/// The seven kinds of COURSE-FORMAT.md map onto `Question.Body`. Weights (`fraction`) follow
/// Moodle's GIFT semantics: 1 is full credit, 0.5 half, negative values subtract.
public struct Question: Hashable, Sendable, Codable {
    /// The id, stable across versions (given, or derived from the position).
    public var id: String
    /// A short title (GIFT's `::title::`), if any.
    public var title: String?
    /// The question text, written in `format`. A missing-word question holds `_____` where the blank is.
    public var text: String
    /// How `text`, the choices' text and the feedback are written.
    public var format: TextFormat
    /// What a fully right answer is worth.
    public var points: Double
    /// The kind of question and its answer key.
    public var body: Body
    /// Feedback shown after any answer (GIFT's `####`).
    public var generalFeedback: String?
    /// The GIFT `$CATEGORY:` in force when the question was read, if any.
    public var category: String?

    /// Makes a question.
    public init(
        id: String, title: String? = nil, text: String, format: TextFormat = .jsonDefault, points: Double = 1,
        body: Body, generalFeedback: String? = nil, category: String? = nil
    ) {
        self.id = id
        self.title = title
        self.text = text
        self.format = format
        self.points = points
        self.body = body
        self.generalFeedback = generalFeedback
        self.category = category
    }

    /// The kind of a question and its answer key.
    public enum Body: Hashable, Sendable, Codable {
        /// One choice is picked (GIFT: at least one `=` among `~`). Choices may carry partial credit.
        case single(choices: [Choice])
        /// Any number of choices are picked; the score is the sum of their fractions, clamped to 0...1.
        case multiple(choices: [Choice])
        /// True or false; feedback depends on what the student answered.
        case trueFalse(answer: Bool, feedbackIfTrue: String?, feedbackIfFalse: String?)
        /// Typed text compared to accepted answers (case-insensitive, whitespace folded).
        case short(answers: [ShortAnswer])
        /// A number within a tolerance of one of the accepted values.
        case numeric(answers: [NumericAnswer])
        /// Each left item is matched to a right item. A pair with an empty left is a distractor.
        case matching(pairs: [MatchPair])
        /// Free text graded by the teacher.
        case essay
        /// Text only (Moodle's "description"): no answer, no points; shown in its place in the quiz.
        case description
    }

    /// The kind, without the key.
    public var kind: Kind {
        switch body {
        case .single: return .single
        case .multiple: return .multiple
        case .trueFalse: return .truefalse
        case .short: return .short
        case .numeric: return .numeric
        case .matching: return .matching
        case .essay: return .essay
        case .description: return .description
        }
    }

    /// True for a question that takes an answer (everything but a description).
    public var isAnswerable: Bool { body != .description }

    /// The kinds of question, spelled as in quiz JSON's `type`.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case single, multiple, truefalse, short, numeric, matching, essay, description

        /// True for the kinds graded automatically.
        public var isObjective: Bool { self != .essay && self != .description }
    }

    // MARK: - Coding

    private enum CodingKeys: String, CodingKey {
        case id, title, text, format, points, body, generalFeedback, category
    }

    /// Decodes a question; a missing `format` is `TextFormat.jsonDefault`, as before formats existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        text = try c.decode(String.self, forKey: .text)
        format = try c.decodeIfPresent(TextFormat.self, forKey: .format) ?? .jsonDefault
        points = try c.decode(Double.self, forKey: .points)
        body = try c.decode(Body.self, forKey: .body)
        generalFeedback = try c.decodeIfPresent(String.self, forKey: .generalFeedback)
        category = try c.decodeIfPresent(String.self, forKey: .category)
    }
}

/// A choice of a single- or multiple-choice question.
public struct Choice: Hashable, Sendable, Codable {
    /// The text shown.
    public var text: String
    /// The credit for picking it: 1 right, 0 wrong, in between partial, negative a penalty.
    public var fraction: Double
    /// Feedback shown when it is picked.
    public var feedback: String?

    /// Makes a choice.
    public init(text: String, fraction: Double, feedback: String? = nil) {
        self.text = text
        self.fraction = fraction
        self.feedback = feedback
    }
}

/// An accepted answer of a short-answer question.
public struct ShortAnswer: Hashable, Sendable, Codable {
    /// The accepted text.
    public var text: String
    /// The credit it earns (1 by default).
    public var fraction: Double
    /// Feedback shown when it matches.
    public var feedback: String?

    /// Makes an accepted answer.
    public init(text: String, fraction: Double = 1, feedback: String? = nil) {
        self.text = text
        self.fraction = fraction
        self.feedback = feedback
    }
}

/// An accepted value of a numeric question: `value ± tolerance`. A tolerance of `.infinity` is
/// Moodle's `*` answer (GIFT's `~#feedback`): it matches any number no other answer matches.
public struct NumericAnswer: Hashable, Sendable, Codable {
    /// The accepted value (for a range `a..b`, its midpoint).
    public var value: Double
    /// How far from `value` an answer may be and still count (for a range, half its width).
    public var tolerance: Double
    /// The credit it earns (1 by default).
    public var fraction: Double
    /// Feedback shown when it matches.
    public var feedback: String?

    /// Makes an accepted value.
    public init(value: Double, tolerance: Double = 0, fraction: Double = 1, feedback: String? = nil) {
        self.value = value
        self.tolerance = tolerance
        self.fraction = fraction
        self.feedback = feedback
    }

    /// Moodle's `*` answer: any other number, usually with 0 credit and feedback for wrong answers.
    public static func anyOther(fraction: Double = 0, feedback: String?) -> NumericAnswer {
        NumericAnswer(value: 0, tolerance: .infinity, fraction: fraction, feedback: feedback)
    }

    /// True for Moodle's `*` answer, which matches any number.
    public var isAnyOther: Bool { tolerance == .infinity }
}

/// One pair of a matching question.
public struct MatchPair: Hashable, Sendable, Codable {
    /// The item to match (empty for a distractor that only adds a right-hand option).
    public var left: String
    /// Its match.
    public var right: String

    /// Makes a pair.
    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}
