import CoursePackage
import Foundation
import LMSTestSupport
import LMSModel
import Testing
@testable import SyncServer

/// The grading queue, grades with rubric checks and history, the gradebook and reports, and
/// certificates, with their rights (docs/API.md "Grading").
@Suite(.serialized) struct GradingRoutesTests {
    static let course = "/api/v1/courses/intro-programming"

    /// A server with the rich sample, its owner, another teacher and two enrolled students; ana has
    /// submitted the reflection (text) and hello (rubric), and taken the exam (an essay awaits).
    static func world() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("other", role: .teacher)
        try server.addUser("ana", role: .student)
        try server.addUser("ben", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("rich-course"))
            ).status == 201)
        for name in ["ana", "ben"] {
            #expect(
                server.request(.post, "\(course)/enrollments", as: "owner", json: ["username": .init(.string(name))])
                    .status == 201)
        }
        let made = nowMilliseconds()
        let push = server.push(
            "ana", device: "dev-ana-1",
            entries: [
                Entries.submission(
                    seq: 1, prev: 0, id: "sub-r1", assignment: "practice/reflection", text: "Loops were hard",
                    submittedAt: made),
                Entries.submission(
                    seq: 2, prev: 1, id: "sub-h1", assignment: "foundations/hello", text: "print('Hello, world')",
                    submittedAt: made + 1),
                Entries.attempt(
                    seq: 3, prev: 2, id: "att-1", quiz: "practice/exam",
                    responses: ["e2": .number(5), "e4": .essay("A washing machine")])
            ])
        #expect(push.status == 200)
        #expect(push.json["rejected"]?.arrayValue?.isEmpty ?? true, "\(push.json)")
        // The exam's review is released, so that the student sees what these tests grade
        // (ExamRulesTests checks what is withheld before).
        #expect(
            server.request(.post, "\(course)/reviews", as: "owner", json: ["quiz": "practice/exam"]).status == 200)
        return server
    }

    static func pulled(_ server: TestServer, _ user: String, kind: String) throws -> [JSONValue] {
        try server.pullAll(user).changes.filter { $0["kind"]?.stringValue == kind }
    }

    @Test func queue_ListsUngradedSubmissionsAndEssays_GradingRemovesThem_ResubmissionReturns() throws {
        let server = try Self.world()
        let queue = server.request(.get, "\(Self.course)/grading/queue", as: "owner")
        #expect(queue.status == 200)
        let entries = queue.json["queue"]?.arrayValue ?? []
        #expect(entries.map { $0["id"]?.stringValue ?? "" } == ["sub-r1", "sub-h1", "att-1"])
        #expect(
            entries[2]["kind"]?.stringValue == "attempt" && entries[0]["student"]?["username"]?.stringValue == "ana")
        #expect(entries[0]["itemTitle"]?.stringValue == "Reflection")
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner",
                json: ["scores": ["points": 4], "feedback": "Good"]
            ).status == 200)
        #expect(server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?.count == 2)
        // A new version of the reflection comes back to the queue as a regrade.
        #expect(
            server.push(
                "ana", device: "dev-ana-1",
                entries: [
                    Entries.submission(
                        seq: 4, prev: 3, id: "sub-r2", assignment: "practice/reflection", text: "Loops, then functions",
                        submittedAt: nowMilliseconds() + 10)
                ]
            ).status == 200)
        let again = server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue ?? []
        #expect(again.first { $0["id"]?.stringValue == "sub-r2" }?["regrade"]?.boolValue == true)
        #expect(!again.contains { $0["id"]?.stringValue == "sub-r1" })
    }

    @Test func showSubmission_TextInline_RubricAndRights() throws {
        let server = try Self.world()
        let shown = server.request(.get, "\(Self.course)/submissions/sub-h1", as: "owner")
        #expect(shown.status == 200)
        #expect(shown.json["text"]?.stringValue == "print('Hello, world')")
        #expect(
            shown.json["assignment"]?["rubric"]?.arrayValue?.map { $0["criterion"]?.stringValue ?? "" } == [
                "Runs without errors", "Prints exactly the right text", "Readable code"
            ])
        #expect(shown.json["grade"]?.isNull == true)
        #expect(
            server.request(.get, "\(Self.course)/submissions/sub-h1", as: "other").status == 403,
            "a teacher of other courses")
        #expect(
            server.request(.get, "\(Self.course)/submissions/sub-h1", as: "ana").status == 403,
            "students read no submissions here")
        let unknown = server.request(.get, "\(Self.course)/submissions/nope", as: "owner")
        #expect(
            unknown.status == 404 && unknown.json["error"]?["message"]?.stringValue?.contains("grading/queue") == true)
        #expect(
            server.request(
                .get, "\(Self.course)/submissions/sub-h1/files/\(String(repeating: "a", count: 64))", as: "owner"
            ).status == 404)
    }

    @Test func gradeSubmission_InvalidScores_AreClearErrors_AndStoreNothing() throws {
        let server = try Self.world()
        let path = "\(Self.course)/submissions/sub-h1/grade"
        let before = try server.snapshot()
        let over = server.request(
            .put, path, as: "owner",
            json: ["scores": ["Runs without errors": 5, "Prints exactly the right text": 4, "Readable code": 2]])
        #expect(over.status == 422 && over.json["error"]?["code"]?.stringValue == "invalid_score")
        #expect(
            over.json["error"]?["message"]?.stringValue?.contains(
                "\"Runs without errors\" must be between 0 and 4 (got 5)") == true)
        let unknown = server.request(.put, path, as: "owner", json: ["scores": ["Style": 1]])
        #expect(
            unknown.status == 422
                && unknown.json["error"]?["message"]?.stringValue?.contains("known: Runs without errors") == true)
        let missing = server.request(.put, path, as: "owner", json: ["scores": ["Runs without errors": 4]])
        #expect(
            missing.json["error"]?["message"]?.stringValue?.contains("no score for \"Prints exactly the right text\"")
                == true)
        #expect(
            server.request(.put, path, as: "owner", json: ["scores": ["Runs without errors": "four"]]).status == 422)
        #expect(server.request(.put, path, as: "owner", json: ["feedback": "x"]).status == 400)
        let overTotal = server.request(
            .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner", json: ["scores": ["points": 6]])
        #expect(
            overTotal.status == 422
                && overTotal.json["error"]?["message"]?.stringValue?.contains("between 0 and 5") == true)
        #expect(server.request(.put, path, as: "other", json: ["scores": ["points": 1]]).status == 403)
        #expect(server.request(.put, path, as: "ana", json: ["scores": ["points": 1]]).status == 403)
        #expect(
            server.request(.put, "\(Self.course)/submissions/nope/grade", as: "owner", json: ["scores": ["points": 1]])
                .status == 404)
        #expect(try server.snapshot() == before)
    }

    @Test func grade_ReachesOnlyTheStudent_AndRegradingKeepsHistory() throws {
        let server = try Self.world()
        let path = "\(Self.course)/submissions/sub-h1/grade"
        let first = server.request(
            .put, path, as: "owner",
            json: [
                "scores": ["runs without errors": 4, "Prints exactly the right text": 2, "Readable code": 1],
                "feedback": "Check the comma"
            ])
        #expect(first.status == 200 && first.json["points"]?.numberValue == 7)
        #expect(first.json["scores"]?["Runs without errors"]?.numberValue == 4, "stored with the rubric's spelling")
        let second = server.request(
            .put, path, as: "owner",
            json: [
                "scores": ["Runs without errors": 4, "Prints exactly the right text": 4, "Readable code": 1],
                "feedback": "Fixed, thanks"
            ])
        #expect(second.json["points"]?.numberValue == 9)
        let grades = try Self.pulled(server, "ana", kind: "grade")
        #expect(grades.count == 2)
        #expect(
            grades.last?["payload"]?["feedback"]?.stringValue == "Fixed, thanks"
                && grades.last?["payload"]?["maxPoints"]?.numberValue == 10)
        #expect(
            grades.last?["payload"]?["submission"]?.stringValue == "sub-h1"
                && grades.last?["payload"]?["gradedBy"]?.stringValue == "Owner")
        #expect(try Self.pulled(server, "ben", kind: "grade").isEmpty, "another student never sees it")
        #expect(
            try Self.pulled(server, "owner", kind: "grade").count == 2,
            "the course's staff pull it (their offline queue leaves graded work out)")
        #expect(try Self.pulled(server, "other", kind: "grade").isEmpty, "a teacher of another course never sees it")
        let history =
            server.request(.get, "\(Self.course)/grades/history?student=ana&item=foundations/hello", as: "owner").json[
                "history"]?.arrayValue ?? []
        #expect(history.count == 2)
        #expect(history[0]["oldPoints"]?.isNull == true && history[0]["newPoints"]?.numberValue == 7)
        #expect(history[1]["oldPoints"]?.numberValue == 7 && history[1]["newPoints"]?.numberValue == 9)
        #expect(
            history[1]["oldFeedback"]?.stringValue == "Check the comma"
                && history[1]["changedBy"]?.stringValue == "owner")
        #expect(server.request(.get, "\(Self.course)/grades/history", as: "ana").status == 403)
        #expect(server.request(.get, "\(Self.course)/grades/history?student=nobody", as: "owner").status == 404)
    }

    @Test func gradeAttempt_ScoresEssays_UpdatesTheAttemptAndTellsTheStudent() throws {
        let server = try Self.world()
        let shown = server.request(.get, "\(Self.course)/attempts/att-1", as: "owner")
        #expect(shown.status == 200)
        let essay = shown.json["essays"]?.arrayValue?.first
        #expect(
            essay?["id"]?.stringValue == "e4" && essay?["answer"]?.stringValue == "A washing machine"
                && essay?["points"]?.numberValue == 3)
        let auto = try #require(shown.json["points"]?.numberValue)
        let bad = server.request(.put, "\(Self.course)/attempts/att-1/grade", as: "owner", json: ["scores": ["e4": 4]])
        #expect(
            bad.status == 422
                && bad.json["error"]?["message"]?.stringValue?.contains("\"e4\" must be between 0 and 3") == true)
        #expect(
            server.request(.put, "\(Self.course)/attempts/att-1/grade", as: "owner", json: ["scores": ["e1": 1]]).status
                == 422)
        let graded = server.request(
            .put, "\(Self.course)/attempts/att-1/grade", as: "owner",
            json: ["scores": ["e4": 2], "feedback": "Nice example"])
        #expect(graded.status == 200 && graded.json["points"]?.numberValue == auto + 2)
        // Regrading starts from the automatic points again, not from the last total.
        let regraded = server.request(
            .put, "\(Self.course)/attempts/att-1/grade", as: "owner", json: ["scores": ["e4": 3]])
        #expect(regraded.json["points"]?.numberValue == auto + 3)
        #expect(
            server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?.contains {
                $0["id"]?.stringValue == "att-1"
            } == false)
        let results = try Self.pulled(server, "ana", kind: "attemptResult")
        #expect(
            results.last?["payload"]?["points"]?.numberValue == auto + 3
                && results.last?["payload"]?["awaitingTeacher"]?.boolValue == false)
        let grade = try Self.pulled(server, "ana", kind: "grade").first
        #expect(
            grade?["payload"]?["kind"]?.stringValue == "quiz"
                && grade?["payload"]?["feedback"]?.stringValue == "Nice example")
        let book = server.request(.get, "\(Self.course)/gradebook", as: "owner").json
        let ana = book["students"]?.arrayValue?.first { $0["username"]?.stringValue == "ana" }
        #expect(ana?["scores"]?["practice/exam"]?.numberValue == auto + 3)
        let items =
            server.request(.get, "\(Self.course)/reports/items", as: "owner").json["questions"]?.arrayValue ?? []
        #expect(items.first { $0["question"]?.stringValue == "e4" }?["answered"]?.numberValue == 1)
        #expect(server.request(.get, "\(Self.course)/attempts/nope", as: "owner").status == 404)
        #expect(
            server.request(.put, "\(Self.course)/attempts/att-1/grade", as: "other", json: ["scores": ["e4": 1]]).status
                == 403)
    }

    @Test func gradebook_JSONAndCSV_WeightedTotals() throws {
        let server = try Self.world()
        #expect(
            server.request(
                .put, "\(Self.course)/submissions/sub-r1/grade", as: "owner", json: ["scores": ["points": 5]]
            ).status == 200)
        let book = server.request(.get, "\(Self.course)/gradebook", as: "owner")
        #expect(book.status == 200)
        #expect(
            book.json["policy"]?["passPercent"]?.numberValue == 60
                && book.json["policy"]?["weights"]?["assignment"]?.numberValue == 60)
        let items = book.json["items"]?.arrayValue ?? []
        #expect(
            items.contains {
                $0["id"]?.stringValue == "practice/reflection" && $0["maxPoints"]?.numberValue == 5
                    && $0["kind"]?.stringValue == "assignment"
            })
        let students = book.json["students"]?.arrayValue ?? []
        #expect(students.map { $0["username"]?.stringValue ?? "" } == ["ana", "ben"])
        // 5 of 35 assignment points (10 + 5 + 20) at weight 60; quizzes at 0 (the exam awaits its essay).
        #expect(students[0]["kinds"]?["assignment"]?.numberValue == 14.3)
        #expect(students[0]["total"]?.numberValue == 8.6 && students[0]["passed"]?.boolValue == false)
        #expect(students[1]["total"]?.numberValue == 0 && students[1]["gradedPercent"]?.isNull == true)
        let csv = server.request(.get, "\(Self.course)/gradebook?format=csv", as: "owner")
        #expect(csv.status == 200 && csv.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(
            Array(csv.bodyData.prefix(3)) == [0xEF, 0xBB, 0xBF], "a UTF-8 byte order mark, so that Excel reads UTF-8")
        let lines = String(decoding: csv.bodyData.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(
            lines[0].hasPrefix("username,name,")
                && lines[0].hasSuffix("quiz %,assignment %,total %,result,late attempts"))
        #expect(lines[1].hasPrefix("ana,Ana,") && lines[1].hasSuffix(",8.6,fail,"))
        #expect(server.request(.get, "\(Self.course)/gradebook?format=xml", as: "owner").status == 400)
        #expect(
            server.request(.get, "\(Self.course)/gradebook", as: "ana").status == 403,
            "a student sees no one's gradebook")
        #expect(server.request(.get, "\(Self.course)/gradebook", as: "other").status == 403)
    }

    @Test func reports_CourseStudentAndItems() throws {
        let server = try Self.world()
        let report = server.request(.get, "\(Self.course)/reports/course?inactiveDays=7", as: "owner")
        #expect(report.status == 200)
        #expect(report.json["students"]?.numberValue == 2 && report.json["completionRate"]?.numberValue == 0)
        #expect(report.json["distribution"]?.arrayValue?.first?["students"]?.numberValue == 2)
        // The sample course starts after today (RichSample): nobody is inactive or behind yet.
        #expect(report.json["atRisk"]?.arrayValue?.isEmpty == true)
        #expect(server.request(.get, "\(Self.course)/reports/course?inactiveDays=0", as: "owner").status == 400)
        let csv = String(
            decoding: server.request(.get, "\(Self.course)/reports/course?format=csv", as: "owner").bodyData,
            as: UTF8.self)
        #expect(
            csv.hasPrefix(
                "\u{FEFF}username,name,lessons done,lessons,total %,result,completed,last active,at risk\r\nana,"))
        let ana = server.request(.get, "\(Self.course)/reports/students/ana", as: "owner")
        #expect(ana.status == 200)
        let items = ana.json["items"]?.arrayValue ?? []
        #expect(
            items.first { $0["id"]?.stringValue == "foundations/hello" }?["status"]?.stringValue == "awaiting-grading")
        #expect(items.first { $0["id"]?.stringValue == "practice/project" }?["status"]?.stringValue == "missing")
        #expect(server.request(.get, "\(Self.course)/reports/students/ana?format=csv", as: "owner").bodyData.count > 50)
        #expect(server.request(.get, "\(Self.course)/reports/students/nobody", as: "owner").status == 404)
        #expect(
            server.request(.get, "\(Self.course)/reports/students/owner", as: "owner").status == 404, "not enrolled")
        #expect(server.request(.get, "\(Self.course)/reports/students/ana", as: "ana").status == 403)
        let itemsReport = server.request(.get, "\(Self.course)/reports/items?format=csv", as: "owner")
        #expect(
            String(decoding: itemsReport.bodyData, as: UTF8.self).hasPrefix(
                "\u{FEFF}quiz,question,text,answered,correct,share %,mean %,flag\r\n"))
    }

    static func pushedGrade(
        seq: Int64, submission: String, scores: [(String, Double)], feedback: String? = nil,
        target: String = "submission"
    ) -> JSONValue {
        var payload: [(key: String, value: JSONValue)] = [
            ("course", "intro-programming"), (target, .init(.string(submission))), ("courseVersion", "1.2.0"),
            ("scores", .init(.object(scores.map { (key: $0.0, value: .init(.number($0.1))) })))
        ]
        if let feedback { payload.append(("feedback", .init(.string(feedback)))) }
        return .init(
            .object([
                ("seq", .init(.number(Double(seq)))), ("prev", .init(.number(Double(seq - 1)))), ("kind", "grade"),
                ("entity", .init(.string("submission/\(submission)/\(seq)"))), ("at", 1),
                ("payload", .init(.object(payload)))
            ]))
    }

    @Test func pushedGrade_FromATeachersDevice_IsCheckedAndRecorded() throws {
        let server = try Self.world()
        let refused = server.push(
            "other", device: "dev-other-1",
            entries: [Self.pushedGrade(seq: 1, submission: "sub-r1", scores: [("points", 3)])])
        #expect(
            refused.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue
                == "only the teachers of intro-programming may grade its work")
        let student = server.push(
            "ben", device: "dev-ben-1",
            entries: [Self.pushedGrade(seq: 1, submission: "sub-r1", scores: [("points", 3)])])
        #expect(student.json["rejected"]?.arrayValue?.count == 1, "a student cannot grade")
        let push = server.push(
            "owner", device: "dev-owner-1",
            entries: [
                Self.pushedGrade(seq: 1, submission: "sub-r1", scores: [("points", 9)]),
                Self.pushedGrade(seq: 2, submission: "nope", scores: [("points", 1)]),
                Self.pushedGrade(seq: 3, submission: "sub-r1", scores: [("points", 4)], feedback: "Graded on the bus")
            ])
        let reasons = push.json["rejected"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } ?? []
        #expect(
            reasons == [
                "practice/reflection: \"points\" must be between 0 and 5 (got 9)",
                "intro-programming has no submission nope"
            ])
        let grade = try Self.pulled(server, "ana", kind: "grade")
        #expect(
            grade.count == 1 && grade.first?["payload"]?["points"]?.numberValue == 4
                && grade.first?["payload"]?["feedback"]?.stringValue == "Graded on the bus")
        #expect(
            server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?.contains {
                $0["id"]?.stringValue == "sub-r1"
            } == false)
        // Essays of an attempt, graded offline.
        let essays = server.push(
            "owner", device: "dev-owner-1",
            entries: [
                Self.pushedGrade(seq: 4, submission: "att-1", scores: [("e4", 5)], target: "attempt"),
                Self.pushedGrade(
                    seq: 5, submission: "att-1", scores: [("e4", 3)], feedback: "Lovely", target: "attempt")
            ])
        #expect(
            essays.json["rejected"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } == [
                "practice/exam: \"e4\" must be between 0 and 3 (got 5)"
            ])
        let quizGrade = try Self.pulled(server, "ana", kind: "grade").last
        #expect(
            quizGrade?["payload"]?["kind"]?.stringValue == "quiz"
                && quizGrade?["payload"]?["feedback"]?.stringValue == "Lovely")
        #expect(
            server.request(.get, "\(Self.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?.map {
                $0["id"]?.stringValue ?? ""
            } == ["sub-h1"])
    }

    /// The small sample, changed to give certificates for 50% on quizzes.
    static func certificateCourse() throws -> String {
        let folder = NSTemporaryDirectory() + "lms-cert-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: SamplePackages.root + "/samples/small-course", toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/course.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "\"language\"",
                with:
                    "\"certificate\": true, \"grading\": {\"passPercent\": 50, \"weights\": {\"quiz\": 1}},\n  \"language\""
            )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let output = NSTemporaryDirectory() + "lms-package-\(UUID().uuidString).zip"
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(folder: folder, to: output, diagnostics: &diagnostics)
        return output
    }

    @Test func certificate_IssuedOnlyWhenCompletedAndPassing_AnyoneVerifies() throws {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("ana", role: .student)
        #expect(
            server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(try Self.certificateCourse()))
                .status == 201)
        #expect(
            server.request(.post, "/api/v1/courses/small-course/enrollments", as: "owner", json: ["username": "ana"])
                .status == 201)
        let path = "/api/v1/courses/small-course/certificate"
        let early = server.request(.post, path, as: "ana")
        #expect(
            early.status == 409
                && early.json["error"]?["message"]?.stringValue == "complete small-course first: 0 of 2 lessons done")
        func entry(_ seq: Int, _ kind: String, _ entity: String, _ payload: [String: JSONValue]) -> JSONValue {
            JSONValue(
                .object([
                    ("seq", .init(.number(Double(seq)))), ("prev", .init(.number(Double(seq - 1)))),
                    ("kind", .init(.string(kind))),
                    ("entity", .init(.string(entity))), ("at", 1),
                    ("payload", JSONValue(.object(payload.map { (key: $0.key, value: $0.value) })))
                ]))
        }
        let lessons = ["basics/hello", "basics/next"].enumerated().map { i, lesson in
            entry(
                i + 1, "progress", "me/small-course/\(lesson)",
                ["course": "small-course", "lesson": .init(.string(lesson)), "completed": true])
        }
        #expect(server.push("ana", device: "dev-ana-1", entries: lessons).status == 200)
        let failing = server.push(
            "ana", device: "dev-ana-1",
            entries: [
                entry(
                    3, "attempt", "att-c1",
                    [
                        "quiz": "basics/check", "course": "small-course", "courseVersion": "1.0.0", "startedAt": 1,
                        "submittedAt": 2,
                        "responses": ResponseCoding.json(["q1": .bool(false), "q2": .choice(0)])
                    ])
            ])
        #expect(failing.status == 200)
        let low = server.request(.post, path, as: "ana")
        #expect(
            low.status == 409
                && low.json["error"]?["message"]?.stringValue?.contains(
                    "your grade in small-course is 0.0%; 50.0% is needed") == true
        )
        #expect(
            server.push(
                "ana", device: "dev-ana-1",
                entries: [
                    entry(
                        4, "attempt", "att-c2",
                        [
                            "quiz": "basics/check", "course": "small-course", "courseVersion": "1.0.0", "startedAt": 3,
                            "submittedAt": 4,
                            "responses": ResponseCoding.json(["q1": .bool(true), "q2": .choice(1)])
                        ])
                ]
            ).status == 200)
        // The push that made her pass issued it by itself: it is in her pull before she asks.
        let pushed = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "certificate" }
        #expect(pushed.count == 1)
        let issued = server.request(.post, path, as: "ana")
        #expect(issued.status == 200, "it existed already: \(issued.json)")
        let code = try #require(issued.json["code"]?.stringValue)
        #expect(pushed.first?["payload"]?["code"]?.stringValue == code)
        #expect(Certificate.normalize(code) == code && issued.json["name"]?.stringValue == "Ana")
        #expect(
            server.request(.post, path, as: "ana").json["code"]?.stringValue == code,
            "asking again gives the same certificate")
        let change = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "certificate" }
        #expect(change.count == 1 && change.first?["payload"]?["code"]?.stringValue == code)
        let verified = server.request(
            .get, "/api/v1/certificates/\(code.lowercased().replacingOccurrences(of: "-", with: ""))")
        #expect(
            verified.status == 200 && verified.json["courseTitle"]?.stringValue == "A Small Course"
                && verified.json["name"]?.stringValue == "Ana")
        #expect(verified.json["email"] == nil && verified.json["username"] == nil, "no personal data beyond the name")
        #expect(server.request(.get, "/api/v1/certificates/ABCDE-FGHJK-MNPQR-STVWX").status == 404)
        #expect(server.request(.get, "/api/v1/certificates/not-a-code").status == 400)
        let rich = server.request(.post, path, as: "owner")
        #expect(rich.status == 409, "staff are not students of the course")
    }

    @Test func certificate_IssuedByItself_WhenATeacherRecordsCompletionOfAPassingStudent() throws {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("ana", role: .student)
        #expect(
            server.request(.post, "/api/v1/courses", as: "owner", body: try server.upload(try Self.certificateCourse()))
                .status == 201)
        #expect(
            server.request(.post, "/api/v1/courses/small-course/enrollments", as: "owner", json: ["username": "ana"])
                .status == 201)
        func certificates() throws -> [JSONValue] {
            try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "certificate" }
        }
        let completion = "/api/v1/courses/small-course/enrollments/ana/completion"
        // Completed but not passing: nothing is issued.
        #expect(server.request(.put, completion, as: "owner", json: ["completed": true]).status == 200)
        #expect(try certificates().isEmpty)
        let attempt = JSONValue(
            .object([
                ("seq", 1), ("prev", 0), ("kind", "attempt"), ("entity", "att-pass"), ("at", 1),
                (
                    "payload",
                    JSONValue(
                        .object([
                            ("quiz", "basics/check"), ("course", "small-course"), ("courseVersion", "1.0.0"),
                            ("startedAt", 1), ("submittedAt", 2),
                            ("responses", ResponseCoding.json(["q1": .bool(true), "q2": .choice(1)]))
                        ]))
                )
            ]))
        #expect(server.push("ana", device: "dev-ana-1", entries: [attempt]).status == 200)
        // Recording completion again, now that she passes, issues it without her asking.
        #expect(server.request(.put, completion, as: "owner", json: ["completed": true]).status == 200)
        let issued = try certificates()
        #expect(issued.count == 1 && issued.first?["payload"]?["name"]?.stringValue == "Ana")
        let code = try #require(issued.first?["payload"]?["code"]?.stringValue)
        #expect(server.request(.get, "/api/v1/certificates/\(code)").status == 200)
        #expect(
            server.request(.post, "/api/v1/courses/small-course/certificate", as: "ana").json["code"]?.stringValue
                == code, "asking gives the same one")
        #expect(server.request(.put, completion, as: "owner", json: ["completed": true]).status == 200)
        #expect(try certificates().count == 1, "never issued twice")
    }
}

