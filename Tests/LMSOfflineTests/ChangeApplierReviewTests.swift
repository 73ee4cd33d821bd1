import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// An exam result withheld until the teacher releases the review (`ChangeApplier+Review`): the
/// device keeps no marks, counts no grade, and says the attempt was handed in (docs/CLIENT.md).
struct ChangeApplierReviewTests {
    /// The withheld result of `a1` as the server sends it: no `points`, no `questions`.
    static let withheld: JSONValue = .obj([
        ("sseq", .int(2)), ("kind", .str("attemptResult")), ("entity", .str("a1")), ("course", .str("intro")),
        (
            "payload",
            .obj([
                ("user", .str("u1")), ("quiz", .str("unit/exam")), ("course", .str("intro")), ("maxPoints", .num(4)),
                ("awaitingTeacher", .flag(false)), ("late", .flag(false)), ("counted", .flag(true)),
                ("review", .str("withheld"))
            ])
        )
    ])

    static func apply(_ page: [JSONValue], _ n: Int, _ queue: DatabaseQueue) throws {
        _ = try ChangeApplier.applyPage(
            page, cursor: "v1.e.\(n)", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Date())
    }

    @Test func aWithheldResult_KeepsNoMarks_CountsNoGrade_AndSaysMarksComeWithTheReview() throws {
        let queue = try SyncApplyTests.store()
        try Self.apply(ChangeApplierWorkTests.attempt + [Self.withheld], 2, queue)
        let row = try queue.read { db in
            try db.fetchOne("SELECT status, points, server_scored FROM attempts WHERE id = 'a1'")
        }
        #expect(row?.string(0) == "withheld")
        #expect(row?.double(1) == nil, "no points")
        #expect(row?.bool(2) == false, "not a score of record")
        #expect(try ChangeApplierWorkTests.grade(queue) == nil, "no grade, so no pass")
        let note = try queue.read { db in
            try db.fetchOne("SELECT title, body, body_es FROM notifications WHERE kind = 'marks-withheld'")
        }
        #expect(note?.string(0) == "unit/exam (intro) handed in")
        #expect(note?.string(1) == "Handed in; marks when the teacher releases the review.")
        #expect(note?.string(2)?.contains("revisión") == true)
        // What `grades` and the course screens read.
        let report = ReportStore(queue: queue)
        let local = try report.localResults(profileID: "p1", courseID: "intro")
        #expect(local.map(\.withheld) == [true])
        let states = try report.itemStates(profileID: "p1", courseID: "intro")
        #expect(states.quizzes["unit/exam"]?.withheld == 1)
        #expect(states.quizzes["unit/exam"]?.best == nil)
        // The release publishes the full result: a score of record and a grade, once.
        try Self.apply([ChangeApplierWorkTests.result(sseq: 3, late: false, counted: true)], 3, queue)
        #expect(try ChangeApplierWorkTests.grade(queue) == 3)
        let released = try report.itemStates(profileID: "p1", courseID: "intro")
        #expect(released.quizzes["unit/exam"]?.withheld == 0 && released.quizzes["unit/exam"]?.best == 3)
    }

    @Test func aWithheldResultAgain_LateCountedOrNot_LeavesOneNotification() throws {
        let queue = try SyncApplyTests.store()
        try Self.apply(ChangeApplierWorkTests.attempt + [Self.withheld], 2, queue)
        try Self.apply([Self.withheld], 3, queue)
        let notes = try queue.read { db in
            try db.fetchScalar(Int.self, "SELECT count(*) FROM notifications WHERE kind = 'marks-withheld'")
        }
        #expect(notes == 1)
    }
    @Test func aWithheldResultOfANeverReviewedQuiz_SaysItShowsNoMarks_NotThatTheyWillCome() throws {
        let f = try ClientFixture.withANeverReviewedSurveyTaken()
        let queue = try f.store()
        let (profileID, attemptID) = try #require(
            try queue.read { db in
                try db.fetchOne("SELECT profile_id, id FROM attempts WHERE quiz_id = 'unit/survey'").map {
                    ($0.string(0) ?? "", $0.string(1) ?? "")
                }
            })
        try queue.write { db in
            try db.execute(
                "INSERT INTO sync_accounts(profile_id, server, username, user_id, token) VALUES (?, 'http://s', 'ana', 'u1', 't')",
                arguments: [profileID])
        }
        let withheld: JSONValue = .obj([
            ("sseq", .int(1)), ("kind", .str("attemptResult")), ("entity", .str(attemptID)),
            ("course", .str("past-course")),
            (
                "payload",
                .obj([
                    ("user", .str("u1")), ("quiz", .str("unit/survey")), ("course", .str("past-course")),
                    ("maxPoints", .num(1)), ("awaitingTeacher", .flag(false)), ("late", .flag(false)),
                    ("counted", .flag(true)), ("review", .str("withheld"))
                ])
            )
        ])
        _ = try ChangeApplier.applyPage(
            [withheld], cursor: "v1.e.1", profile: Profile(id: profileID, name: "ana"), userID: "u1", queue: queue,
            now: Date())
        let note = try queue.read { db in
            try db.fetchOne("SELECT body, body_es FROM notifications WHERE kind = 'marks-withheld'")
        }
        #expect(note?.string(0) == "Handed in; this quiz does not show marks to students.")
        #expect(note?.string(1) == "Entregado; este cuestionario no muestra las notas a los estudiantes.")
    }
}
