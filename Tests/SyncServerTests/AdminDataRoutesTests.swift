import CoursePackage
import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Groups, the course calendar, admin figures, and data rights (export and erasure) in process.
@Suite(.serialized) struct AdminDataRoutesTests {
    /// SyncRoutesTests' course (owner, ana and ben enrolled, an outsider) with an admin and another teacher.
    func world() throws -> TestServer {
        let server = try SyncRoutesTests().world()
        try server.addUser("admin", role: .admin)
        try server.addUser("otherteacher", role: .teacher)
        return server
    }

    // MARK: - Groups and roster rights

    @Test func groups_AreSetAddedRemoved_AndFilterTheRoster() throws {
        let server = try world()
        let groups = "/api/v1/courses/intro-programming/enrollments/ana/groups"
        #expect(
            server.request(.put, groups, as: "owner", json: ["groups": ["morning", "lab"]]).json["groups"] == [
                "morning", "lab"
            ])
        #expect(
            server.request(.put, groups, as: "owner", json: ["add": ["evening"], "remove": ["lab"]]).json["groups"] == [
                "morning", "evening"
            ])
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/ben/groups", as: "owner",
                json: ["add": ["evening"]]
            ).status == 200)
        let evening =
            server.request(.get, "/api/v1/courses/intro-programming/enrollments?group=evening", as: "owner").json[
                "students"]?.arrayValue ?? []
        #expect(evening.compactMap { $0["username"]?.stringValue } == ["ana", "ben"])
        let morning =
            server.request(.get, "/api/v1/courses/intro-programming/enrollments?group=morning", as: "owner").json[
                "students"]?.arrayValue ?? []
        #expect(morning.compactMap { $0["username"]?.stringValue } == ["ana"])
        // Bad input: no change asked, an empty name, a student not in the course.
        #expect(server.request(.put, groups, as: "owner", json: [:]).status == 400)
        #expect(server.request(.put, groups, as: "owner", json: ["add": [" "]]).status == 422)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/outsider/groups", as: "owner", json: ["add": ["x"]]
            ).status == 404)
        let many = JSONValue(.array((0...RosterRoutes.maxGroupsPerStudent).map { JSONValue(.string("g\($0)")) }))
        #expect(server.request(.put, groups, as: "owner", json: ["groups": many]).status == 422)
        #expect(
            server.request(.get, "/api/v1/courses/intro-programming/enrollments?group=morning", as: "owner").json[
                "students"]?.arrayValue?.count == 1,
            "a refused change stores nothing")
    }

    @Test func aTeacher_ManagesOnlyTheirCoursesRosters() throws {
        let server = try world()
        let before = try server.snapshot()
        #expect(server.request(.get, "/api/v1/courses/intro-programming/enrollments", as: "otherteacher").status == 403)
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/enrollments", as: "otherteacher",
                json: ["username": "outsider"]
            ).status == 403)
        #expect(
            server.request(.delete, "/api/v1/courses/intro-programming/enrollments/ana", as: "otherteacher").status
                == 403)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/ana/groups", as: "otherteacher",
                json: ["add": ["x"]]
            ).status == 403)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/settings", as: "otherteacher", json: ["enrollment": "open"]
            ).status == 403)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/ana/groups", as: "ana", json: ["add": ["x"]]
            ).status == 403)
        #expect(try server.snapshot() == before)
        // A co-teacher gains the rights.
        #expect(
            server.request(
                .post, "/api/v1/courses/intro-programming/teachers", as: "owner", json: ["username": "otherteacher"]
            ).status < 300)
        #expect(
            server.request(
                .put, "/api/v1/courses/intro-programming/enrollments/ana/groups", as: "otherteacher",
                json: ["add": ["x"]]
            ).status == 200)
    }

    // MARK: - Calendar

    @Test func calendar_IsValidICalendar_ForCourseMembersOnly() throws {
        let server = try world()
        let response = server.request(
            .get, "/api/v1/courses/intro-programming/calendar.ics", as: "ana",
            headers: [("Host", "lms.example.org:8080")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("text/calendar") == true)
        let text = String(decoding: response.bodyData, as: UTF8.self)
        try ICalendarChecks.expectWellFormed(text)
        #expect(text.contains("DTSTART;VALUE=DATE:\(RichSample.year)0111\r\n"))
        #expect(text.contains("UID:intro-programming/practice/reflection/due@lms.example.org\r\n"))
        #expect(server.request(.get, "/api/v1/courses/intro-programming/calendar.ics", as: "outsider").status == 403)
        #expect(server.request(.get, "/api/v1/courses/intro-programming/calendar.ics").status == 401)
    }

    // MARK: - Stats

    @Test func stats_ListCoursesDevicesSitesAndDailyVolume() throws {
        let server = try world()
        let push = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [
                Entries.progress(
                    seq: 1, prev: 0, lesson: "foundations/welcome", completed: true, device: "dev-aaaaaaaa")
            ])
        #expect(push.status == 200)
        _ = server.request(.get, "/api/v1/sync/pull", as: "ana", headers: [("X-LMS-Site", "camp-north")])
        let stats = server.request(.get, "/api/v1/admin/stats", as: "admin").json
        #expect(stats["perCourse"]?.arrayValue?.first?["id"]?.stringValue == "intro-programming")
        #expect(stats["perCourse"]?.arrayValue?.first?["activeEnrollments"]?.numberValue == 2)
        #expect(stats["devices"]?.arrayValue?.first?["device"]?.stringValue == "dev-aaaaaaaa")
        #expect(stats["devices"]?.arrayValue?.first?["user"]?.stringValue == "ana")
        #expect(stats["sites"]?.arrayValue?.compactMap { $0["site"]?.stringValue } == ["", "camp-north"])
        let today = try #require(stats["syncVolume"]?.arrayValue?.last)
        #expect(today["pushes"]?.numberValue == 1 && today["pulls"]?.numberValue == 1)
        #expect(today["entriesIn"]?.numberValue == 1 && (today["bytesOut"]?.numberValue ?? 0) > 0)
        #expect(server.request(.get, "/api/v1/admin/stats", as: "owner").status == 403)
    }

    // MARK: - Export and erasure

    /// Ana's work: progress, a graded attempt, and a submission with a file (shared with Ben's).
    func anasWork(_ server: TestServer) throws -> (own: String, shared: String) {
        let own = Data("ana's private notes".utf8)
        let shared = Data("the same template".utf8)
        for data in [own, shared] {
            let file = server.app.blobs.makeTempPath()
            FileManager.default.createFile(atPath: file, contents: data)
            #expect(
                server.request(
                    .put, "/api/v1/sync/blobs/\(SHA256.hash(data).hex)", as: "ana",
                    body: .file(path: file, size: Int64(data.count))
                ).status == 204)
        }
        func submission(seq: Int64, id: String, files: [Data], text: String = "Ana Smith, my story") -> JSONValue {
            [
                "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": "submission",
                "entity": .init(.string(id)), "at": 1,
                "payload": [
                    "course": "intro-programming", "assignment": "practice/reflection", "version": 1,
                    "text": .init(.string(text)),
                    "files": .init(
                        .array(
                            files.map { d in
                                [
                                    "name": "notes.txt", "size": .init(.number(Double(d.count))),
                                    "sha256": .init(.string(SHA256.hash(d).hex))
                                ]
                            })),
                    "submittedAt": .init(.number(Double(nowMilliseconds())))
                ]
            ]
        }
        let pushed = server.push(
            "ana", device: "dev-anaanana",
            entries: [
                Entries.progress(
                    seq: 1, prev: 0, lesson: "foundations/welcome", completed: true, device: "dev-anaanana"),
                Entries.attempt(
                    seq: 2, prev: 1, id: "att-ana", quiz: "practice/exam",
                    responses: ["e1": .choice(1), "e4": .essay("Ana Smith's own essay")]),
                submission(seq: 3, id: "sub-ana", files: [own, shared])
            ])
        #expect(pushed.json["acked"]?.numberValue == 3, "\(pushed.json)")
        let benFile = server.app.blobs.makeTempPath()
        FileManager.default.createFile(atPath: benFile, contents: shared)
        #expect(
            server.request(
                .put, "/api/v1/sync/blobs/\(SHA256.hash(shared).hex)", as: "ben",
                body: .file(path: benFile, size: Int64(shared.count))
            ).status == 204)
        #expect(
            server.push(
                "ben", device: "dev-benbenbe",
                entries: [submission(seq: 1, id: "sub-ben", files: [shared], text: "Ben's work")]
            ).json["acked"]?.numberValue == 1)
        return (SHA256.hash(own).hex, SHA256.hash(shared).hex)
    }

    @Test func export_HoldsEverySection_AndNoSecrets() throws {
        let server = try world()
        _ = try anasWork(server)
        let response = server.request(.get, "/api/v1/admin/users/ana/export", as: "admin")
        #expect(response.status == 200)
        let export = response.json
        for section in DataRightsStore.exportSections.map(\.name) {
            #expect(export[section] != nil, "section \(section)")
        }
        #expect(export["account"]?["username"]?.stringValue == "ana")
        #expect(export["enrollments"]?.arrayValue?.first?["courseId"]?.stringValue == "intro-programming")
        #expect(export["progress"]?.arrayValue?.count == 1)
        #expect(export["attempts"]?.arrayValue?.first?["quizId"]?.stringValue == "practice/exam")
        #expect(export["submissions"]?.arrayValue?.first?["payload"]?["text"]?.stringValue == "Ana Smith, my story")
        #expect(
            export["submissions"]?.arrayValue?.first?["payload"]?["files"]?.arrayValue?.count == 2,
            "with the files' hashes")
        #expect(export["devices"]?.arrayValue?.first?["id"]?.stringValue == "dev-anaanana")
        #expect(export["syncStreams"]?.arrayValue?.first?["ackedSeq"]?.numberValue == 3)
        #expect(export["sessions"]?.arrayValue?.count == 1)
        let text = String(decoding: response.bodyData, as: UTF8.self)
        #expect(!text.contains("passwordHash") && !text.contains("password_hash") && !text.contains("\"hash\""))
        #expect(server.request(.get, "/api/v1/admin/users/ana/export", as: "owner").status == 403)
        #expect(server.request(.get, "/api/v1/admin/users/nobody/export", as: "admin").status == 404)
    }

    /// The first `table.column` whose value (text, or the raw bytes of a blob) contains `text`.
    static func anyValue(in server: TestServer, contains text: String) throws -> String? {
        try server.app.store.read { db in
            for table in try db.fetchColumn(String.self, "SELECT name FROM sqlite_master WHERE type = 'table'")
                .compactMap({ $0 })
            {
                for row in try db.fetchAll("SELECT * FROM \(table)") {
                    for (name, value) in zip(row.columnNames, row.values) {
                        switch value {
                        case .text(let t) where t.contains(text): return "\(table).\(name)"
                        case .blob(let d) where d.range(of: Data(text.utf8)) != nil: return "\(table).\(name)"
                        default: continue
                        }
                    }
                }
            }
            return nil
        }
    }

    @Test func erasure_RemovesPersonalData_KeepsStatistics_AndTellsDevices() throws {
        let server = try world()
        let files = try anasWork(server)
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        let anaToken = try #require(server.tokens["ana"])
        // A confirmation is needed, and an admin cannot erase themselves.
        #expect(server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: [:]).status == 422)
        #expect(
            server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: ["confirm": "anna"]).status == 422
        )
        #expect(
            server.request(.post, "/api/v1/admin/users/admin/erase", as: "admin", json: ["confirm": "admin"]).status
                == 422)
        let erased = server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: ["confirm": "ana"])
        #expect(erased.status == 200, "\(erased.json)")
        #expect(erased.json["filesRemoved"]?.numberValue == 1)
        let anonymous = try #require(erased.json["anonymousName"]?.stringValue)
        #expect(anonymous.hasPrefix("erased-"))

        // Personal data: gone.
        #expect(try server.app.store.accounts.user(named: "ana") == nil)
        let row = try #require(
            try server.app.store.read { db in
                try db.fetchOne(
                    "SELECT username, display_name, email, disabled FROM users WHERE id = ?", arguments: [ana.id])
            })
        #expect(row.string(0) == anonymous && row.string(1) == anonymous && row.string(2) == nil && row.bool(3) == true)
        #expect(try Self.anyValue(in: server, contains: "Ben's work") != nil, "the search sees inside blobs")
        #expect(
            try Self.anyValue(in: server, contains: "Ana Smith") == nil,
            "her writing is gone from every table (changes included)")
        #expect(try Self.anyValue(in: server, contains: "dev-anaanana") == nil, "and her devices")
        let attempt = try #require(
            try server.app.store.read { db in
                try db.fetchScalar(Data.self, "SELECT payload FROM attempts WHERE id = 'att-ana'")
            })
        let responses = try WireCodec.decode([UInt8](attempt))["responses"]
        #expect(responses?["e4"]?["essay"]?.stringValue == "", "her essay is gone")
        #expect(responses?["e1"]?["choice"]?.numberValue == 1, "the other answers stay for item analysis")
        #expect(
            server.app.blobs.path(for: files.own).map { FileManager.default.fileExists(atPath: $0) } == false,
            "her own file is deleted")
        #expect(server.app.blobs.contains(files.shared), "a file Ben also submitted stays")
        func count(_ sql: String) throws -> Int {
            try server.app.store.read { db in try db.fetchScalar(Int.self, sql, arguments: [ana.id]) ?? -1 }
        }
        #expect(try count("SELECT count(*) FROM tokens WHERE user_id = ?") == 0)
        #expect(try count("SELECT count(*) FROM reset_codes WHERE user_id = ?") == 0)
        // Statistics: kept under the anonymous id.
        #expect(try count("SELECT count(*) FROM progress WHERE user_id = ? AND completed = 1") == 1)
        #expect(try count("SELECT count(*) FROM attempts WHERE user_id = ? AND max_points > 0") == 1)
        #expect(try count("SELECT count(*) FROM submissions WHERE user_id = ? AND id = 'sub-ana'") == 1)
        #expect(try count("SELECT count(*) FROM enrollments WHERE user_id = ?") == 1)
        // Her old token: 401 account_erased (her devices delete her data); the login is gone.
        let refused = server.request(.get, "/api/v1/sync/pull", headers: [("Authorization", "Bearer \(anaToken)")])
        #expect(refused.status == 401 && refused.json["error"]?["code"]?.stringValue == "account_erased")
        #expect(
            server.request(.post, "/api/v1/auth/login", json: ["username": "ana", "password": "password-ana"]).status
                == 401)
        // The course's staff and members pull an `erasure` change naming her id, and no name.
        let teacher = try server.pullAll("owner").changes.filter { $0["kind"]?.stringValue == "erasure" }
        #expect(teacher.count == 1 && teacher.first?["payload"]?["erasedUser"]?.stringValue == ana.id)
        #expect(try server.pullAll("ben").changes.contains { $0["kind"]?.stringValue == "erasure" })
        #expect(try server.pullAll("outsider").changes.allSatisfy { $0["kind"]?.stringValue != "erasure" })
        // Erasing twice: the name is gone.
        #expect(
            server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: ["confirm": "ana"]).status == 404)
    }
}