// MARK: - Edge cases (each failed before its fix)

extension GradingRoutesTests {
    @Test func gradeOfAnOlderSubmission_IsRefusedOnline_AndDoesNotReplaceANewerGradeWhenPushed() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("co", role: .teacher)
        #expect(
            server.request(.post, "\(GradingRoutesTests.course)/teachers", as: "owner", json: ["username": "co"]).status
                == 200)
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
            .put, "\(GradingRoutesTests.course)/submissions/sub-r1/grade", as: "co", json: ["scores": ["points": 2]])
        #expect(stale.status == 409 && stale.json["error"]?["code"]?.stringValue == "not_latest_submission")
        #expect(stale.json["error"]?["message"]?.stringValue?.contains("grade sub-r2 instead") == true)
        #expect(
            server.request(
                .put, "\(GradingRoutesTests.course)/submissions/sub-r2/grade", as: "co", json: ["scores": ["points": 5]]
            )
            .status == 200)
        // The laptop syncs: its grade of sub-r1 is refused with the reason, sub-r2 keeps its grade.
        let push = server.push(
            "owner", device: "dev-owner-1",
            entries: [GradingTestSupport.pushedGrade(seq: 1, submission: "sub-r1", points: 3, gradedAt: gradedOffline)])
        #expect(
            push.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue
                == "practice/reflection: sub-r1 is older than sub-r2, which has a grade already; this grade was not applied"
        )
        #expect(
            try GradingTestSupport.currentGrade(server)?.submission == "sub-r2"
                && GradingTestSupport.currentGrade(server)?.points == 5)
        #expect(
            try GradingRoutesTests.pulled(server, "ana", kind: "grade").last?["payload"]?["points"]?.numberValue == 5)
        #expect(
            server.request(.get, "\(GradingRoutesTests.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?
                .contains { $0["id"]?.stringValue == "sub-r2" } == false, "sub-r2 does not come back as a regrade")
        // A grade of the same submission made before the stored one (by its gradedAt) does not replace it either…
        let earlier = server.push(
            "owner", device: "dev-owner-1",
            entries: [GradingTestSupport.pushedGrade(seq: 2, submission: "sub-r2", points: 1, gradedAt: gradedOffline)])
        #expect(
            earlier.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains(
                "was graded again after this grade was made") == true)
        #expect(try GradingTestSupport.currentGrade(server)?.points == 5)
        // …while one made later does (ISO 8601, as lms-offline writes it).
        let later = server.push(
            "owner", device: "dev-owner-1",
            entries: [
                GradingTestSupport.pushedGrade(
                    seq: 3, submission: "sub-r2", points: 4,
                    gradedAt: nowMilliseconds() + 2000, iso: true)
            ])
        #expect(later.json["rejected"]?.arrayValue?.isEmpty ?? true)
        #expect(try GradingTestSupport.currentGrade(server)?.points == 4)
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

    @Test func erasedStudent_LeavesTheQueueAndTheAtRiskList_ButCountsInTheFigures() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("admin", role: .admin)
        #expect(
            server.request(
                .put, "\(GradingRoutesTests.course)/submissions/sub-r1/grade", as: "owner",
                json: ["scores": ["points": 0]]
            ).status == 200)
        let before = server.request(.get, "\(GradingRoutesTests.course)/reports/course", as: "owner").json
        #expect(
            before["atRisk"]?.arrayValue?.contains { $0["username"]?.stringValue == "ana" } == true,
            "failing graded work: \(before)")
        #expect(
            server.request(.post, "/api/v1/admin/users/ana/erase", as: "admin", json: ["confirm": "ana"]).status == 200)
        #expect(
            server.request(.get, "\(GradingRoutesTests.course)/grading/queue", as: "owner").json["queue"]?.arrayValue?
                .isEmpty
                == true,
            "nothing of an erased student to grade")
        let after = server.request(.get, "\(GradingRoutesTests.course)/reports/course", as: "owner").json
        #expect(
            after["atRisk"]?.arrayValue?.isEmpty == true,
            "the course starts after today (RichSample): no one else is behind")
        #expect(after["students"]?.numberValue == 2, "the figures still count the erased student")
        let names =
            server.request(.get, "\(GradingRoutesTests.course)/gradebook", as: "owner").json["students"]?.arrayValue?
            .compactMap {
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
            server.request(
                .put, "\(GradingRoutesTests.course)/attempts/att-1/grade", as: "owner", json: ["scores": ["e4": 2]]
            ).status
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
}
