import Foundation
import LMSModel

/// A student in a course: what a change to eligibility for a certificate is about.
struct StudentCourse: Hashable, Sendable {
    var userID: String
    var courseID: String
}

/// A course's grades as the rules read them: its latest published course (with keys and
/// rubrics), its gradebook, and the certificates it earns. Used by the grading, gradebook and
/// certificate routes, and after a push, a grade or a recorded completion (`issueIfEarned`).
struct CourseGrades: Sendable {
    let accounts: AccountStore
    let courses: CourseStore
    let grading: GradingStore
    let rights: Rights
    let courseCache: CourseCache

    /// The latest published course `id` with its answer keys and rubrics.
    func latestCourse(_ id: String) throws -> Course {
        guard let record = try courses.course(id),
            let course = try courseCache.course(id, version: record.latestVersion)
        else {
            throw APIError.notFound("no course \"\(id)\"")
        }
        return course
    }

    /// The course's gradebook and what the reports need, read in a few course-wide queries.
    func gradebook(courseID: String, onlyUserID: String? = nil) throws -> (Course, Gradebook, CourseGradeData) {
        let course = try latestCourse(courseID)
        let data = try grading.gradeData(
            courseID: courseID, renamed: course.renamed, lessons: Set(course.lessons.map(\.id)), onlyUserID: onlyUserID)
        let book = Gradebook(
            items: GradedItem.items(of: course), students: data.students, scores: data.scores, policy: course.grading)
        return (course, book, data)
    }

    /// The certificate `user` has earned in `courseID` (not yet stored), or a 409 that says what is missing.
    func earned(user: User, courseID id: String) throws -> Certificate {
        let (course, book, data) = try gradebook(courseID: id, onlyUserID: user.id)
        guard course.certificate else { throw APIError.conflict("\(id) does not give certificates") }
        guard let row = book.rows.first else {
            throw APIError.conflict("certificates go to students enrolled in \(id)")
        }
        let activity = data.activity[user.id]
        guard activity?.completed == true else {
            throw APIError.conflict(
                "complete \(id) first: \(activity?.lessonsDone ?? 0) of \(course.lessons.count) lessons done")
        }
        // Marks withheld from the student (docs/PROTOCOL.md §8) are not told through the certificate:
        // it waits for a review a teacher can release (an afterClose quiz of the latest version), and a
        // refusal never shows the grade they make.
        let withheld = try grading.withheldQuizzes(userID: user.id, courseID: id)
        let releasable = withheld.filter { quiz in
            course.quizzes.first { $0.id == quiz }?.reviewPolicy == .afterClose
        }
        if !releasable.isEmpty {
            throw APIError.conflict(
                "the marks of \(releasable.joined(separator: ", ")) are withheld until a teacher releases the review: "
                    + "the certificate comes with the marks")
        }
        if !withheld.isEmpty, !row.passed {
            throw APIError.conflict(
                "your grade in \(id) does not reach the \(Gradebook.percent(book.policy.passPercent))% needed for a certificate "
                    + "(the marks of \(withheld.joined(separator: ", ")) are not shown)")
        }
        guard row.passed else {
            throw APIError.conflict(
                "your grade in \(id) is \(Gradebook.percent(row.total))%; \(Gradebook.percent(book.policy.passPercent))% is needed for a certificate"
            )
        }
        return Certificate(
            code: Certificate.makeCode(), name: user.displayName, courseID: id, courseTitle: course.title,
            issuedAt: Date())
    }

    /// Issues the certificate of each (student, course) that has just become eligible (after a push, a
    /// grade or a recorded completion), so that a student who completes and passes receives it with
    /// the next sync without asking. Courses without certificates, students who hold one already, and
    /// students not yet eligible cost one or two indexed lookups. Never fails the request that caused
    /// it: an error here is logged and the student can still ask (`POST …/certificate`).
    func issueIfEarned(_ pairs: Set<StudentCourse>) {
        for pair in pairs.sorted(by: { ($0.courseID, $0.userID) < ($1.courseID, $1.userID) }) {
            do {
                let course = try latestCourse(pair.courseID)
                // Cheap checks first (indexed look-ups); the gradebook only for a student who may have completed.
                guard course.certificate,
                    try grading.certificate(userID: pair.userID, courseID: pair.courseID) == nil,
                    try rights.isEnrolled(pair.userID, in: pair.courseID),
                    try grading.mayHaveCompleted(
                        userID: pair.userID, courseID: pair.courseID, lessonCount: course.lessons.count),
                    let user = try accounts.user(id: pair.userID), !user.disabled
                else { continue } // disabled: also every erased account
                let made: Certificate
                do { made = try earned(user: user, courseID: pair.courseID) } catch is APIError { continue }
                _ = try grading.issue(made, userID: user.id)
            } catch {
                FileHandle.standardError.write(
                    Data(
                        "lms-server: issuing the certificate of \(pair.userID) in \(pair.courseID) failed: \(error)\n"
                            .utf8))
            }
        }
    }
}
