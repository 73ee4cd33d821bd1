import Foundation

/// One version of a student's work on an assignment. Every version is kept; the latest counts.
public struct Submission: Hashable, Sendable, Codable {
    /// A random id.
    public var id: String
    /// Who submitted.
    public var userID: String
    /// The course.
    public var courseID: String
    /// The assignment.
    public var assignmentID: String
    /// 1, 2, … per student and assignment on the device that made it.
    public var version: Int
    /// Text, if any.
    public var text: String?
    /// Files, by name and content hash (SHA-256 hex), if any.
    public var files: [SubmittedFile]
    /// When it was made, on the device's clock.
    public var submittedAt: Date

    /// Makes a submission.
    public init(
        id: String, userID: String, courseID: String, assignmentID: String, version: Int, text: String? = nil,
        files: [SubmittedFile] = [], submittedAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.courseID = courseID
        self.assignmentID = assignmentID
        self.version = version
        self.text = text
        self.files = files
        self.submittedAt = submittedAt
    }
}

/// A file handed in, stored content-addressed.
public struct SubmittedFile: Hashable, Sendable, Codable {
    /// The name the student gave it.
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// The SHA-256 of its bytes, in lowercase hex.
    public var sha256: String

    /// Makes a file record.
    public init(name: String, size: Int64, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }
}

/// A teacher's (or the server's) grade on a piece of work.
public struct Grade: Hashable, Sendable, Codable {
    /// The student.
    public var userID: String
    /// The course.
    public var courseID: String
    /// The quiz or assignment.
    public var itemID: String
    /// Points earned.
    public var points: Double
    /// Points possible.
    public var maxPoints: Double
    /// Points per rubric criterion, where a rubric was used.
    public var rubricScores: [String: Double]
    /// Words for the student.
    public var feedback: String?
    /// Who graded (a user id, or `auto`).
    public var gradedBy: String
    /// When.
    public var gradedAt: Date

    /// Makes a grade.
    public init(
        userID: String, courseID: String, itemID: String, points: Double, maxPoints: Double,
        rubricScores: [String: Double] = [:], feedback: String? = nil, gradedBy: String, gradedAt: Date
    ) {
        self.userID = userID
        self.courseID = courseID
        self.itemID = itemID
        self.points = points
        self.maxPoints = maxPoints
        self.rubricScores = rubricScores
        self.feedback = feedback
        self.gradedBy = gradedBy
        self.gradedAt = gradedAt
    }

    /// Points as a percentage of the maximum (0 when the maximum is 0).
    public var percent: Double { maxPoints > 0 ? points / maxPoints * 100 : 0 }
}

/// A student's progress on one lesson. Its id is derived from user + course + lesson so that the
/// same fact made on two devices merges: completion is a grow-only flag, time a per-device counter.
public struct Progress: Hashable, Sendable, Codable {
    /// The student.
    public var userID: String
    /// The course.
    public var courseID: String
    /// The lesson.
    public var lessonID: String
    /// Whether it was marked done (grow-only: once true, stays true).
    public var completed: Bool
    /// Seconds spent, per device id (summed for the total).
    public var secondsByDevice: [String: Int]
    /// When it was last opened, on the device's clock.
    public var lastOpenedAt: Date?

    /// Makes a progress record.
    public init(
        userID: String, courseID: String, lessonID: String, completed: Bool = false,
        secondsByDevice: [String: Int] = [:], lastOpenedAt: Date? = nil
    ) {
        self.userID = userID
        self.courseID = courseID
        self.lessonID = lessonID
        self.completed = completed
        self.secondsByDevice = secondsByDevice
        self.lastOpenedAt = lastOpenedAt
    }

    /// The derived id (`user/course/lesson`).
    public var id: String { "\(userID)/\(courseID)/\(lessonID)" }

    /// Total seconds across devices.
    public var totalSeconds: Int { secondsByDevice.values.reduce(0, +) }

    /// Combines two replicas of the same progress: completion ORs, each device's counter keeps its maximum,
    /// the later opening wins. Commutative, associative and idempotent.
    public func merged(with other: Progress) -> Progress {
        var result = self
        result.completed = completed || other.completed
        result.secondsByDevice.merge(other.secondsByDevice) { max($0, $1) }
        switch (lastOpenedAt, other.lastOpenedAt) {
        case let (a?, b?): result.lastOpenedAt = max(a, b)
        case (nil, let b): result.lastOpenedAt = b
        default: break
        }
        return result
    }
}
