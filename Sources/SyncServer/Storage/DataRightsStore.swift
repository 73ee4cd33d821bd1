import Foundation
import LMSDatabase
import LMSModel

/// Data rights: everything the server holds on one user (export) and the erasure of their
/// personal data (docs/OPERATIONS.md "Data rights"). Each is ONE list in this file, so that a
/// table added later (grades, posts, messages) is covered by adding one line to each list.
struct DataRightsStore: AreaStore {
    let queue: DatabaseQueue

    /// The sections of a user's export: a name and a query whose one argument (`?1`) is the user's id.
    /// Password hashes, token hashes and reset-code hashes are never selected.
    static let exportSections: [(name: String, sql: String)] = [
        (
            "account",
            "SELECT id, username, display_name, email, role, disabled, created_at, updated_at FROM users WHERE id = ?1"
        ),
        (
            "enrollments",
            """
            SELECT course_id, source, status, groups, completed_at, completed_version, created_at, updated_at
            FROM enrollments WHERE user_id = ?1 ORDER BY course_id
            """
        ),
        ("teaching", "SELECT course_id, role FROM course_staff WHERE user_id = ?1 ORDER BY course_id"),
        (
            "progress",
            """
            SELECT course_id, lesson_id, completed, seconds, last_opened_at, updated_at FROM progress WHERE user_id = ?1
            ORDER BY course_id, lesson_id
            """
        ),
        (
            "attempts",
            """
            SELECT id, course_id, course_version, quiz_id, started_at, submitted_at, points, max_points, awaiting_teacher,
                   late, received_at, payload FROM attempts WHERE user_id = ?1 ORDER BY received_at, id
            """
        ),
        // A late attempt a teacher counted in the gradebook (GradingStore+Late): the student's, and those
        // this user counted as a teacher; who counted it is only said when it was this user.
        (
            "countedLateAttempts",
            """
            SELECT c.attempt_id, a.course_id, a.quiz_id, c.counted_at, c.counted_by = ?1 AS counted_by_me
            FROM counted_late_attempts c JOIN attempts a ON a.id = c.attempt_id
            WHERE a.user_id = ?1 OR c.counted_by = ?1 ORDER BY c.counted_at, c.attempt_id
            """
        ),
        (
            "submissions",
            """
            SELECT id, course_id, assignment_id, version, submitted_at, received_at, late, payload
            FROM submissions WHERE user_id = ?1 ORDER BY received_at, id
            """
        ),
        ("devices", "SELECT id, site, last_sync_at FROM devices WHERE user_id = ?1 ORDER BY id"),
        (
            "syncStreams",
            "SELECT device_id, acked_seq, last_sync_at, last_skew_ms FROM sync_streams WHERE user_id = ?1 ORDER BY device_id"
        ),
        (
            "sessions",
            "SELECT created_at, expires_at, revoked_at, last_used_at FROM tokens WHERE user_id = ?1 ORDER BY created_at"
        ),
        (
            "resetCodes",
            "SELECT created_by, expires_at, used_at FROM reset_codes WHERE user_id = ?1 ORDER BY expires_at"
        ),
        (
            "grades",
            """
            SELECT course_id, item_id, submission_id, points, max_points, scores, feedback, graded_at
            FROM grades WHERE user_id = ?1 ORDER BY course_id, item_id
            """
        ),
        (
            "gradeHistory",
            """
            SELECT course_id, item_id, target_id, old_points, new_points, old_feedback, new_feedback, scores, changed_at
            FROM grade_history WHERE user_id = ?1 ORDER BY id
            """
        ),
        (
            "essayGrades",
            """
            SELECT g.attempt_id, g.auto_points, g.scores, g.feedback, g.graded_at
            FROM attempt_grades g JOIN attempts a ON a.id = g.attempt_id WHERE a.user_id = ?1 ORDER BY g.graded_at
            """
        ),
        (
            "certificates",
            "SELECT code, course_id, name, course_title, issued_at FROM certificates WHERE user_id = ?1 ORDER BY course_id"
        ),
        (
            "posts",
            """
            SELECT id, course_id, lesson_id, thread_id, title, body, created_at, edited, deleted, updated_at
            FROM posts WHERE author_id = ?1 ORDER BY created_at, id
            """
        ),
        (
            "announcements",
            "SELECT id, course_id, title, body, created_at FROM announcements WHERE author_id = ?1 ORDER BY created_at, id"
        ),
        (
            "messages",
            """
            SELECT id, course_id, from_id, from_name, to_id, to_name, body, sent_at, received_at
            FROM messages WHERE from_id = ?1 OR to_id = ?1 ORDER BY sent_at, id
            """
        )
    ]

