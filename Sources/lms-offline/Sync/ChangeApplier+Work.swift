import Foundation
import LMSDatabase
import LMSModel

/// Attempts, scores of record and submissions pulled from the server (docs/PROTOCOL.md §5, §6).
extension ChangeApplier {
    /// Inserts an attempt made on another device of the user, if it is not here yet (append-only by id).
    func applyAttempt(id: String, _ payload: JSONValue) throws {
        guard let quiz = payload["quiz"]?.stringValue, let course = payload["course"]?.stringValue,
            let started = Self.date(payload["startedAt"])
        else { return }
        if try db.fetchOne("SELECT 1 FROM attempts WHERE id = ?", arguments: [id]) != nil { return }
        let version = payload["courseVersion"]?.stringValue ?? ""
        let packageID =
            try db.fetchScalar(
                String.self, "SELECT package_id FROM course_versions WHERE course_id = ? AND version = ?",
                arguments: [course, version]) ?? ""
        let order = payload["questionOrder"] ?? JSONValue(.array([]))
        let responses = payload["responses"] ?? JSONValue(.object([]))
        let result = payload["result"].flatMap { $0.isNull ? nil : $0 }
        // The payload does not say the quiz's mode: a device grades practice only, so a result means practice.
        try db.execute(
            """
            INSERT INTO attempts(id, profile_id, course_id, course_version, package_id, quiz_id, mode, seed, started_at,
                                 submitted_at, question_order, responses, result, points, max_points, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                id, profile.id, course, version, packageID, quiz, result == nil ? "exam" : "practice", started,
                Self.date(payload["submittedAt"]), JSONWriter.write(order), JSONWriter.write(responses),
                result.map { JSONWriter.write($0) }, result?["points"]?.numberValue, result?["maxPoints"]?.numberValue,
                result == nil ? "awaiting" : "graded"
            ])
    }

    /// Records the server's score of an attempt (the score of record), updates the quiz's grade
    /// (the best scored attempt that counts: a late one only once a teacher counted it,
    /// docs/PROTOCOL.md §8) and tells the student when an exam's score arrives.
    /// A result that awaits a teacher (`awaitingTeacher`: its points are the auto-graded part only)
    /// is kept as provisional (`awaiting_teacher`) and gives no grade until the final result comes.
    /// Returns true when the score is new here.
    func applyResult(attemptID: String, _ payload: JSONValue) throws -> Bool {
        if payload["review"]?.stringValue == "withheld" {
            return try applyWithheldResult(attemptID: attemptID, payload)
        }
        guard let points = payload["points"]?.numberValue, let maxPoints = payload["maxPoints"]?.numberValue,
            points.isFinite, maxPoints.isFinite
        else { return false }
        guard
            let row = try db.fetchOne(
                """
                SELECT course_id, quiz_id, mode, points, max_points, server_scored, awaiting_teacher FROM attempts
                WHERE id = ? AND profile_id = ?
                """, arguments: [attemptID, profile.id])
        else { return false }
        let courseID = row.string(0) ?? ""
        let quizID = row.string(1) ?? ""
        // `attempts.late` here means "late and not counted"; a server before `counted` counted every attempt.
        let late = (payload["late"]?.boolValue ?? false) && payload["counted"]?.boolValue == false
        let wasLate = try db.fetchScalar(Bool.self, "SELECT late FROM attempts WHERE id = ?", arguments: [attemptID])
        let awaitingTeacher = payload["awaitingTeacher"]?.boolValue ?? false
        let isNew =
            row.bool(5) != true || row.double(3) != points || row.double(4) != maxPoints || wasLate != late
            || row.bool(6) != awaitingTeacher
        guard isNew else { return false }
        try db.execute(
            """
            UPDATE attempts SET points = ?, max_points = ?, status = 'graded', server_scored = 1, late = ?, awaiting_teacher = ?
            WHERE id = ?
            """, arguments: [points, maxPoints, late, awaitingTeacher, attemptID])
        // The quiz's grade: the best final score of record among its attempts (one awaiting a teacher is not final).
        if let best = try db.fetchOne(
            """
            SELECT points, max_points FROM attempts WHERE profile_id = ? AND course_id = ? AND quiz_id = ? AND server_scored = 1
            AND late = 0 AND awaiting_teacher = 0 ORDER BY points DESC LIMIT 1
            """, arguments: [profile.id, courseID, quizID])
        {
            try db.execute(
                """
                INSERT INTO grades(profile_id, course_id, item_id, points, max_points, graded_by, graded_at)
                VALUES (?, ?, ?, ?, ?, 'server', ?)
                ON CONFLICT(profile_id, course_id, item_id) DO UPDATE SET points = excluded.points, max_points = excluded.max_points,
                    graded_by = excluded.graded_by, graded_at = excluded.graded_at
                WHERE points <> excluded.points OR max_points <> excluded.max_points
                """, arguments: [profile.id, courseID, quizID, best.double(0) ?? 0, best.double(1) ?? 0, now])
        } else {
            // No attempt counts (the only ones are late or await a teacher): no grade from the server.
            try db.execute(
                "DELETE FROM grades WHERE profile_id = ? AND course_id = ? AND item_id = ? AND graded_by = 'server'",
                arguments: [profile.id, courseID, quizID])
        }
        // An exam's score is told once it is final (the teacher's grade of its essays is in it).
        if row.string(2) == "exam", !awaitingTeacher {
            let score = ScoreFormat.fraction(points, of: maxPoints)
            try SyncNotes.add(
                db, id: "score:\(attemptID)", profileID: profile.id, kind: "exam-scored",
                title: .init(.examScoredTitle, [quizID, courseID]), body: .init(.examScoredBody, [score]), now: now)
        }
        return true
    }

    /// Inserts a submission made on another device, if it is not here yet, and takes the server's
    /// word on whether it is late. Version numbers are per device: a clash takes the next free number here.
    func applySubmission(id: String, _ payload: JSONValue) throws {
        let late = payload["late"]?.boolValue ?? false
        if try db.fetchOne("SELECT 1 FROM submissions WHERE id = ?", arguments: [id]) != nil {
            try db.execute("UPDATE submissions SET late = ? WHERE id = ? AND late <> ?", arguments: [late, id, late])
            return
        }
        guard let course = payload["course"]?.stringValue, let assignment = payload["assignment"]?.stringValue,
            let submitted = Self.date(payload["submittedAt"])
        else { return }
        var version =
            payload["version"]?.numberValue.flatMap { $0.isFinite && $0 >= 1 && $0 < 1e9 ? Int($0) : nil } ?? 1
        let taken =
            try db.fetchOne(
                """
                SELECT 1 FROM submissions WHERE profile_id = ? AND course_id = ? AND assignment_id = ? AND version = ?
                """, arguments: [profile.id, course, assignment, version]) != nil
        if taken {
            version =
                (try db.fetchScalar(
                    Int.self,
                    """
                    SELECT max(version) FROM submissions WHERE profile_id = ? AND course_id = ? AND assignment_id = ?
                    """, arguments: [profile.id, course, assignment]) ?? 0) + 1
        }
        try db.execute(
            """
            INSERT INTO submissions(id, profile_id, course_id, assignment_id, version, text, submitted_at, late)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, profile.id, course, assignment, version, payload["text"]?.stringValue, submitted, late]
        )
        for (i, file) in (payload["files"]?.arrayValue ?? []).enumerated() {
            guard let name = file["name"]?.stringValue, let sha = file["sha256"]?.stringValue,
                let size = file["size"]?.numberValue, size.isFinite, size >= 0, size < 1e15
            else { continue }
            try db.execute(
                "INSERT INTO submission_files(submission_id, position, name, size, sha256) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, i, name, Int64(size), sha])
        }
    }
}
