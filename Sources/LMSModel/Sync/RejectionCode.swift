/// The refusals of a pushed entry that a student meets in ordinary use, by a stable name, so that a
/// device can say them in its own language (docs/PROTOCOL.md §5, `rejection`: `code` and `params`).
/// The server's `reason` is `english(_:)` of the same values; a device that does not know a code
/// shows the `reason` as it came. Refusals of malformed or forged entries have no code: they come
/// from broken or hostile devices, and their English `reason` is for whoever debugs them.
public enum RejectionCode: String, CaseIterable, Sendable {
    /// `params`: the course.
    case notEnrolled = "not_enrolled"
    /// `params`: the course.
    case noCourse = "no_course"
    /// `params`: the course, the version.
    case noVersion = "no_version"
    /// `params`: the course, the version, the quiz.
    case noQuiz = "no_quiz"
    /// `params`: the course, the lesson.
    case noLesson = "no_lesson"
    /// `params`: the course, the assignment.
    case noAssignment = "no_assignment"
    /// `params`: the file's name.
    case fileNotUploaded = "file_not_uploaded"
    /// `params`: the quiz's title, the attempts it allows, the attempts already made.
    case attemptLimit = "attempt_limit"

    /// How many values `params` holds.
    public var parameterCount: Int {
        switch self {
        case .notEnrolled, .noCourse, .fileNotUploaded: return 1
        case .noVersion, .noLesson, .noAssignment: return 2
        case .noQuiz, .attemptLimit: return 3
        }
    }

    /// The reason in English, as the server sends it.
    public func english(_ params: [String]) -> String {
        let p = params + Array(repeating: "?", count: max(0, parameterCount - params.count))
        switch self {
        case .notEnrolled: return "you are not enrolled in \(p[0])"
        case .noCourse: return "there is no course \(p[0])"
        case .noVersion: return "\(p[0]) has no version \(p[1])"
        case .noQuiz: return "\(p[0]) \(p[1]) has no quiz \(p[2])"
        case .noLesson: return "\(p[0]) has no lesson \(p[1])"
        case .noAssignment: return "\(p[0]) has no assignment \(p[1])"
        case .fileNotUploaded: return "the file \(p[0]) was not uploaded; sync again"
        case .attemptLimit:
            return
                "\(p[0]) allows \(p[1]) attempt\(p[1] == "1" ? "" : "s") and you have made \(p[2]): this one does not count"
        }
    }
}
