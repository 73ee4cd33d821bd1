import Foundation

/// An assignment: work a student submits and a teacher grades against a rubric.
public struct Assignment: Hashable, Sendable, Codable {
    /// The id, stable across versions.
    public var id: String
    /// The title.
    public var title: String
    /// The instructions (Markdown, without front matter and rubric).
    public var instructions: String
    /// When it is due, if ever.
    public var due: Date?
    /// What it is worth.
    public var points: Double
    /// What the student hands in.
    public var submission: SubmissionKind
    /// Allowed file extensions, lowercase without dots (empty: any).
    public var allowedTypes: [String]
    /// The largest file accepted, in MB.
    public var maxFileMB: Double?
    /// The grading rubric; its points add up to `points`.
    public var rubric: [RubricCriterion]
    /// The path of the Markdown file inside the course.
    public var path: String

    /// Makes an assignment.
    public init(
        id: String, title: String, instructions: String = "", due: Date? = nil, points: Double = 10,
        submission: SubmissionKind = .text, allowedTypes: [String] = [], maxFileMB: Double? = nil,
        rubric: [RubricCriterion] = [], path: String
    ) {
        self.id = id
        self.title = title
        self.instructions = instructions
        self.due = due
        self.points = points
        self.submission = submission
        self.allowedTypes = allowedTypes
        self.maxFileMB = maxFileMB
        self.rubric = rubric
        self.path = path
    }

    /// What a student hands in.
    public enum SubmissionKind: String, Hashable, Sendable, Codable, CaseIterable {
        case text, file, both

        /// Whether text is accepted.
        public var acceptsText: Bool { self != .file }
        /// Whether files are accepted.
        public var acceptsFiles: Bool { self != .text }
    }
}

/// One line of a rubric: a criterion and the points it can give.
public struct RubricCriterion: Hashable, Sendable, Codable {
    /// What is judged.
    public var criterion: String
    /// The most it gives.
    public var points: Double

    /// Makes a criterion.
    public init(criterion: String, points: Double) {
        self.criterion = criterion
        self.points = points
    }
}