/// The structural rules of RFC 5545 that Python's stdlib cannot check for us.
enum ICalendarChecks {
    static func expectWellFormed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(text.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() where b == 10 {
            #expect(i > 0 && bytes[i - 1] == 13, "bare LF at \(i)", sourceLocation: sourceLocation)
        }
        let lines = text.components(separatedBy: "\r\n").dropLast()
        var stack: [String] = []
        for line in lines {
            #expect(line.utf8.count <= 75, "line over 75 octets: \(line)", sourceLocation: sourceLocation)
            if line.hasPrefix("BEGIN:") { stack.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") {
                #expect(stack.popLast() == String(line.dropFirst(4)), sourceLocation: sourceLocation)
            }
        }
        #expect(stack.isEmpty, sourceLocation: sourceLocation)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR", sourceLocation: sourceLocation)
    }
}

// MARK: - Edge cases (each failed before its fix)

extension AdminDataRoutesTests {
    /// The grading world (GradingRoutesTests) with an admin, and cora made a second teacher of its course.
    static func gradingWorldWithCora(sourceLocation: SourceLocation = #_sourceLocation) throws -> TestServer {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        try server.addUser("cora", role: .teacher)
        #expect(
            server.request(.post, "\(GradingRoutesTests.course)/teachers", as: "owner", json: ["username": "cora"])
                .status == 200, sourceLocation: sourceLocation)
        return server
    }

    /// `teacher` grades the course's `work` ("submissions/sub-r1", "attempts/att-1") with `json`; the answer's status.
    static func grade(_ server: TestServer, _ work: String, as teacher: String, _ json: [String: JSONValue]) -> Int {
        server.request(.put, "\(GradingRoutesTests.course)/\(work)/grade", as: teacher, json: json).status
    }

    @Test func export_KeepsTextThatLooksLikeJSON_AsText_AndParsesOnlyTheJSONColumns() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        #expect(
            Self.grade(server, "submissions/sub-r1", as: "owner", ["scores": ["points": 4], "feedback": "[5]"]) == 200)
        let export = server.request(.get, "/api/v1/admin/users/ana/export", as: "admin")
        #expect(export.status == 200)
        let grade = try #require(export.json["grades"]?.arrayValue?.first)
        #expect(grade["feedback"]?.stringValue == "[5]", "a teacher's words stay words")
        #expect(grade["scores"]?["points"]?.numberValue == 4, "the scores column is JSON")
        #expect(export.json["gradeHistory"]?.arrayValue?.first?["newFeedback"]?.stringValue == "[5]")
    }

    @Test func erasedTeacher_LeavesNoNameInTheGradesTheyGave() throws {
        let server = try Self.gradingWorldWithCora()
        #expect(Self.grade(server, "submissions/sub-r1", as: "owner", ["scores": ["points": 4]]) == 200)
        #expect(
            Self.grade(
                server, "submissions/sub-h1", as: "cora",
                ["scores": ["Runs without errors": 4, "Prints exactly the right text": 4, "Readable code": 2]]) == 200)
        #expect(Self.grade(server, "attempts/att-1", as: "cora", ["scores": ["e4": 3]]) == 200)
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
        let server = try Self.gradingWorldWithCora()
        #expect(
            Self.grade(server, "submissions/sub-r1", as: "cora", ["scores": ["points": 4], "feedback": "Good"]) == 200)
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
}
