/// A module: a numbered folder of lessons, quizzes and assignments.
public struct Module: Hashable, Sendable, Codable {
    /// The id (the folder name without its numeric prefix).
    public var id: String
    /// The title (from `module.json`, else from the folder name).
    public var title: String
    /// An optional description.
    public var description: String?
    /// What the module teaches.
    public var objectives: [String]
    /// The items, ordered by numeric prefix.
    public var items: [CourseItem]

    /// Makes a module.
    public init(
        id: String, title: String, description: String? = nil, objectives: [String] = [],
        items: [CourseItem] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.objectives = objectives
        self.items = items
    }
}

/// One item of a module.
public enum CourseItem: Hashable, Sendable, Codable {
    case lesson(Lesson)
    case quiz(Quiz)
    case assignment(Assignment)

    /// The item's id.
    public var id: String {
        switch self {
        case .lesson(let lesson): return lesson.id
        case .quiz(let quiz): return quiz.id
        case .assignment(let assignment): return assignment.id
        }
    }

    /// The item's title.
    public var title: String {
        switch self {
        case .lesson(let lesson): return lesson.title
        case .quiz(let quiz): return quiz.title
        case .assignment(let assignment): return assignment.title
        }
    }

    /// `lesson`, `quiz` or `assignment`.
    public var kindName: String {
        switch self {
        case .lesson: return "lesson"
        case .quiz: return "quiz"
        case .assignment: return "assignment"
        }
    }
}

/// A lesson: Markdown, possibly around a video, a file or a link.
public struct Lesson: Hashable, Sendable, Codable {
    /// The id, stable across versions.
    public var id: String
    /// The title.
    public var title: String
    /// What kind of lesson it is.
    public var kind: Kind
    /// The path of its media inside the course, for video and file lessons.
    public var media: String?
    /// The address, for url lessons.
    public var url: String?
    /// Expected minutes.
    public var durationMinutes: Double?
    /// The path of the Markdown file inside the course.
    public var path: String

    /// Makes a lesson.
    public init(
        id: String, title: String, kind: Kind = .text, media: String? = nil, url: String? = nil,
        durationMinutes: Double? = nil, path: String
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.media = media
        self.url = url
        self.durationMinutes = durationMinutes
        self.path = path
    }

    /// The kinds of lesson.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case text, video, file, url
    }
}
