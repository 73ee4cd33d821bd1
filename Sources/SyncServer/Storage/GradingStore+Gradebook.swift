import Foundation
import LMSDatabase
import LMSModel

/// What the gradebook and the reports read of a course, in a handful of course-wide queries
/// (each indexed by course; none per student).
struct CourseGradeData: Sendable {
    /// Active students, by username.
    var students: [GradebookStudent]
    /// Points by student id, then item id: teachers' grades of assignments, and each quiz's best
    /// attempt that awaits no teacher and counts (a late one only when a teacher counted it).
    var scores: [String: [String: Double]]
    /// Lessons done, last activity and completion by student id.
    var activity: [String: StudentActivity]
}

/// One entry of the grading queue.
struct QueueEntry: Sendable {
    /// `submission` or `attempt`.
    var kind: String
    var id: String
    var student: GradebookStudent
    /// The assignment or quiz.
    var itemID: String
    var version: Int64?
    var submittedAt: Int64?
    var late: Bool
    /// Whether an earlier version was graded already (a resubmission).
    var regrade: Bool
}

/// One submission as a teacher sees it.
struct SubmissionRecord: Sendable {
    var id: String
    var courseID: String
    var assignmentID: String
    var student: GradebookStudent
    var version: Int64
    var payload: JSONValue
    var submittedAt: Int64
    var receivedAt: Int64
    var late: Bool
}

/// One attempt as a teacher sees it.
struct AttemptRecord: Sendable {
    var id: String
    var courseID: String
    var courseVersion: String
    var quizID: String
    var student: GradebookStudent
    var payload: JSONValue
    var points: Double
    var maxPoints: Double
    var awaitingTeacher: Bool
    var submittedAt: Int64?
    /// Why the attempt is late (docs/PROTOCOL.md §8), or nil when it is on time.
    var late: String? = nil
    /// Whether it counts in the gradebook: on time, or late and counted by a teacher.
    var counted = true
}

extension GradingStore {
    /// The course's grade data. `renamed` maps old item ids to new; `lessons` are the current lesson ids.
    func gradeData(courseID: String, renamed: [String: String], lessons: Set<String>, onlyUserID: String? = nil) throws
        -> CourseGradeData
    {
        try read { db in
            var students: [GradebookStudent] = []
            var activity: [String: StudentActivity] = [:]
            try db.forEach(
                """
                SELECT u.id, u.username, u.display_name, e.completed_at, x.user_id IS NOT NULL FROM enrollments e JOIN users u ON u.id = e.user_id
                LEFT JOIN erasures x ON x.user_id = e.user_id
                WHERE e.course_id = ?1 AND e.status = 'active' AND (?2 IS NULL OR e.user_id = ?2) ORDER BY u.username
                """, arguments: [courseID, onlyUserID]
            ) { c in
                let id = c.string(at: 0)
                students.append(
                    GradebookStudent(
                        id: id, username: c.string(at: 1), displayName: c.string(at: 2), erased: c.int64(at: 4) != 0))
                activity[id] = StudentActivity(
                    studentID: id, lessonsDone: 0, lastActiveAt: nil, completed: !c.isNull(at: 3))
            }
            var scores: [String: [String: Double]] = [:]
            try db.forEach(
                "SELECT user_id, item_id, points FROM grades WHERE course_id = ?1 AND (?2 IS NULL OR user_id = ?2)",
                arguments: [courseID, onlyUserID]
            ) { c in
                let item = c.string(at: 1)
                scores[c.string(at: 0), default: [:]][renamed[item] ?? item] = c.double(at: 2)
            }
            try db.forEach(
                """
                SELECT user_id, quiz_id, MAX(points) FROM attempts a WHERE course_id = ?1 AND awaiting_teacher = 0 AND points IS NOT NULL
                AND (?2 IS NULL OR user_id = ?2) AND \(Self.countsInGradebook) GROUP BY user_id, quiz_id
                """, arguments: [courseID, onlyUserID]
            ) { c in
                let quiz = c.string(at: 1)
                let id = renamed[quiz] ?? quiz
                let user = c.string(at: 0)
                scores[user, default: [:]][id] = max(scores[user]?[id] ?? 0, c.double(at: 2))
            }
            func seen(_ user: String, _ ms: Int64) {
                guard var a = activity[user] else { return }
                let date = Date(timeIntervalSince1970: Double(ms) / 1000)
                if a.lastActiveAt.map({ $0 < date }) ?? true { a.lastActiveAt = date }
                activity[user] = a
            }
            try db.forEach(
                "SELECT user_id, lesson_id, completed, updated_at FROM progress WHERE course_id = ?1 AND (?2 IS NULL OR user_id = ?2)",
                arguments: [courseID, onlyUserID]
            ) { c in
                let user = c.string(at: 0)
                let lesson = c.string(at: 1)
                if c.int64(at: 2) != 0, lessons.contains(renamed[lesson] ?? lesson) { activity[user]?.lessonsDone += 1 }
                seen(user, c.int64(at: 3))
            }
            for table in ["attempts", "submissions"] {
                try db.forEach(
                    "SELECT user_id, MAX(received_at) FROM \(table) WHERE course_id = ?1 AND (?2 IS NULL OR user_id = ?2) GROUP BY user_id",
                    arguments: [courseID, onlyUserID]
                ) { c in seen(c.string(at: 0), c.int64(at: 1)) }
            }
            for (id, a) in activity where !lessons.isEmpty && a.lessonsDone >= lessons.count {
                activity[id]?.completed = true
            }
            return CourseGradeData(students: students, scores: scores, activity: activity)
        }
    }