    /// The statements of an erasure, in order, run in one transaction. Arguments: `?1` the user's id,
    /// `?2` the anonymous username that replaces theirs, `?3` now (ms), `?4` the payload that replaces
    /// a submission's content. What stays, under the same random id that no longer leads to a person:
    /// enrollments (completion counts), progress, attempts with their scores, and the fact and lateness
    /// of each submission.
    static let erasureStatements: [(name: String, sql: String)] = [
        // The user's devices learn of the erasure at their next sync with the token they hold (401 `account_erased`).
        (
            "erased tokens",
            "INSERT OR IGNORE INTO erased_tokens(hash, erased_at) SELECT hash, ?3 FROM tokens WHERE user_id = ?1"
        ),
        ("tokens", "DELETE FROM tokens WHERE user_id = ?1"),
        ("reset codes", "DELETE FROM reset_codes WHERE user_id = ?1"),
        // Throttling keys are `user:<username>` and `enroll:<id>:<course>` (AccountRoutes, EnrollmentRoutes).
        (
            "login throttling",
            """
            DELETE FROM login_failures WHERE key = 'user:' || (SELECT lower(username) FROM users WHERE id = ?1) OR key LIKE 'enroll:' || ?1 || ':%'
            """
        ),
        (
            "account",
            """
            UPDATE users SET username = ?2, display_name = ?2, email = NULL, disabled = 1,
                             password_hash = randomblob(32), password_salt = randomblob(16), updated_at = ?3 WHERE id = ?1
            """
        ),
        ("submission contents", "UPDATE submissions SET payload = ?4 WHERE user_id = ?1"),
        // Time spent stays as a total; the per-device split would name the user's devices.
        (
            "progress devices",
            """
            UPDATE progress SET seconds = json_object('erased', (SELECT coalesce(sum(value), 0) FROM json_each(progress.seconds)))
            WHERE user_id = ?1 AND json_valid(seconds)
            """
        ),
        // Grades stay as figures; a teacher's words about the person go. A certificate names the person: it goes.
        ("grade feedback", "UPDATE grades SET feedback = NULL WHERE user_id = ?1"),
        (
            "grade history feedback",
            "UPDATE grade_history SET old_feedback = NULL, new_feedback = NULL WHERE user_id = ?1"
        ),
        (
            "essay feedback",
            "UPDATE attempt_grades SET feedback = NULL WHERE attempt_id IN (SELECT id FROM attempts WHERE user_id = ?1)"
        ),
        ("certificates", "DELETE FROM certificates WHERE user_id = ?1"),
        ("devices", "DELETE FROM devices WHERE user_id = ?1"),
        ("sync streams", "DELETE FROM sync_streams WHERE user_id = ?1"),
        // The user's own changelog held copies of their work (submission texts): gone; course-wide changes stay.
        ("changes", "DELETE FROM changes WHERE user_id = ?1"),
        ("record", "INSERT OR REPLACE INTO erasures(user_id, erased_at) VALUES (?1, ?3)")
    ]

    // MARK: - Export

    /// Everything held on one user, section by section (blobs that are frames are decoded).
    func exportUser(id userID: String) throws -> JSONValue {
        try read { db in
            var members: [(String, JSONValue)] = []
            for section in Self.exportSections {
                let rows = try db.fetchAll(section.sql, arguments: [userID]).map(Self.json(row:))
                members.append(
                    (section.name, section.name == "account" ? rows.first ?? JSONOut.null : JSONOut.arr(rows)))
            }
            return JSONOut.obj(members)
        }
    }

    /// A row as an object with camelCase keys.
    static func json(row: Row) -> JSONValue {
        JSONValue(
            .object(
                zip(row.columnNames, row.values).map { name, value in
                    (key: camelCase(name), value: json(value, column: name))
                }))
    }

    /// The text columns that hold JSON (enrollment groups, progress seconds by device, rubric or
    /// essay scores): exported as JSON. Every other text (a post, feedback) stays text whatever it looks like.
    static let exportJSONColumns: Set<String> = ["groups", "seconds", "scores"]

    static func json(_ value: DatabaseValue, column: String) -> JSONValue {
        switch value {
        case .null: return JSONOut.null
        case .integer(let n): return column.hasSuffix("_at") ? JSONOut.time(n) : JSONOut.n(Double(n))
        case .real(let d): return JSONOut.n(d)
        case .text(let t):
            if exportJSONColumns.contains(column), let parsed = try? JSONParser.parse(t) { return parsed }
            return JSONOut.s(t)
        case .blob(let data):
            if let decoded = try? WireCodec.decode([UInt8](data)) { return decoded }
            return JSONOut.s(data.base64EncodedString())
        }
    }

