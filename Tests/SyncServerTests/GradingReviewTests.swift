import CoursePackage
import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Regressions of the grading review: which grade wins, erasure of graders, CSVs, rubric names,
/// feedback limits, erased students in the queue, and the export.
@Suite(.serialized) struct GradingReviewTests {
    static let course = GradingRoutesTests.course

    /// A pushed grade; `iso` writes `gradedAt` as lms-offline does (ISO 8601) instead of ms.
    static func pushedGrade(seq: Int64, submission: String, points: Double, gradedAt: Int64, iso: Bool = false)
        -> JSONValue
    {
        let time = Date(timeIntervalSince1970: Double(gradedAt) / 1000)
        let stamp: JSONValue =
            iso ? .init(.string(ISO8601DateFormatter().string(from: time))) : .init(.number(Double(gradedAt)))
        let payload: [(key: String, value: JSONValue)] = [
            ("course", "intro-programming"), ("submission", .init(.string(submission))),
            ("scores", .init(.object([(key: "points", value: .init(.number(points)))]))),
            ("gradedAt", stamp)
        ]
        return .init(
            .object([
                ("seq", .init(.number(Double(seq)))), ("prev", .init(.number(Double(seq - 1)))), ("kind", "grade"),
                ("entity", .init(.string("submission/\(submission)/\(seq)"))), ("at", 1),
                ("payload", .init(.object(payload)))
            ]))
    }

    static func currentGrade(_ server: TestServer) throws -> (submission: String, points: Double)? {
        try server.app.store.read { db in
            try db.fetchOne("SELECT submission_id, points FROM grades WHERE item_id = 'practice/reflection'")
                .map { ($0.string(0) ?? "", $0.double(1) ?? 0) }
        }
    }

