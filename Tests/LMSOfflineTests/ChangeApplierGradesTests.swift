import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// `grade` and `certificate` changes applied to a store in memory (docs/PROTOCOL.md §5).
struct ChangeApplierGradesTests {
    static func grade(
        _ points: Double, feedback: String?, at: Double, user: String = "u1", kind: String = "assignment",
        item: String = "m/essay"
    ) -> JSONValue {
        var payload: [(String, JSONValue)] = [
            ("user", .str(user)), ("course", .str("intro")), ("item", .str(item)), ("kind", .str(kind)),
            ("points", .num(points)), ("maxPoints", .num(10)), ("scores", .obj([("Content", .num(points))])),
            ("gradedBy", .str("Ada")), ("gradedAt", .num(at))
        ]
        if let feedback { payload.append(("feedback", .str(feedback))) }
        return .obj([
            ("sseq", .int(1)), ("kind", .str("grade")), ("entity", .str("\(user)/intro/\(item)")),
            ("course", .str("intro")),
            ("payload", .obj(payload))
        ])
    }

    @Test func grade_IsStoredWithFeedbackAndRubric_NotifiedOnce_RegradeReplaces() throws {
        let queue = try SyncApplyTests.store()
        let first = Self.grade(6, feedback: "Good start", at: 1000)
        let counts = try ChangeApplier.applyPage(
            [first, first], cursor: "c1", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
        #expect(counts.grades == 1, "the same change twice is one grade")
        let row = try #require(
            try queue.read {
                try $0.fetchOne(
                    "SELECT points, max_points, feedback, scores, graded_by FROM grades WHERE item_id = 'm/essay'")
            })
        #expect(
            row.double(0) == 6 && row.double(1) == 10 && row.string(2) == "Good start"
                && row.string(3) == #"{"Content":6}"# && row.string(4) == "Ada")
        let regrade = try ChangeApplier.applyPage(
            [Self.grade(8, feedback: nil, at: 2000)], cursor: "c2", profile: SyncApplyTests.profile, userID: "u1",
            queue: queue, now: Date())
        #expect(regrade.grades == 1)
        #expect(
            try queue.read { try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'm/essay'") }
                == 8)
        #expect(
            try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM notifications WHERE kind = 'grade'") }
                == 2)
        let bodies = try queue.read {
            try $0.fetchColumn(String.self, "SELECT body FROM notifications WHERE kind = 'grade' ORDER BY body")
        }
        #expect(
            bodies.compactMap { $0 } == [
                "6/10 points, graded by Ada. Feedback: Good start", "8/10 points, graded by Ada."
            ])
        let spanish = try queue.read {
            try $0.fetchScalar(String.self, "SELECT title_es FROM notifications WHERE kind = 'grade' LIMIT 1")
        }
        #expect(spanish == "Nueva nota de m/essay (intro)")
    }

    @Test func gradeOfAnotherUser_IsSkipped_AndQuizGradeKeepsTheScoreOfRecord() throws {
        let queue = try SyncApplyTests.store()
        _ = try ChangeApplier.applyPage(
            [Self.grade(5, feedback: "x", at: 1, user: "u2")], cursor: "c", profile: SyncApplyTests.profile,
            userID: "u1",
            queue: queue, now: Date())
        #expect(try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM grades") } == 0)
        try queue.write { db in
            try db.execute(
                "INSERT INTO grades(profile_id, course_id, item_id, points, max_points, graded_by, graded_at) VALUES ('p1', 'intro', 'm/exam', 9, 10, 'server', 0)"
            )
        }
        _ = try ChangeApplier.applyPage(
            [Self.grade(7, feedback: "Essay ok", at: 5, kind: "quiz", item: "m/exam")], cursor: "c",
            profile: SyncApplyTests.profile,
            userID: "u1", queue: queue, now: Date())
        let row = try #require(
            try queue.read { try $0.fetchOne("SELECT points, feedback FROM grades WHERE item_id = 'm/exam'") })
        #expect(
            row.double(0) == 9 && row.string(1) == "Essay ok",
            "the best attempt stays the quiz's points; the feedback is added")
    }

    @Test func certificate_IsKept_AndNotifiedOnce() throws {
        let queue = try SyncApplyTests.store()
        let change: JSONValue = .obj([
            ("sseq", .int(3)), ("kind", .str("certificate")), ("entity", .str("u1/intro")), ("course", .str("intro")),
            (
                "payload",
                .obj([
                    ("user", .str("u1")), ("course", .str("intro")), ("code", .str("ABCDE-FGHJK-MNPQR-STVWX")),
                    ("name", .str("Sam")), ("title", .str("Intro")), ("issuedAt", .num(1_800_000_000_000))
                ])
            )
        ])
        _ = try ChangeApplier.applyPage(
            [change, change], cursor: "c", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
        let row = try #require(
            try queue.read {
                try $0.fetchOne("SELECT code, name, title, server FROM certificates WHERE profile_id = 'p1'")
            })
        #expect(
            row.string(0) == "ABCDE-FGHJK-MNPQR-STVWX" && row.string(1) == "Sam" && row.string(2) == "Intro"
                && row.string(3) == "http://s")
        #expect(
            try queue.read {
                try $0.fetchScalar(Int.self, "SELECT count(*) FROM notifications WHERE kind = 'certificate'")
            } == 1)
    }

    @Test func migration4_KeepsGradesOfVersion2() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        try queue.inDatabase { db in
            try db.execute(sql: StoreSchema.version1)
            try db.execute(sql: StoreSchema.version2)
            try db.execute(sql: "PRAGMA user_version = 2")
            try db.execute(
                sql:
                    "INSERT INTO profiles(id, name, name_key, salt, iterations, pin_hash, created_at) VALUES ('p', 'p', 'p', x'00', 1, x'00', 0)"
            )
            try db.execute(
                sql:
                    "INSERT INTO grades(profile_id, course_id, item_id, points, max_points, graded_by, graded_at) VALUES ('p', 'c', 'i', 3, 4, 'server', 0)"
            )
        }
        try StoreSchema.migrator.migrate(queue)
        #expect(
            try queue.read { try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'i'") } == 3)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM certificates") } == 0)
        #expect(try queue.read { try $0.fetchScalar(Int.self, "PRAGMA user_version") } ?? 0 >= 4)
    }
}
