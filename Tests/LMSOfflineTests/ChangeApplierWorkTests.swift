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

    static func result(sseq: Int, late: Bool, counted: Bool?) -> JSONValue {
        var payload: [(String, JSONValue)] = [
            ("quiz", .str("unit/exam")), ("points", .num(3)), ("maxPoints", .num(4)), ("late", .flag(late))
        ]
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
}
