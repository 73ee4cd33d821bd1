import Foundation
import LMSDatabase
import LMSModel

/// Grades and certificates pulled from the server (docs/PROTOCOL.md §5 `grade`, `certificate`).
extension ChangeApplier {
    /// Stores a teacher's grade where `grades` shows it and leaves a notification; true when new here.
    /// An assignment's grade replaces the row; a quiz's (essays graded) keeps the best score of record
    /// that `attemptResult` set and adds the feedback.
    func applyGrade(entity: String, _ payload: JSONValue) throws -> Bool {
        guard let course = payload["course"]?.stringValue, let item = payload["item"]?.stringValue,
            let points = payload["points"]?.numberValue, let maxPoints = payload["maxPoints"]?.numberValue,
            points.isFinite, maxPoints.isFinite
        else { return false }
        let feedback = payload["feedback"]?.stringValue
        let scores = payload["scores"].map { JSONWriter.write($0) }
        let gradedAt = Self.date(payload["gradedAt"]) ?? now
        let by = payload["gradedBy"]?.stringValue ?? "teacher"
        if payload["kind"]?.stringValue == "quiz" {
            try db.execute(
                "UPDATE grades SET feedback = ?, scores = ?, graded_by = ? WHERE profile_id = ? AND course_id = ? AND item_id = ?",
                arguments: [feedback, scores, by, profile.id, course, item])
            let updated = db.changes
            // A late attempt that does not count (docs/PROTOCOL.md §8) gives the quiz no grade of its own.
            let notCounted =
                try payload["attempt"]?.stringValue.flatMap {
                    try db.fetchScalar(Bool.self, "SELECT late FROM attempts WHERE id = ?", arguments: [$0])
                } ?? false
            if updated == 0, !notCounted {
                try db.execute(
                    """
                    INSERT INTO grades(profile_id, course_id, item_id, points, max_points, feedback, graded_by, graded_at, scores)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [profile.id, course, item, points, maxPoints, feedback, by, gradedAt, scores])
            }
        } else {
            try db.execute(
                """
                INSERT INTO grades(profile_id, course_id, item_id, points, max_points, feedback, graded_by, graded_at, scores)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(profile_id, course_id, item_id) DO UPDATE SET points = excluded.points, max_points = excluded.max_points,
                    feedback = excluded.feedback, graded_by = excluded.graded_by, graded_at = excluded.graded_at, scores = excluded.scores
                """, arguments: [profile.id, course, item, points, maxPoints, feedback, by, gradedAt, scores])
        }
        let score = ScoreFormat.fraction(points, of: maxPoints)
        let stamp = payload["gradedAt"]?.numberValue.map { JSONWriter.number($0) } ?? "0"
        return try SyncNotes.add(
            db, id: "grade:\(entity):\(stamp)", profileID: profile.id, kind: "grade",
            title: .init(.gradeReceivedTitle, [item, course]),
            body: feedback.map { .init(.gradeReceivedFeedback, [score, by, $0]) }
                ?? .init(.gradeReceivedBody, [score, by]),
            now: now)
    }

    /// Keeps the profile's certificate of a course and tells the student where to get it.
    func applyCertificate(_ payload: JSONValue) throws {
        guard let course = payload["course"]?.stringValue, let code = payload["code"]?.stringValue else { return }
        let server = try db.fetchScalar(
            String.self, "SELECT server FROM sync_accounts WHERE profile_id = ?", arguments: [profile.id])
        try db.execute(
            """
            INSERT OR REPLACE INTO certificates(profile_id, course_id, code, name, title, issued_at, server) VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                profile.id, course, code, payload["name"]?.stringValue ?? profile.name,
                payload["title"]?.stringValue ?? course,
                Self.date(payload["issuedAt"]) ?? now, server
            ])
        try SyncNotes.add(
            db, id: "certificate:\(course)", profileID: profile.id, kind: "certificate",
            title: .init(.certificateReadyTitle, [course]), body: .init(.certificateReadyBody, [course, code]), now: now
        )
    }

    /// On a teacher's device: keeps a student's submission, attempt or score (the latest of each),
    /// so that `grade --offline` can show and grade the queue without a network.
    func keepStudentWork(kind: String, entity: String, course: String?, owner: String, _ payload: JSONValue) throws {
        // Grades too (made online or by a colleague), so the offline queue leaves out what is graded.
        guard ["submission", "attempt", "attemptResult", "grade"].contains(kind), let course else { return }
        let item = payload["assignment"]?.stringValue ?? payload["quiz"]?.stringValue ?? payload["item"]?.stringValue
        let submitted = payload["submittedAt"]?.numberValue.flatMap { $0.isFinite && abs($0) < 1e15 ? Int64($0) : nil }
        try db.execute(
            """
            INSERT OR REPLACE INTO student_work(profile_id, kind, entity, course_id, user_id, item_id, submitted_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [profile.id, kind, entity, course, owner, item, submitted, JSONWriter.write(payload)])
    }
}
