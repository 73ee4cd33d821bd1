import Foundation
import LMSModel

/// Which quizzes never show marks to students (`review: never`, docs/COURSE-FORMAT.md): their
/// withheld attempts say so in lists, instead of promising marks that no release will bring.
extension CourseCatalog {
    /// The ids of the quizzes of the installed course `courseID` whose review is `never`. Reads the
    /// installed course, so callers ask only when an attempt's marks are withheld; an unreadable
    /// course gives none (the list then says what it says for `afterClose`).
    func neverReviewedQuizzes(courseID: String) -> Set<String> {
        guard let installed = try? courses().first(where: { $0.id == courseID }),
            let course = try? Self.loadCourse(folder: installed.folder)
        else { return [] }
        return Set(course.quizzes.filter { $0.reviewPolicy == .never }.map(\.id))
    }
}

extension ItemStates {
    /// Learns which of the course's quizzes with withheld attempts never show marks (only when there
    /// are such attempts: it reads the installed course).
    mutating func learnReviews(_ catalog: CourseCatalog, courseID: String) {
        guard quizzes.values.contains(where: { $0.withheld > 0 }) else { return }
        neverReviewed = catalog.neverReviewedQuizzes(courseID: courseID)
    }

    /// What a list says of a quiz whose attempts were handed in and whose marks are withheld.
    func withheldText(_ quizID: String) -> String { Self.withheldText(never: neverReviewed.contains(quizID)) }

    /// What a list says of withheld marks: they come with the review's release, or, for a quiz whose
    /// review is `never`, that it shows no marks to students.
    static func withheldText(never: Bool) -> String { Messages.t(never ? .marksNeverShort : .marksWithheldShort) }
}
