import Foundation

/// A course as its manifest (`course.json`) describes it, with its modules in order.
public struct Course: Hashable, Sendable, Codable {
    /// The course id: lowercase letters, digits and `-`, 3 to 64 characters; never changes.
    public var id: String
    /// The semantic version of this edition.
    public var version: SemanticVersion
    /// The title.
    public var title: String
    /// A one-paragraph description.
    public var description: String?
    /// The BCP 47 language of the content (`en`, `es`).
    public var language: String?
    /// The people who teach it.
    public var instructors: [String]
    /// Estimated hours of study.
    public var durationHours: Double?
    /// First day (`YYYY-MM-DD`), if set.
    public var startDate: String?
    /// Last day (`YYYY-MM-DD`), if set.
    public var endDate: String?
    /// What a student will be able to do.
    public var objectives: [String]
    /// Courses to complete first.
    public var prerequisites: [Prerequisite]
    /// How the final grade is made.
    public var grading: GradingPolicy?
    /// Whether a certificate is issued on completion.
    public var certificate: Bool
    /// Free-form tags for the catalogue.
    public var tags: [String]
    /// The IANA zone for dates written without an offset.
    public var timeZone: String?
    /// Items whose id changed on purpose: old id → new id.
    public var renamed: [String: String]
    /// The modules, in order.
    public var modules: [Module]

    /// Makes a course.
    public init(
        id: String, version: SemanticVersion, title: String, description: String? = nil,
        language: String? = nil, instructors: [String] = [], durationHours: Double? = nil,
        startDate: String? = nil, endDate: String? = nil, objectives: [String] = [],
        prerequisites: [Prerequisite] = [], grading: GradingPolicy? = nil, certificate: Bool = false,
        tags: [String] = [], timeZone: String? = nil, renamed: [String: String] = [:],
        modules: [Module] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.language = language
        self.instructors = instructors
        self.durationHours = durationHours
        self.startDate = startDate
        self.endDate = endDate
        self.objectives = objectives
        self.prerequisites = prerequisites
        self.grading = grading
        self.certificate = certificate
        self.tags = tags
        self.timeZone = timeZone
        self.renamed = renamed
        self.modules = modules
    }

    /// Every item of every module, in course order.
    public var items: [CourseItem] { modules.flatMap(\.items) }

    /// The lessons, in course order.
    public var lessons: [Lesson] { items.compactMap { if case .lesson(let l) = $0 { return l } else { return nil } } }
    /// The quizzes, in course order.
    public var quizzes: [Quiz] { items.compactMap { if case .quiz(let q) = $0 { return q } else { return nil } } }
    /// The assignments, in course order.
    public var assignments: [Assignment] {
        items.compactMap { if case .assignment(let a) = $0 { return a } else { return nil } }
    }

    /// The item with this id, if any.
    public func item(id: String) -> CourseItem? { items.first { $0.id == id } }

    /// The assignment that `id` (perhaps an earlier version's) names in this version, following `renamed`.
    public func assignment(following id: String) -> Assignment? {
        let current = renamed[id] ?? id
        return assignments.first { $0.id == current }
    }

    /// Whether an id is a valid course id (lowercase letters, digits and `-`, 3 to 64 characters).
    public static func isValidID(_ id: String) -> Bool {
        guard (3...64).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

/// A course that must be completed first.
public struct Prerequisite: Hashable, Sendable, Codable {
    /// The other course's id.
    public var course: String
    /// The lowest version that counts, if any.
    public var minVersion: SemanticVersion?

    /// Makes a prerequisite.
    public init(course: String, minVersion: SemanticVersion? = nil) {
        self.course = course
        self.minVersion = minVersion
    }
}

/// How quizzes and assignments weigh into the final grade, and the pass mark.
public struct GradingPolicy: Hashable, Sendable, Codable {
    /// The percentage needed to pass (0...100).
    public var passPercent: Double
    /// Weight per kind of graded item (`quiz`, `assignment`); relative, need not add to 100.
    public var weights: [String: Double]

    /// Makes a policy.
    public init(passPercent: Double = 60, weights: [String: Double] = ["quiz": 50, "assignment": 50]) {
        self.passPercent = passPercent
        self.weights = weights
    }
}