    /// The grading queue: each student's latest submission of each assignment that has no grade
    /// of its own (never graded, or resubmitted since), and attempts whose essays await a teacher;
    /// oldest first. Only students actively enrolled and not erased (an erased student's work is
    /// `{"erased": true}`: nothing to grade).
    func gradingQueue(courseID: String, onlyUserID: String? = nil) throws -> [QueueEntry] {
        try read { db in
            var out: [QueueEntry] = []
            try db.forEach(
                """
                SELECT s.id, u.id, u.username, u.display_name, s.assignment_id, s.version, s.submitted_at, s.late,
                       (SELECT COUNT(*) FROM grades g WHERE g.course_id = s.course_id AND g.user_id = s.user_id AND g.item_id = s.assignment_id)
                FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id, assignment_id ORDER BY submitted_at DESC, version DESC, id DESC) AS n
                      FROM submissions WHERE course_id = ?1 AND (?2 IS NULL OR user_id = ?2)) s
                JOIN users u ON u.id = s.user_id
                JOIN enrollments e ON e.user_id = s.user_id AND e.course_id = s.course_id AND e.status = 'active'
                WHERE s.n = 1 AND NOT EXISTS (SELECT 1 FROM erasures x WHERE x.user_id = s.user_id)
                AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.course_id = s.course_id AND g.user_id = s.user_id
                                              AND g.item_id = s.assignment_id AND g.submission_id = s.id)
                ORDER BY s.submitted_at, s.id
                """, arguments: [courseID, onlyUserID]
            ) { c in
                out.append(
                    QueueEntry(
                        kind: "submission", id: c.string(at: 0),
                        student: GradebookStudent(
                            id: c.string(at: 1), username: c.string(at: 2), displayName: c.string(at: 3)),
                        itemID: c.string(at: 4), version: c.int64(at: 5), submittedAt: c.int64(at: 6),
                        late: c.int64(at: 7) != 0,
                        regrade: c.int64(at: 8) > 0))
            }
            try db.forEach(
                """
                SELECT a.id, u.id, u.username, u.display_name, a.quiz_id, a.submitted_at, a.late IS NOT NULL FROM attempts a
                JOIN users u ON u.id = a.user_id
                JOIN enrollments e ON e.user_id = a.user_id AND e.course_id = a.course_id AND e.status = 'active'
                WHERE a.course_id = ?1 AND a.awaiting_teacher = 1 AND (?2 IS NULL OR a.user_id = ?2)
                AND NOT EXISTS (SELECT 1 FROM erasures x WHERE x.user_id = a.user_id) ORDER BY a.submitted_at, a.id
                """, arguments: [courseID, onlyUserID]
            ) { c in
                out.append(
                    QueueEntry(
                        kind: "attempt", id: c.string(at: 0),
                        student: GradebookStudent(
                            id: c.string(at: 1), username: c.string(at: 2), displayName: c.string(at: 3)),
                        itemID: c.string(at: 4), version: nil, submittedAt: c.isNull(at: 5) ? nil : c.int64(at: 5),
                        late: c.int64(at: 6) != 0, regrade: false))
            }
            return out
        }
    }

