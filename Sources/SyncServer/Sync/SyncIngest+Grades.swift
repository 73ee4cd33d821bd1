import Foundation
import LMSDatabase
import LMSModel

/// A `grade` pushed by a teacher's device that graded offline (docs/PROTOCOL.md §6 `grade`):
/// the same checks and effects as `PUT /api/v1/courses/{id}/submissions/{submission}/grade`, or
/// for `attempt`, as `PUT …/attempts/{attempt}/grade` (essays).
extension SyncIngest {
    /// `memo.quizzes` holds the quizzes of the graded attempt's `courseVersion` (preloaded from the payload).
    func applyPushedGrade(
        _ entry: GradeEntry, course: Course, memo: BatchMemo, in db: Database
    ) throws {
        guard try Rights.mayGrade(user, in: course.id, in: db) else {
            throw Rejection(reason: "only the teachers of \(course.id) may grade its work")
        }
        let (scores, feedback) = (entry.scores, entry.feedback)
        let gradedAt = gradingTime(entry)
        switch entry.target {
        case .attempt(let attemptID):
            try applyAttemptGrade(
                attemptID, scores: scores, feedback: feedback, gradedAt: gradedAt, course: course, memo: memo, in: db)
        case .submission(let submissionID):
            try applySubmissionGrade(
                submissionID, scores: scores, feedback: feedback, gradedAt: gradedAt, course: course, memo: memo, in: db
            )
        }
    }

    private func applyAttemptGrade(
        _ attemptID: String, scores: [String: Double], feedback: String?, gradedAt: Int64, course: Course,
        memo: BatchMemo, in db: Database
    ) throws {
        guard let record = try GradingStore.attempt(attemptID, courseID: course.id, in: db) else {
            throw Rejection(reason: "\(course.id) has no attempt \(attemptID)")
        }
        guard let quiz = memo.quizzes.quiz(record.quizID, courseKey: course.id + "@" + record.courseVersion),
            quiz.questions.contains(where: { $0.kind == .essay })
        else {
            throw Rejection(
                reason: "\(record.quizID) (\(course.id) \(record.courseVersion)) has no essay to grade here")
        }
        if let later = try GradingStore.attemptGradedAt(record.id, in: db), later > gradedAt {
            throw Rejection(
                reason:
                    "\(quiz.id): \(record.id) was graded again after this grade was made; this grade was not applied"
            )
        }
        do {
            let checked = try Grading.essayScores(scores, quiz: quiz)
            try GradingStore.recordAttemptGrade(
                record, quiz: quiz, essayPoints: checked.points, scores: checked.scores, feedback: feedback,
                teacher: user, at: gradedAt, in: db)
            memo.certificateCandidates.insert(StudentCourse(userID: record.student.id, courseID: course.id))
        } catch let error as GradingError {
            throw Rejection(reason: "\(quiz.id): \(error)")
        }
    }

    private func applySubmissionGrade(
        _ submissionID: String, scores: [String: Double], feedback: String?, gradedAt: Int64, course: Course,
        memo: BatchMemo, in db: Database
    ) throws {
        guard let record = try GradingStore.submission(submissionID, courseID: course.id, in: db) else {
            throw Rejection(reason: "\(course.id) has no submission \(submissionID)")
        }
        guard let assignment = course.assignment(following: record.assignmentID) else {
            throw Rejection(reason: "\(course.id) no longer has the assignment \(record.assignmentID)")
        }
        if let reason = try GradingStore.newerGrade(than: record, itemID: assignment.id, gradedAt: gradedAt, in: db) {
            throw Rejection(reason: reason)
        }
        do {
            let grade = try Grading.makeGrade(
                record, assignment: assignment, scores: scores, feedback: feedback, teacher: user, at: gradedAt)
            try GradingStore.record(grade, teacher: user, in: db)
            memo.certificateCandidates.insert(StudentCourse(userID: grade.userID, courseID: course.id))
        } catch let error as GradingError {
            throw Rejection(reason: "\(assignment.id): \(error)")
        }
    }

    /// When the teacher graded, in server time (ms): the entry's `gradedAt` moved by the device
    /// clock's skew, never later than now; now without one. The time decides against a grade given
    /// meanwhile, not when the push arrives.
    func gradingTime(_ entry: GradeEntry) -> Int64 {
        let now = nowMilliseconds()
        guard let stated = entry.gradedAt else { return now }
        return min(stated + (now - deviceClock), now)
    }
}