    static func camelCase(_ name: String) -> String {
        var out = ""
        var upper = false
        for c in name {
            if c == "_" {
                upper = true
                continue
            }
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
        return out
    }

    // MARK: - Erasure

    /// What an erasure did.
    struct Erasure: Sendable {
        /// The anonymous name now in place of the username.
        var anonymousName: String
        /// Submitted files that nobody references any more (to delete from the blob store after the commit).
        var unreferencedBlobs: [String]
        /// The courses whose members' devices are told (`erasure` changes).
        var courses: [String]
    }

    /// Erases a user's personal data in one transaction (the statements of `erasureStatements`), and
    /// tells devices with an `erasure` change in each of the user's courses and in the user's stream.
    func erase(userID: String) throws -> Erasure {
        let anonymous =
            "erased-" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
        return try write { db in
            let now = nowMilliseconds()
            let ownFiles = Set(
                try db.fetchColumn(Data.self, "SELECT payload FROM submissions WHERE user_id = ?", arguments: [userID])
                    .compactMap { $0 }.flatMap(Self.fileHashes(inPayload:)))
            let courses = try db.fetchColumn(
                String.self,
                """
                SELECT course_id FROM enrollments WHERE user_id = ?1 UNION SELECT course_id FROM course_staff WHERE user_id = ?1 ORDER BY 1
                """, arguments: [userID]
            ).compactMap { $0 }
            let erasedPayload = Data(WireCodec.encode(JSONOut.obj([("erased", JSONOut.b(true))])))
            // Essay answers are the person's own writing: they go; every other answer stays for item analysis.
            for row in try db.fetchAll("SELECT id, payload FROM attempts WHERE user_id = ?", arguments: [userID]) {
                if let data = row.data(1), let cleaned = Self.withoutEssays(data) {
                    try db.execute("UPDATE attempts SET payload = ? WHERE id = ?", arguments: [cleaned, row.string(0)])
                }
            }
            // Messages go, posts become tombstones without an author, announcements lose the name (re-sent to devices).
            try CommunicationStore.eraseCommunication(of: userID, in: db)
            // A teacher's name in the grades they gave (each student's `grade` changes) becomes the anonymous one.
            try GradingStore.eraseGrader(userID, anonymousName: anonymous, in: db)
            let values: [(any DatabaseValueConvertible)?] = [userID, anonymous, now, erasedPayload]
            for statement in Self.erasureStatements {
                // Each statement binds the arguments it names (?1…?n), in order.
                let prepared = try db.makeStatement(sql: statement.sql)
                try prepared.execute(arguments: StatementArguments(Array(values.prefix(prepared.parameterCount))))
            }
            // A file stays while another submission or a course package still holds it.
            var stillUsed: Set<String> = []
            if !ownFiles.isEmpty {
                try db.fetchColumn(Data.self, "SELECT payload FROM submissions WHERE user_id <> ?", arguments: [userID])
                    .forEach { data in
                        if let data { stillUsed.formUnion(Self.fileHashes(inPayload: data)) }
                    }
                for hash in ownFiles
                where try db.fetchScalar(
                    Int.self,
                    """
                    SELECT count(*) FROM versions WHERE instr(manifest, ?1) > 0 OR instr(student_manifest, ?1) > 0
                    """, arguments: [hash]) ?? 0 > 0
                {
                    stillUsed.insert(hash)
                }
            }
            let payload = JSONOut.obj([("erasedUser", JSONOut.s(userID))])
            try ChangelogStore.appendChange(
                kind: "erasure", entity: userID, userID: userID, courseID: nil, payload: payload, in: db)
            for course in courses {
                try ChangelogStore.appendChange(
                    kind: "erasure", entity: userID, userID: nil, courseID: course, payload: payload, in: db)
            }
            return Erasure(
                anonymousName: anonymous, unreferencedBlobs: ownFiles.subtracting(stillUsed).sorted(), courses: courses)
        }
    }

    /// An attempt payload with its essay answers emptied, or nil when it has none.
    static func withoutEssays(_ data: Data) -> Data? {
        guard let payload = try? WireCodec.decode([UInt8](data)), var members = payload.objectMembers,
            let index = members.firstIndex(where: { $0.key == "responses" }),
            let responses = members[index].value.objectMembers,
            responses.contains(where: { $0.value["essay"] != nil })
        else { return nil }
        members[index].value = JSONValue(
            .object(
                responses.map { member in
                    member.value["essay"] != nil
                        ? (key: member.key, value: JSONOut.obj([("essay", JSONOut.s(""))])) : member
                }))
        return Data(WireCodec.encode(JSONValue(.object(members))))
    }

    /// The SHA-256 of every file a stored submission payload names.
    static func fileHashes(inPayload data: Data) -> [String] {
        guard let payload = try? WireCodec.decode([UInt8](data)) else { return [] }
        return (payload["files"]?.arrayValue ?? []).compactMap { $0["sha256"]?.stringValue }
    }
}
