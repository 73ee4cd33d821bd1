import Foundation
import LMSDatabase
import LMSModel

/// One attempt as stored: a draft while in progress, then graded (practice) or awaiting the server (exam).
struct AttemptRecord: Sendable {
    var id: String
    var courseID: String
    var courseVersion: String
    var packageID: String
    var quizID: String
    var mode: String
    var seed: UInt64
    var startedAt: Date
    var deadline: Date?
    var submittedAt: Date?
    var questionOrder: [String]
    var responses: [String: Response]
    var status: String
    var points: Double?
    var maxPoints: Double?
}

/// Quiz attempts of one profile. Answers are saved one by one in the draft (no outbox entry);
/// submitting grades a practice attempt and appends the attempt's outbox entry in the same transaction.
struct AttemptStore {
    let queue: DatabaseQueue
    let deviceID: String
    let profile: Profile

    static let columns = """
        id, course_id, course_version, package_id, quiz_id, mode, seed, started_at, deadline, submitted_at,
        question_order, responses, status, points, max_points
        """

    /// The draft of this quiz, if one was interrupted.
    func draft(courseID: String, quizID: String) throws -> AttemptRecord? {
        try queue.read { db in
            try db.fetchOne(
                "SELECT \(Self.columns) FROM attempts WHERE profile_id = ? AND course_id = ? AND quiz_id = ? AND status = 'draft'",
                arguments: [profile.id, courseID, quizID]
            ).map(Self.make)
        }
    }

    /// Submitted attempts of this quiz, oldest first.
    func submitted(courseID: String, quizID: String) throws -> [AttemptRecord] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT \(Self.columns) FROM attempts WHERE profile_id = ? AND course_id = ? AND quiz_id = ? AND status <> 'draft'
                ORDER BY started_at
                """, arguments: [profile.id, courseID, quizID]
            ).map(Self.make)
        }
    }

    /// Every submitted attempt of the profile.
    func allSubmitted() throws -> [AttemptRecord] {
        try queue.read { db in
            try db.fetchAll(
                "SELECT \(Self.columns) FROM attempts WHERE profile_id = ? AND status <> 'draft' ORDER BY started_at",
                arguments: [profile.id]
            ).map(Self.make)
        }
    }

    /// Starts a draft attempt with a fresh random seed and the quiz's deadline.
    func start(course: InstalledCourse, quiz: Quiz, now: Date) throws -> AttemptRecord {
        let seed = UInt64.random(in: 0...UInt64.max)
        let order = QuizShuffle(quiz: quiz, seed: seed).questionOrder
        let record = AttemptRecord(
            id: TimeOrderedID.make(), courseID: course.id, courseVersion: course.version,
            packageID: course.packageID,
            quizID: quiz.id, mode: quiz.mode.rawValue, seed: seed, startedAt: now,
            deadline: quiz.timeLimitMinutes.map { now.addingTimeInterval($0 * 60) }, submittedAt: nil,
            questionOrder: order,
            responses: [:], status: "draft")
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO attempts(id, profile_id, course_id, course_version, package_id, quiz_id, mode, seed, started_at, deadline,
                                     question_order, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft')
                """,
                arguments: [
                    record.id, profile.id, record.courseID, record.courseVersion, record.packageID, record.quizID,
                    record.mode, Int64(bitPattern: seed), now, record.deadline,
                    JSONWriter.write(JSONValue(.array(order.map { JSONValue(.string($0)) })))
                ])
        }
        return record
    }

    /// Saves the draft's answers so far (each answer as it is given).
    func save(_ record: AttemptRecord) throws {
        try queue.write { db in
            try db.cachedStatement(
                sql: "UPDATE attempts SET responses = ? WHERE id = ? AND profile_id = ? AND status = 'draft'"
            )
            .execute(arguments: [JSONWriter.write(ResponseCoding.json(record.responses)), record.id, profile.id])
        }
    }

    /// Submits the attempt as it stands: grades a practice quiz here, marks an exam as awaiting
    /// the server, and appends the attempt's outbox entry, all in one transaction. A practice quiz
    /// whose review is not `afterAttempt` is not graded here either: its marks wait for the review,
    /// as an exam's do (docs/COURSE-FORMAT.md `review`).
    func submit(_ record: AttemptRecord, quiz: Quiz, now: Date) throws -> QuizResult? {
        var result: QuizResult?
        if quiz.isScoredOnDevice { result = try Grader.grade(quiz, responses: record.responses) }
        let attempt = Attempt(
            id: record.id, userID: profile.id, courseID: record.courseID,
            courseVersion: SemanticVersion(record.courseVersion) ?? SemanticVersion(0, 0, 0), quizID: record.quizID,
            startedAt: record.startedAt, submittedAt: now, questionOrder: record.questionOrder,
            responses: record.responses, result: result)
        try queue.write { db in
            try db.execute(
                """
                UPDATE attempts SET responses = ?, submitted_at = ?, status = ?, result = ?, points = ?, max_points = ?
                WHERE id = ? AND profile_id = ? AND status = 'draft'
                """,
                arguments: [
                    JSONWriter.write(ResponseCoding.json(record.responses)), now, result == nil ? "awaiting" : "graded",
                    result.map { JSONWriter.write(ResponseCoding.json($0)) }, result?.points, quiz.maxPoints,
                    record.id, profile.id
                ])
            guard db.changes == 1 else { return }
            try Outbox.append(.attempt(attempt, deviceID: deviceID, profileID: profile.id, at: now), to: db)
        }
        return result
    }

    static func make(_ row: Row) -> AttemptRecord {
        let order = (try? JSONParser.parse(row.string(10) ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
        let responses = (try? JSONParser.parse(row.string(11) ?? "{}")).map(ResponseCoding.responses) ?? [:]
        return AttemptRecord(
            id: row.string(0) ?? "", courseID: row.string(1) ?? "", courseVersion: row.string(2) ?? "",
            packageID: row.string(3) ?? "", quizID: row.string(4) ?? "", mode: row.string(5) ?? "",
            seed: UInt64(bitPattern: row.int64(6) ?? 0), startedAt: row.date(7) ?? Date(), deadline: row.date(8),
            submittedAt: row.date(9), questionOrder: order, responses: responses, status: row.string(12) ?? "",
            points: row.double(13), maxPoints: row.double(14))
    }
}
