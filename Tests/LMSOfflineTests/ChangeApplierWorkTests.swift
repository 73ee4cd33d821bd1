import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// Scores of record on the student's device (`ChangeApplier+Work`): a late attempt that a teacher
/// did not count gives the quiz no grade here either (docs/PROTOCOL.md §8).
struct ChangeApplierWorkTests {
    /// The enrollment (the first change of `SyncApplyTests.page`), then an attempt at an exam.
    static let attempt: [JSONValue] = [SyncApplyTests.page[0], attemptChange]

    static let attemptChange: JSONValue = .obj([
        ("sseq", .int(1)), ("kind", .str("attempt")), ("entity", .str("a1")), ("course", .str("intro")),
        (
            "payload",
            .obj([
                ("quiz", .str("unit/exam")), ("course", .str("intro")), ("courseVersion", .str("1.2.0")),
                ("startedAt", .int(1_000)), ("submittedAt", .int(2_000)), ("questionOrder", .list([])),
                ("responses", .obj([]))
            ])
        )
    ])

    static func result(sseq: Int, late: Bool, counted: Bool?, points: Double = 3, awaitingTeacher: Bool? = nil)
        -> JSONValue
    {
        var payload: [(String, JSONValue)] = [
            ("quiz", .str("unit/exam")), ("points", .num(points)), ("maxPoints", .num(4)), ("late", .flag(late))
        ]
        if let awaitingTeacher { payload.append(("awaitingTeacher", .flag(awaitingTeacher))) }
        if let counted { payload.append(("counted", .flag(counted))) }
        return .obj([
            ("sseq", .int(sseq)), ("kind", .str("attemptResult")), ("entity", .str("a1")), ("course", .str("intro")),
            ("payload", .obj(payload))
        ])
    }

    static func grade(_ queue: DatabaseQueue) throws -> Double? {
        try queue.read { db in
            try db.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'unit/exam'")
        }
    }

    @Test func aLateAttemptNotCounted_GivesNoGrade_UntilTheTeacherCountsIt() throws {
        let queue = try SyncApplyTests.store()
        let apply = { (page: [JSONValue], n: Int) in
            _ = try ChangeApplier.applyPage(
                page, cursor: "v1.e.\(n)", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
        }
        try apply(Self.attempt + [Self.result(sseq: 2, late: true, counted: false)], 2)
        #expect(try Self.grade(queue) == nil, "late and not counted")
        try apply([Self.result(sseq: 3, late: true, counted: true)], 3)
        #expect(try Self.grade(queue) == 3, "counted by a teacher")
        try apply([Self.result(sseq: 4, late: true, counted: false)], 4)
        #expect(try Self.grade(queue) == nil, "no longer counted")
    }

    @Test func aLateAttemptFromAServerBeforeCounted_StillCounts() throws {
        let queue = try SyncApplyTests.store()
        _ = try ChangeApplier.applyPage(
            Self.attempt + [Self.result(sseq: 2, late: true, counted: nil)], cursor: "v1.e.2",
            profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
        #expect(try Self.grade(queue) == 3)
    }

    @Test func aResultAwaitingTheTeacher_IsProvisional_GivesNoGrade_UntilTheFinalResult() throws {
        let queue = try SyncApplyTests.store()
        let apply = { (page: [JSONValue], n: Int) in
            _ = try ChangeApplier.applyPage(
                page, cursor: "v1.e.\(n)", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
        }
        try apply(
            Self.attempt + [Self.result(sseq: 2, late: false, counted: true, points: 2, awaitingTeacher: true)], 2)
        #expect(try Self.grade(queue) == nil, "the teacher's gradebook shows no grade yet: neither does the device")
        let report = ReportStore(queue: queue)
        let local = try report.localResults(profileID: "p1", courseID: "intro")
        #expect(local.count == 1 && local.first?.points == 2 && local.first?.essaysPending == true)
        let states = try report.itemStates(profileID: "p1", courseID: "intro")
        #expect(states.quizzes["unit/exam"]?.best == 2 && states.quizzes["unit/exam"]?.essaysPending == true)
        let told = try queue.read {
            try $0.fetchScalar(Int.self, "SELECT count(*) FROM notifications WHERE kind = 'exam-scored'")
        }
        #expect(told == 0, "a provisional score is not announced as the exam's score")
        // The teacher grades the essay: the next result is final.
        try apply([Self.result(sseq: 3, late: false, counted: true, points: 3, awaitingTeacher: false)], 3)
        #expect(try Self.grade(queue) == 3)
        let final = try report.itemStates(profileID: "p1", courseID: "intro")
        #expect(final.quizzes["unit/exam"]?.best == 3 && final.quizzes["unit/exam"]?.essaysPending == false)
        #expect(try report.localResults(profileID: "p1", courseID: "intro").isEmpty, "the grade stands for the quiz")
    }

    @Test func migration6_KeepsAttemptsAndMarksNoneAwaitingATeacher() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        try queue.inDatabase { db in
            for sql in [StoreSchema.version1, StoreSchema.version2, StoreSchema.version4, StoreSchema.version5] {
                try db.execute(sql: sql)
            }
            try db.execute(sql: "PRAGMA user_version = 5")
            try db.execute(
                sql:
                    "INSERT INTO profiles(id, name, name_key, salt, iterations, pin_hash, created_at) VALUES ('p', 'p', 'p', x'00', 1, x'00', 0)"
            )
            try db.execute(
                sql: """
                    INSERT INTO attempts(id, profile_id, course_id, course_version, package_id, quiz_id, mode, seed, started_at,
                                         question_order, points, max_points, status, server_scored)
                    VALUES ('a1', 'p', 'c', '1', 'k', 'q', 'practice', 0, 0, '[]', 3, 4, 'graded', 1)
                    """)
        }
        try StoreSchema.migrator.migrate(queue)
        let row = try queue.read { try $0.fetchOne("SELECT points, awaiting_teacher FROM attempts WHERE id = 'a1'") }
        #expect(row?.double(0) == 3 && row?.int(1) == 0)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "PRAGMA user_version") } == 6)
    }
}
