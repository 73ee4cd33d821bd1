import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

extension SyncIngest {
    /// What one push has already looked up about a course: its latest version and whether the user
    /// is enrolled (the same for every entry of the batch, so asked once).
    final class BatchMemo {
        /// Each named course's latest version (nil: no such course), read once per batch.
        var latest: [String: String?] = [:]
        var enrolled: [String: Bool] = [:]
        /// The quizzes of the batch's course versions (`SyncIngest.QuizTable`, made with the batch).
        let quizzes: QuizTable

        init(quizzes: QuizTable) { self.quizzes = quizzes }

        func latestVersion(_ courseID: String, in db: Database) throws -> String? {
            if let known = latest[courseID] { return known }
            let version = try CourseStore.latestVersion(courseID, in: db)
            latest[courseID] = version
            return version
        }

        /// Lesson ids by course version (`Course.lessons` is computed: asking it for every entry
        /// would rebuild the list each time).
        var lessons: [String: Set<String>] = [:]
        /// Progress records this batch touched, by `course NUL lesson`: as stored when the batch
        /// began and as merged so far. Written once each at the end of the batch (`flushProgress`).
        var progress: [String: (stored: LMSModel.Progress?, merged: LMSModel.Progress?)] = [:]
        /// The order in which the batch first touched each progress record.
        var progressOrder: [String] = []
        /// See `Outcome.certificateCandidates`.
        var certificateCandidates: Set<StudentCourse> = []

        func lessonIDs(_ course: Course) -> Set<String> {
            let key = course.id + "@" + course.version.description
            if let known = lessons[key] { return known }
            let ids = Set(course.lessons.map(\.id))
            lessons[key] = ids
            return ids
        }
    }
}
