import Foundation
import LMSDatabase
import LMSModel

/// An attempt's result while its quiz's review is closed (docs/PROTOCOL.md §8 "Review"): the server
/// sends no marks, so the device keeps none either and says the attempt was handed in.
extension ChangeApplier {
    /// Marks the attempt `withheld` (no points, not a score of record, so no grade and no pass),
    /// takes the server's word on late/counted, drops a server grade that no scored attempt backs
    /// any more, and tells the student once that the marks come with the review. Returns false: it is
    /// not a grade. The full result that the release publishes replaces all of this (`applyResult`).
    func applyWithheldResult(attemptID: String, _ payload: JSONValue) throws -> Bool {
        guard
            let row = try db.fetchOne(
                "SELECT course_id, quiz_id, status FROM attempts WHERE id = ? AND profile_id = ?",
                arguments: [attemptID, profile.id])
        else { return false }
        let courseID = row.string(0) ?? ""
        let quizID = row.string(1) ?? ""
        let late = (payload["late"]?.boolValue ?? false) && payload["counted"]?.boolValue == false
        try db.execute(
            """
            UPDATE attempts SET points = NULL, status = 'withheld', server_scored = 0, late = ?, awaiting_teacher = ?
            WHERE id = ?
            """, arguments: [late, payload["awaitingTeacher"]?.boolValue ?? false, attemptID])
        if try db.fetchOne(
            """
            SELECT 1 FROM attempts WHERE profile_id = ? AND course_id = ? AND quiz_id = ? AND server_scored = 1 AND late = 0
              AND awaiting_teacher = 0
            """, arguments: [profile.id, courseID, quizID]) == nil
        {
            try db.execute(
                "DELETE FROM grades WHERE profile_id = ? AND course_id = ? AND item_id = ? AND graded_by = 'server'",
                arguments: [profile.id, courseID, quizID])
        }
        if row.string(2) != "withheld" {
            let body: MessageKey =
                try Self.isNeverReviewed(courseID: courseID, quizID: quizID, in: db) ? .marksNever : .marksWithheld
            try SyncNotes.add(
                db, id: "withheld:\(attemptID)", profileID: profile.id, kind: "marks-withheld",
                title: .init(.marksWithheldTitle, [quizID, courseID]), body: .init(body, []), now: now)
        }
        return false
    }

    /// Whether the installed course says the quiz's review is `never` (no release will bring its
    /// marks, so the notification must not promise them). Reads the installed course from the
    /// folder beside the store; false when it cannot (then the words are those of `afterClose`).
    static func isNeverReviewed(courseID: String, quizID: String, in db: Database) throws -> Bool {
        guard db.path.hasPrefix("/"),
            let folder = try db.fetchScalar(
                String.self, "SELECT folder FROM courses WHERE id = ?", arguments: [courseID])
        else { return false }
        let home = (db.path as NSString).deletingLastPathComponent
        guard let course = try? CourseCatalog.loadCourse(folder: home + "/" + folder) else { return false }
        return course.quizzes.first { $0.id == quizID }?.reviewPolicy == .never
    }
}
