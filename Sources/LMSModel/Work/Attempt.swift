import Foundation

/// One attempt at a quiz: append-only, with a random id, graded against the quiz version it started on.
public struct Attempt: Hashable, Sendable, Codable {
    /// A random id (UUID text).
    public var id: String
    /// Who made it.
    public var userID: String
    /// The course.
    public var courseID: String
    /// The course version the attempt started on.
    public var courseVersion: SemanticVersion
    /// The quiz.
    public var quizID: String
    /// When it started, on the device's clock.
    public var startedAt: Date
    /// When it was submitted, on the device's clock; nil while in progress.
    public var submittedAt: Date?
    /// The order in which questions were shown (ids), after shuffling.
    public var questionOrder: [String]
    /// Answers by question id.
    public var responses: [String: Response]
    /// The score as graded where the key was (device for practice, server for exam).
    public var result: QuizResult?

    /// Makes an attempt.
    public init(
        id: String, userID: String, courseID: String, courseVersion: SemanticVersion, quizID: String,
        startedAt: Date, submittedAt: Date? = nil, questionOrder: [String] = [],
        responses: [String: Response] = [:], result: QuizResult? = nil
    ) {
        self.id = id
        self.userID = userID
        self.courseID = courseID
        self.courseVersion = courseVersion
        self.quizID = quizID
        self.startedAt = startedAt
        self.submittedAt = submittedAt
        self.questionOrder = questionOrder
        self.responses = responses
        self.result = result
    }
}

/// A student's answer to one question.
public enum Response: Hashable, Sendable, Codable {
    /// The index of the chosen choice (single choice).
    case choice(Int)
    /// The indexes of the chosen choices (multiple choice).
    case choices([Int])
    /// True or false.
    case bool(Bool)
    /// Typed text (short answer).
    case text(String)
    /// A number (numeric).
    case number(Double)
    /// Left item → chosen right item (matching).
    case matches([String: String])
    /// Free text (essay).
    case essay(String)
}
