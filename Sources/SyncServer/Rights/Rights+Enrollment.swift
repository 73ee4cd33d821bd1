import Foundation
import LMSModel

/// Who may enroll in a course: the rule of `POST /api/v1/courses/{id}/enroll` (self-enrollment)
/// and the prerequisites a teacher's enrollment also checks. Pure: the route loads the course,
/// the student's completed versions and today's date, throttles wrong keys, and writes the
/// enrollment; `RightsTests` walks the rule as a matrix.
extension Rights {
    /// Why a caller may not enroll themselves, in the order the rule checks: the enrollment mode
    /// (and key), then the end date, then the prerequisites.
    enum EnrollmentRefusal: Equatable, Sendable {
        /// The course's teachers enroll its students (mode `teacher`, or any mode not known here).
        case teachersEnroll
        /// The course takes a key and none, or a wrong one, was given.
        case needsKey
        /// The course ended on this day (`YYYY-MM-DD`, UTC), before today.
        case ended(String)
        /// These prerequisites are not completed (`course` or `course 1.2.0 or later`).
        case missingPrerequisites([String])

        /// The 403 this refusal answers, saying what to do.
        func error(courseID: String) -> APIError {
            switch self {
            case .teachersEnroll:
                APIError.forbidden("\(courseID) is enrolled by its teachers: ask a teacher to add you")
            case .needsKey: APIError.forbidden("\(courseID) needs an enrollment key: ask your teacher for it")
            case .ended(let end):
                APIError.forbidden("\(courseID) ended on \(end); it no longer takes enrollments")
            case .missingPrerequisites(let missing):
                APIError.forbidden("complete \(missing.joined(separator: ", ")) before enrolling in \(courseID)")
            }
        }
    }

    /// The answer to "may this caller enroll themselves in this course": the enrollment's source
    /// (`self` for an open course, `key` for a course entered with its key), or why not.
    enum SelfEnrollment: Equatable, Sendable {
        case enroll(source: String)
        case refused(EnrollmentRefusal)
    }

    /// Whether a caller not yet enrolled may enroll themselves in `course`: an open course, or a
    /// course with a key when `key` matches its stored hash (case, dashes and spaces aside); not
    /// after its end date (`today`, `YYYY-MM-DD` in UTC, is later); and only with every
    /// prerequisite completed (`completed`: the version completed, by course id).
    static func selfEnrollment(
        in course: CourseRecord, key: String?, today: String, completed: [String: String]
    ) -> SelfEnrollment {
        let source: String
        switch course.enrollmentMode {
        case "open": source = "self"
        case "key":
            guard let key, let stored = course.enrollmentKeyHash,
                [UInt8](stored) == Passwords.secretHash(key, normalise: true)
            else { return .refused(.needsKey) }
            source = "key"
        default: return .refused(.teachersEnroll)
        }
        if let end = course.endDate, today > end { return .refused(.ended(end)) }
        let missing = missingPrerequisites(of: course, completed: completed)
        if !missing.isEmpty { return .refused(.missingPrerequisites(missing)) }
        return .enroll(source: source)
    }

    /// The prerequisites of `course` not completed, by `completed` (the version completed, by
    /// course id): a prerequisite with a `minVersion` needs that version or a later one. Named
    /// as a student reads them (`course` or `course 1.2.0 or later`).
    static func missingPrerequisites(of course: CourseRecord, completed: [String: String]) -> [String] {
        course.prerequisites.filter { prerequisite in
            guard let version = completed[prerequisite.course] else { return true }
            guard let minimum = prerequisite.minVersion else { return false }
            return (SemanticVersion(version) ?? SemanticVersion(0, 0, 0)) < minimum
        }.map { p in p.minVersion.map { "\(p.course) \($0) or later" } ?? p.course }
    }
}
