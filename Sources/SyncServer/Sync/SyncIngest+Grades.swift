import Foundation
import LMSDatabase
import LMSModel

/// A `grade` pushed by a teacher's device that graded offline (docs/PROTOCOL.md §6 `grade`):
/// the same checks and effects as `PUT /api/v1/courses/{id}/submissions/{submission}/grade`.
extension SyncIngest {
    func applyPushedGrade(_ payload: JSONValue, course: Course, in db: Database) throws {
        if user.role != .admin {
            let staff = user.role >= .teacher ? try db.fetchScalar(String.self, "SELECT role FROM course_staff WHERE user_id = ? AND course_id = ?",
                                                                   arguments: [user.id, course.id]) : nil
            guard staff != nil else { throw Rejection(reason: "only the teachers of \(course.id) may grade its work") }
        }
        guard let submissionID = payload["submission"]?.stringValue,
              let record = try ServerStore.submission(submissionID, courseID: course.id, in: db) else {
            throw Rejection(reason: "\(course.id) has no submission \(payload["submission"]?.stringValue ?? "(none named)")")
        }
        let current = course.renamed[record.assignmentID] ?? record.assignmentID
        guard let assignment = course.assignments.first(where: { $0.id == current }) else {
            throw Rejection(reason: "\(course.id) no longer has the assignment \(record.assignmentID)")
        }
        var scores: [String: Double] = [:]
        for member in payload["scores"]?.objectMembers ?? [] {
            guard let n = member.value.numberValue else { throw Rejection(reason: "the score of \"\(member.key)\" must be a number") }
            scores[member.key] = n
        }
        let feedback = payload["feedback"]?.stringValue.flatMap { $0.isEmpty ? nil : String($0.utf8.prefix(GradingLimits.maxFeedbackBytes)) ?? $0 }
        do {
            let grade = try ServerApp.makeGrade(record, assignment: assignment, scores: scores, feedback: feedback, teacher: user, at: nowMilliseconds())
            try ServerApp.record(grade, teacher: user, in: db)
        } catch let error as GradingError {
            throw Rejection(reason: "\(assignment.id): \(error)")
        }
    }
}
