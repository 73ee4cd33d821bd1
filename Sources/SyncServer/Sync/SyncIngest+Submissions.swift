import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Pushed `submission` (docs/PROTOCOL.md §6, §8, §9): every version kept, marked late by the
/// deadline rule, its files uploaded first.
extension SyncIngest {
    func applySubmission(
        _ submission: SubmissionEntry, course: Course, previousSync: SyncMerge.ClockReading?, now: Int64,
        in db: Database
    ) throws {
        let id = submission.id
        if let owner = try WorkStore.submissionOwner(id, in: db) {
            if owner == user.id { return }
            throw Rejection(reason: "submission \(id) belongs to someone else")
        }
        let assignmentID = submission.assignmentID
        guard let assignment = course.assignment(following: assignmentID) else {
            throw Rejection(.noAssignment, [course.id, assignmentID])
        }
        for file in submission.files where !blobs.contains(file.sha256) {
            throw Rejection(.fileNotUploaded, [file.name])
        }
        let submittedAt = submission.submittedAt
        let late =
            assignment.due.map { due in
                !SyncMerge.isOnTime(
                    due: due, madeAt: Date(timeIntervalSince1970: Double(submittedAt) / 1000),
                    receivedAt: Date(timeIntervalSince1970: Double(now) / 1000), previousSync: previousSync)
            } ?? false
        let payload = submission.payload
        try WorkStore.insertSubmission(
            WorkStore.NewSubmission(
                id: id, userID: user.id, courseID: course.id, assignmentID: assignment.id, version: submission.version,
                payload: Data(WireCodec.encode(payload)), submittedAt: submittedAt, receivedAt: now, late: late),
            in: db)
        var members = [(key: "user", value: JSONOut.s(user.id))] + (payload.objectMembers ?? [])
        members.append((key: "receivedAt", value: JSONOut.n(Double(now))))
        members.append((key: "late", value: JSONOut.b(late)))
        try ChangelogStore.appendChange(
            kind: "submission", entity: id, userID: user.id, courseID: course.id,
            payload: JSONValue(.object(members)), in: db)
    }
}