    @Test func gradeOfAnOlderSubmission_IsRefusedOnline_AndDoesNotReplaceANewerGradeWhenPushed() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("co", role: .teacher)
        #expect(server.request(.post, "\(Self.course)/teachers", as: "owner", json: ["username": "co"]).status == 200)
        // The owner graded sub-r1 on a laptop, offline, a minute ago: well before the online grade below,
        // whatever the delay between building a push and applying it (it moves the time later).
        let gradedOffline = nowMilliseconds() - 60_000
        #expect(
            server.push(
                "ana", device: "dev-ana-1",
                entries: [
                    Entries.submission(
                        seq: 4, prev: 3, id: "sub-r2", assignment: "practice/reflection", text: "Loops, then functions",
                        submittedAt: nowMilliseconds() + 10)
                ]
            ).status == 200)
        // Online, the older version cannot be graded any more.
        let stale = server.request(
            .put, "\(Self.course)/submissions/sub-r1/grade", as: "co", json: ["scores": ["points": 2]])
        #expect(stale.status == 409 && stale.json["error"]?["code"]?.stringValue == "not_latest_submission")
        #expect(stale.json["error"]?["message"]?.stringValue?.contains("grade sub-r2 instead") == true)
        #expect(
            server.request(.put, "\(Self.course)/submissions/sub-r2/grade", as: "co", json: ["scores": ["points": 5]])
                .status == 200)
        // The laptop syncs: its grade of sub-r1 is refused with the reason, sub-r2 keeps its grade.
        let push = server.push(
            "owner", device: "dev-owner-1",
            entries: [Self.pushedGrade(seq: 1, submission: "sub-r1", points: 3, gradedAt: gradedOffline)])
        #expect(
            push.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue
                == "practice/reflection: sub-r1 is older than sub-r2, which has a grade already; this grade was not applied"
        )
        #expect(try Self.currentGrade(server)?.submission == "sub-r2" && Self.currentGrade(server)?.points == 5)
        #expect(
            try GradingRoutesTests.pulled(server, "ana", kind: "grade").last?["payload"]?["points"]?.numberValue == 5)
        #expect(
            server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?
                .contains { $0["id"]?.stringValue == "sub-r2" } == false, "sub-r2 does not come back as a regrade")
        // A grade of the same submission made before the stored one (by its gradedAt) does not replace it either…
        let earlier = server.push(
            "owner", device: "dev-owner-1",
            entries: [Self.pushedGrade(seq: 2, submission: "sub-r2", points: 1, gradedAt: gradedOffline)])
        #expect(
            earlier.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains(
                "was graded again after this grade was made") == true)
        #expect(try Self.currentGrade(server)?.points == 5)
        // …while one made later does (ISO 8601, as lms-offline writes it).
        let later = server.push(
            "owner", device: "dev-owner-1",
            entries: [
                Self.pushedGrade(
                    seq: 3, submission: "sub-r2", points: 4,
                    gradedAt: nowMilliseconds() + 2000, iso: true)
            ])
        #expect(later.json["rejected"]?.arrayValue?.isEmpty ?? true)
        #expect(try Self.currentGrade(server)?.points == 4)
    }

    @Test func pushedFeedback_OverTheLimit_IsRejected_EvenWhenTheCutFallsInsideACharacter() throws {
        let server = try GradingRoutesTests.world()
        // "ñ" is two bytes: one ASCII letter first puts the limit inside the last "ñ".
        let long = "a" + String(repeating: "ñ", count: GradingLimits.maxFeedbackBytes / 2)
        let push = server.push(
            "owner", device: "dev-owner-1",
            entries: [
                GradingRoutesTests.pushedGrade(seq: 1, submission: "sub-r1", scores: [("points", 3)], feedback: long)
            ])
        #expect(
            push.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.hasPrefix(
                "feedback is limited to \(GradingLimits.maxFeedbackBytes) bytes") == true)
        #expect(try GradingRoutesTests.pulled(server, "ana", kind: "grade").isEmpty)
    }

    @Test func siteName_CutInsideACharacter_KeepsItsWholeCharacters() {
        let site = String(repeating: "a", count: StatisticsStore.maxSiteBytes - 1) + "ñandú"
        #expect(
            StatisticsStore.prefix(site, maxUTF8Bytes: StatisticsStore.maxSiteBytes)
                == String(repeating: "a", count: StatisticsStore.maxSiteBytes - 1))
        #expect(StatisticsStore.prefix("Ñuñoa", maxUTF8Bytes: 64) == "Ñuñoa")
    }

    @Test func export_KeepsTextThatLooksLikeJSON_AsText_AndParsesOnlyTheJSONColumns() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner",
                json: ["scores": ["points": 4], "feedback": "[5]"]
            ).status == 200)
        let export = server.request(.get, "/api/v1/admin/users/ana/export", as: "admin")
        #expect(export.status == 200)
        let grade = try #require(export.json["grades"]?.arrayValue?.first)
        #expect(grade["feedback"]?.stringValue == "[5]", "a teacher's words stay words")
        #expect(grade["scores"]?["points"]?.numberValue == 4, "the scores column is JSON")
        #expect(export.json["gradeHistory"]?.arrayValue?.first?["newFeedback"]?.stringValue == "[5]")
    }

    @Test func erasedTeacher_LeavesNoNameInTheGradesTheyGave() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        try server.addUser("cora", role: .teacher)
        #expect(server.request(.post, "\(Self.course)/teachers", as: "owner", json: ["username": "cora"]).status == 200)
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner", json: ["scores": ["points": 4]]
            ).status == 200)
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-h1/grade", as: "cora",
                json: ["scores": ["Runs without errors": 4, "Prints exactly the right text": 4, "Readable code": 2]]
            ).status == 200)
        #expect(
            server.request(.put, "\(Self.course)/attempts/att-1/grade", as: "cora", json: ["scores": ["e4": 3]]).status
                == 200)
        #expect(
            try GradingRoutesTests.pulled(server, "ana", kind: "grade").filter {
                $0["payload"]?["gradedBy"]?.stringValue == "Cora"
            }.count == 2)
        let erased = server.request(.post, "/api/v1/admin/users/cora/erase", as: "admin", json: ["confirm": "cora"])
        #expect(erased.status == 200)
        let anonymous = try #require(erased.json["anonymousName"]?.stringValue)
        let names = try GradingRoutesTests.pulled(server, "ana", kind: "grade").map {
            $0["payload"]?["gradedBy"]?.stringValue ?? ""
        }
        #expect(names.sorted() == [anonymous, anonymous, "Owner"].sorted())
    }

    @Test func erasedTeachersRewrittenGrades_StillReadRight_InAPulledPage() throws {
        // A rubric-less grade repeats the key "points" (the total, and the one score): the rewritten
        // change must stay a frame that a pull page can splice.
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        try server.addUser("cora", role: .teacher)
        #expect(server.request(.post, "\(Self.course)/teachers", as: "owner", json: ["username": "cora"]).status == 200)
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "cora",
                json: ["scores": ["points": 4], "feedback": "Good"]
            ).status == 200)
        #expect(
            server.request(.post, "/api/v1/admin/users/cora/erase", as: "admin", json: ["confirm": "cora"]).status
                == 200)
        let grade = try #require(try GradingRoutesTests.pulled(server, "ana", kind: "grade").last?["payload"])
        #expect(
            grade["points"]?.numberValue == 4 && grade["scores"]?["points"]?.numberValue == 4
                && grade["feedback"]?.stringValue == "Good",
            "\(grade)")
        #expect(grade["gradedBy"]?.stringValue?.hasPrefix("erased-") == true)
    }

    @Test func erasedStudent_LeavesTheQueueAndTheAtRiskList_ButCountsInTheFigures() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner", json: ["scores": ["points": 0]]
            ).status == 200)
        let before = server.request(.get, "\(Self.course)/reports/course", as: "owner").json
        #expect(
            before["atRisk"]?.arrayValue?.contains { $0["username"]?.stringValue == "ana" } == true,
            "failing graded work: \(before)")
        #expect(
            server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: ["confirm": "ana"]).status == 200)
        #expect(
            server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?.isEmpty
                == true,
            "nothing of an erased student to grade")
        let after = server.request(.get, "\(Self.course)/reports/course", as: "owner").json
        #expect(
            after["atRisk"]?.arrayValue?.isEmpty == true,
            "the course starts after today (RichSample): no one else is behind")
        #expect(after["students"]?.numberValue == 2, "the figures still count the erased student")
        let names =
            server.request(.get, "\(Self.course)/gradebook", as: "owner").json["students"]?.arrayValue?.compactMap {
                $0["username"]?.stringValue
            } ?? []
        #expect(names.count == 2 && !names.contains("ana") && names.contains { $0.hasPrefix("erased-") })
    }

    @Test func essayGrading_ReadsNoChangelog_TheOtherQuestionsComeFromTheAttempt() throws {
        let server = try GradingRoutesTests.world()
        let arrived = try #require(
            try GradingRoutesTests.pulled(server, "ana", kind: "attemptResult").last?["payload"]?["questions"]?
                .arrayValue)
        // Without the changelog entry (a trimmed or rewritten changelog), the regraded result is still whole.
        try server.app.store.write { db in try db.execute("DELETE FROM changes WHERE kind = 'attemptResult'") }
        #expect(
            server.request(.put, "\(Self.course)/attempts/att-1/grade", as: "owner", json: ["scores": ["e4": 2]]).status
                == 200)
        let regraded = try #require(
            try GradingRoutesTests.pulled(server, "ana", kind: "attemptResult").last?["payload"]?["questions"]?
                .arrayValue)
        #expect(regraded.count == arrived.count)
        for (before, after) in zip(arrived, regraded) where before["id"]?.stringValue != "e4" {
            #expect(before == after, "automatic questions as graded on arrival")
        }
        let essay = regraded.first { $0["id"]?.stringValue == "e4" }
        #expect(essay?["points"]?.numberValue == 2 && essay?["manual"]?.boolValue == false)
    }

    @Test func migration10_FromTheSchemaBefore_IndexesTheHistoryByTarget() throws {
        let path = NSTemporaryDirectory() + "lms-m10-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 10 }).migrate(queue)
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                VALUES ('u', 'ana', 'Ana', 'student', x'00', x'00', 1, 0, 0)
                """)
            try db.execute(
                """
                INSERT INTO grade_history(course_id, user_id, item_id, target_id, new_points, scores, changed_by, changed_at)
                VALUES ('c', 'u', 'q', 'att-1', 2, '{}', 't', 1)
                """)
        }
        #expect(try ServerSchema.migrator.migrate(queue).contains(10))
        try queue.read { db in
            #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM grade_history") == 1)
            let plan = try db.fetchAll(
                "EXPLAIN QUERY PLAN SELECT new_feedback FROM grade_history WHERE target_id = 'att-1' ORDER BY id DESC LIMIT 1"
            )
            .map { $0.string("detail") ?? "" }.joined(separator: " ")
            #expect(plan.contains("grade_history_target"), "\(plan)")
        }
    }
}