    /// A submission of course `courseID`, or nil.
    func submission(_ id: String, courseID: String) throws -> SubmissionRecord? {
        try read { db in try Self.submission(id, courseID: courseID, in: db) }
    }

    /// A submission of course `courseID`, or nil, inside a transaction.
    static func submission(_ id: String, courseID: String, in db: Database) throws -> SubmissionRecord? {
        guard
            let row = try db.fetchOne(
                """
                SELECT s.*, u.username, u.display_name FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.course_id = ?
                """, arguments: [id, courseID])
        else { return nil }
        return SubmissionRecord(
            id: id, courseID: courseID, assignmentID: row.string("assignment_id") ?? "",
            student: GradebookStudent(
                id: row.string("user_id") ?? "", username: row.string("username") ?? "",
                displayName: row.string("display_name") ?? ""),
            version: row.int64("version") ?? 1,
            payload: (try? WireCodec.decode([UInt8](row.data("payload") ?? Data()))) ?? JSONOut.null,
            submittedAt: row.int64("submitted_at") ?? 0, receivedAt: row.int64("received_at") ?? 0,
            late: row.bool("late") ?? false)
    }

    /// An attempt of course `courseID`, or nil.
    func attempt(_ id: String, courseID: String) throws -> AttemptRecord? {
        try read { db in try Self.attempt(id, courseID: courseID, in: db) }
    }

    /// An attempt of course `courseID`, or nil, inside a transaction.
    static func attempt(_ id: String, courseID: String, in db: Database) throws -> AttemptRecord? {
        guard
            let row = try db.fetchOne(
                """
                SELECT a.*, u.username, u.display_name, \(countsInGradebook) AS counted FROM attempts a JOIN users u ON u.id = a.user_id
                WHERE a.id = ? AND a.course_id = ?
                """, arguments: [id, courseID])
        else { return nil }
        return AttemptRecord(
            id: id, courseID: courseID, courseVersion: row.string("course_version") ?? "",
            quizID: row.string("quiz_id") ?? "",
            student: GradebookStudent(
                id: row.string("user_id") ?? "", username: row.string("username") ?? "",
                displayName: row.string("display_name") ?? ""),
            payload: (try? WireCodec.decode([UInt8](row.data("payload") ?? Data()))) ?? JSONOut.null,
            points: row.double("points") ?? 0, maxPoints: row.double("max_points") ?? 0,
            awaitingTeacher: row.bool("awaiting_teacher") ?? false, submittedAt: row.int64("submitted_at"),
            late: row.string("late"), counted: row.bool("counted") ?? true)
    }

    /// The latest per-question results of the course's scored attempts (from the `attemptResult`
    /// changes: the newest of each attempt wins, so a teacher's essay grading counts; a result
    /// withheld from the student is read in full from its attempt).
    func attemptResults(courseID: String) throws -> [(quizID: String, answers: [ItemAnalysis.Answer])] {
        try read { db in
            var latest: [String: [UInt8]] = [:]
            try db.forEach(
                """
                SELECT c.entity, coalesce(a.full_result, c.payload) FROM changes c LEFT JOIN attempts a ON a.id = c.entity
                WHERE c.course_id = ? AND c.kind IN ('attemptResult', '\(ChangelogStore.attemptWithResult)') ORDER BY c.sseq
                """,
                arguments: [courseID]
            ) { c in latest[c.string(at: 0)] = [UInt8](c.data(at: 1)) }
            return latest.values.compactMap { frame in
                guard let payload = try? WireCodec.decode(frame), let quiz = payload["quiz"]?.stringValue else {
                    return nil
                }
                let answers = (payload["questions"]?.arrayValue ?? []).compactMap { q -> ItemAnalysis.Answer? in
                    guard let id = q["id"]?.stringValue, let fraction = q["fraction"]?.numberValue else { return nil }
                    return ItemAnalysis.Answer(
                        questionID: id, fraction: fraction, manual: q["manual"]?.boolValue ?? false)
                }
                return (quiz, answers)
            }
        }
    }
}
