import Foundation
import LMSDatabase
import LMSModel

/// A `grade` pushed by a teacher's device that graded offline (docs/PROTOCOL.md §6 `grade`):
/// the same checks and effects as `PUT /api/v1/courses/{id}/submissions/{submission}/grade`, or
/// for `attempt`, as `PUT …/attempts/{attempt}/grade` (essays).
extension SyncIngest {
    /// `courses` holds the course at the graded attempt's `courseVersion` (preloaded from the payload).
    func applyPushedGrade(
        _ payload: JSONValue, course: Course, courses: [String: Course], memo: BatchMemo, in db: Database
    ) throws {
        guard try Rights.mayGrade(user, in: course.id, in: db) else {
            throw Rejection(reason: "only the teachers of \(course.id) may grade its work")
        }
        let scores = try Self.scores(payload)
        // Refused like the route does: a cut could fall inside a character, and a teacher's words are not cut short silently.
        let feedback = payload["feedback"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let feedback, feedback.utf8.count > GradingLimits.maxFeedbackBytes {
            throw Rejection(
                reason: "feedback is limited to \(GradingLimits.maxFeedbackBytes) bytes (got \(feedback.utf8.count))")
        }
        if let attemptID = payload["attempt"]?.stringValue {
            guard let record = try GradingStore.attempt(attemptID, courseID: course.id, in: db) else {
                throw Rejection(reason: "\(course.id) has no attempt \(attemptID)")
            }
            guard
                let quiz = courses[course.id + "@" + record.courseVersion]?.quizzes.first(where: {
                    $0.id == record.quizID
                }),
                quiz.questions.contains(where: { $0.kind == .essay })
            else {
                throw Rejection(
                    reason: "\(record.quizID) (\(course.id) \(record.courseVersion)) has no essay to grade here")
            }
            let gradedAt = gradingTime(payload)
            if let later = try db.fetchScalar(
                Int64.self, "SELECT graded_at FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id]),
                later > gradedAt
            {
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
            return
        }
        guard let submissionID = payload["submission"]?.stringValue,
            let record = try GradingStore.submission(submissionID, courseID: course.id, in: db)
        else {
            throw Rejection(
                reason: "\(course.id) has no submission \(payload["submission"]?.stringValue ?? "(none named)")")
        }
        let current = course.renamed[record.assignmentID] ?? record.assignmentID
        guard let assignment = course.assignments.first(where: { $0.id == current }) else {
            throw Rejection(reason: "\(course.id) no longer has the assignment \(record.assignmentID)")
        }
        // When the teacher graded decides against a grade given meanwhile, not when the push arrives.
        let gradedAt = gradingTime(payload)
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

    /// When the teacher graded, in server time (ms): the payload's `gradedAt` (ms, or ISO 8601 as
    /// lms-offline writes it) moved by the device clock's skew, never later than now; now without one.
    func gradingTime(_ payload: JSONValue) -> Int64 {
        let now = nowMilliseconds()
        let stated: Int64?
        if let ms = payload["gradedAt"]?.milliseconds {
            stated = ms
        } else if let text = payload["gradedAt"]?.stringValue, let date = ISO8601DateFormatter().date(from: text) {
            stated = Int64((date.timeIntervalSince1970 * 1000).rounded())
        } else {
            stated = nil
        }
        guard let stated else { return now }
        return min(stated + (now - deviceClock), now)
    }

    static func scores(_ payload: JSONValue) throws -> [String: Double] {
        var scores: [String: Double] = [:]
        for member in payload["scores"]?.objectMembers ?? [] {
            guard let n = member.value.double(in: WireBounds.points) else {
                throw Rejection(reason: "the score of \"\(member.key)\" must be a number from -10^9 to 10^9")
            }
            scores[member.key] = n
        }
        return scores
    }
}
