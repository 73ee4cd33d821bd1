import CoursePackage
import Foundation
import LMSTestSupport
import LMSModel
import Testing
@testable import SyncServer

struct SyncRoutesTests {
    func world() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        try server.addUser("ana", role: .student)
        try server.addUser("ben", role: .student)
        try server.addUser("outsider", role: .student)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("rich-course"))
            ).status == 201)
        for name in ["ana", "ben"] {
            #expect(
                server.request(
                    .post, "/api/v1/courses/intro-programming/enrollments", as: "owner",
                    json: ["username": .init(.string(name))]
                ).status == 201)
        }
        return server
    }

    @Test func push_IsIdempotent_AndAGapIsAnsweredWithWhereToResume() throws {
        let server = try world()
        let e1 = Entries.progress(
            seq: 3, prev: 0, lesson: "foundations/welcome", completed: true, device: "dev-aaaaaaaa", seconds: 30)
        let e2 = Entries.progress(seq: 7, prev: 3, lesson: "foundations/listen", device: "dev-aaaaaaaa", seconds: 10)
        let first = server.push("ana", device: "dev-aaaaaaaa", entries: [e1, e2], gzip: true)
        #expect(first.status == 200)
        #expect(first.json["acked"]?.numberValue == 7)
        // The same batch again: nothing new happens.
        let before = try server.snapshot()
        #expect(server.push("ana", device: "dev-aaaaaaaa", entries: [e1, e2]).json["acked"]?.numberValue == 7)
        #expect(try server.snapshot().filter { !"\($0)".isEmpty }.count > 0)
        #expect(
            try server.snapshot().replacingOccurrences(of: #"integer\(\d+\)"#, with: "", options: .regularExpression)
                == before.replacingOccurrences(of: #"integer\(\d+\)"#, with: "", options: .regularExpression),
            "no new rows")
        // An entry whose previous entry never arrived: the server says where to resume and skips nothing.
        let e4 = Entries.progress(seq: 12, prev: 9, lesson: "foundations/reading", device: "dev-aaaaaaaa")
        let gap = server.push("ana", device: "dev-aaaaaaaa", entries: [e4])
        #expect(gap.json["acked"]?.numberValue == 7)
        #expect(gap.json["resumeFrom"]?.numberValue == 7)
        let progress = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "progress" }
        #expect(progress.count == 2)
    }

    @Test func progressFromTwoDevices_MergesIntoOneRecord() throws {
        let server = try world()
        #expect(
            server.push(
                "ana", device: "laptop-0001",
                entries: [
                    Entries.progress(seq: 1, prev: 0, lesson: "foundations/welcome", device: "laptop-0001", seconds: 40)
                ]
            ).status == 200)
        #expect(
            server.push(
                "ana", device: "phone-00001",
                entries: [
                    Entries.progress(
                        seq: 1, prev: 0, lesson: "foundations/welcome", completed: true, device: "phone-00001",
                        seconds: 15)
                ]
            ).status == 200)
        let changes = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "progress" }
        let last = try #require(changes.last?["payload"])
        #expect(last["completed"]?.boolValue == true)
        #expect(last["secondsByDevice"]?["laptop-0001"]?.numberValue == 40)
        #expect(last["secondsByDevice"]?["phone-00001"]?.numberValue == 15)
        #expect(
            Set(changes.compactMap { $0["entity"]?.stringValue }).count == 1,
            "one record, derived from user + course + lesson")
    }

    @Test func theServerGradesAttempts_ExamKeysStayOnTheServer() throws {
        let server = try world()
        // The exam's single-choice question e1: the right answer is authored second ("print(...)").
        let version = try #require(
            try server.app.store.courses.version(courseID: "intro-programming", version: "1.2.0"))
        let full = try #require(
            CourseLoader.load(try PackageArchive(path: server.app.blobs.path(for: version.packageBlob)!)).course)
        let exam = try #require(full.quizzes.first { $0.id == "practice/exam" })
        guard case .single(let choices) = exam.questions[0].body else {
            Issue.record("e1 is single")
            return
        }
        let order = StudentChoiceOrder.permutation(quizID: exam.id, questionID: "e1", choices: choices)
        let shownRight = try #require(order.firstIndex(of: 1))
        let answers: [String: Response] = [
            "e1": .choice(shownRight), "e2": .number(5), "e3": .matches(["a": "1", "b": "2", "c": "3"])
        ]
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Entries.attempt(seq: 1, prev: 0, id: "att-1", quiz: "practice/exam", responses: answers)])
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true)
        let result = try #require(
            try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "attemptResult" })
        // The exam's marks are withheld from Ana until the review (ExamRulesTests); the teacher sees the score.
        #expect(result["payload"]?["points"] == nil)
        let scored = server.request(.get, "/api/v1/courses/intro-programming/attempts/att-1", as: "owner")
        #expect(scored.json["points"]?.numberValue == 4, "1 + 2 + 1, the essay awaits the teacher")
        #expect(result["payload"]?["maxPoints"]?.numberValue == 7)
        #expect(result["payload"]?["awaitingTeacher"]?.boolValue == true)
        // A practice attempt is regraded: the server's score counts, whatever the device claimed.
        let practice = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [
                Entries.attempt(seq: 2, prev: 1, id: "att-2", quiz: "foundations/check", responses: ["q1": .choice(0)])
            ])
        #expect(practice.json["acked"]?.numberValue == 2)
        let results = try server.pullAll("ana").changes.filter { $0["kind"]?.stringValue == "attemptResult" }
        #expect(results.last?["payload"]?["points"]?.numberValue == 0)
    }

    @Test(arguments: [
        ("not enrolled", "outsider"),
        ("forged grade", "ana"),
        ("unknown quiz", "ana"),
        ("someone else's attempt", "ben")
    ])
    func forbiddenWork_IsRejectedWithAReason_ThatSyncsBack(_ scenario: String, _ username: String) throws {
        let server = try world()
        if scenario == "someone else's attempt" {
            #expect(
                server.push(
                    "ana", device: "dev-aaaaaaaa",
                    entries: [
                        Entries.attempt(seq: 1, prev: 0, id: "shared-id", quiz: "foundations/check", responses: [:])
                    ]
                ).status == 200)
        }
        let entry: JSONValue
        switch scenario {
        case "forged grade":
            entry = [
                "seq": 1, "prev": 0, "kind": "attemptResult", "entity": "x", "at": 1,
                "payload": ["course": "intro-programming", "points": 100]
            ]
        case "unknown quiz":
            entry = Entries.attempt(seq: 1, prev: 0, id: "a-unknown", quiz: "foundations/nope", responses: [:])
        case "someone else's attempt":
            entry = Entries.attempt(
                seq: 1, prev: 0, id: "shared-id", quiz: "foundations/check", responses: ["q1": .choice(1)])
        default:
            entry = Entries.progress(seq: 1, prev: 0, lesson: "foundations/welcome", device: "dev-bbbbbbbb")
        }
        let answer = server.push(username, device: "dev-bbbbbbbb", entries: [entry])
        #expect(answer.status == 200)
        #expect(answer.json["acked"]?.numberValue == 1, "a rejected entry is acknowledged: it is never sent again")
        let rejected = try #require(answer.json["rejected"]?.arrayValue?.first)
        #expect(rejected["seq"]?.numberValue == 1)
        #expect((rejected["reason"]?.stringValue ?? "").isEmpty == false)
        let synced = try server.pullAll(username).changes.filter { $0["kind"]?.stringValue == "rejection" }
        #expect(synced.count == 1)
        #expect(synced.first?["payload"]?["reason"] == rejected["reason"])
        #expect(
            try server.app.store.read {
                try $0.fetchScalar(
                    Int64.self,
                    "SELECT COUNT(*) FROM attempts WHERE user_id != (SELECT id FROM users WHERE username = 'ana')")
            } == 0)
    }

    @Test func pull_ShowsEachUserOnlyWhatTheyMaySee() throws {
        let server = try world()
        _ = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [Entries.progress(seq: 1, prev: 0, lesson: "foundations/welcome", device: "dev-aaaaaaaa")])
        _ = server.push(
            "ben", device: "dev-bbbbbbbb",
            entries: [Entries.progress(seq: 1, prev: 0, lesson: "foundations/listen", device: "dev-bbbbbbbb")])
        func lessons(_ user: String) throws -> Set<String> {
            Set(
                try server.pullAll(user).changes.filter { $0["kind"]?.stringValue == "progress" }.compactMap {
                    $0["payload"]?["lesson"]?.stringValue
                })
        }
        #expect(try lessons("ana") == ["foundations/welcome"])
        #expect(try lessons("ben") == ["foundations/listen"])
        #expect(
            try lessons("owner") == ["foundations/welcome", "foundations/listen"],
            "the teacher sees the course's student work")
        #expect(try lessons("outsider").isEmpty)
        let kinds = Set(try server.pullAll("ana").changes.compactMap { $0["kind"]?.stringValue })
        #expect(kinds.isSuperset(of: ["enrollment", "courseVersion", "progress"]))
    }

    /// An attempt and its first result are one stored change (issue 13: stored once), pulled as two
    /// changes of one sseq, the attempt first; a page never ends between them, whatever its limit.
    @Test func anAttempt_IsOneStoredChange_PulledAsTheAttemptThenItsResult_InOnePage() throws {
        let server = try world()
        // Two: the quiz allows two attempts.
        let entries = (1...2).map { i in
            Entries.attempt(
                seq: Int64(i), prev: Int64(i - 1), id: "att-\(i)", quiz: "foundations/check",
                responses: ["q1": .choice(0)])
        }
        #expect(server.push("ana", device: "dev-aaaaaaaa", entries: entries).json["acked"]?.numberValue == 2)
        let stored = try server.app.store.read { db in
            try db.fetchAll("SELECT kind, entity FROM changes WHERE entity LIKE 'att-%' ORDER BY sseq").map {
                "\($0.string("kind") ?? "")/\($0.string("entity") ?? "")"
            }
        }
        #expect(stored == ["attempt+result/att-1", "attempt+result/att-2"])
        for limit in [1, 2, 3, 1000] {
            let pulled = try server.pullAll("ana", limit: limit).changes.filter {
                $0["entity"]?.stringValue?.hasPrefix("att-") == true
            }
            let kinds = pulled.map { "\($0["kind"]?.stringValue ?? "")/\($0["entity"]?.stringValue ?? "")" }
            #expect(
                kinds == (1...2).flatMap { ["attempt/att-\($0)", "attemptResult/att-\($0)"] }, "limit \(limit)")
            for pair in stride(from: 0, to: pulled.count - 1, by: 2) {
                #expect(pulled[pair]["sseq"] == pulled[pair + 1]["sseq"], "limit \(limit)")
            }
            #expect(pulled.first?["payload"]?["responses"]?["q1"]?["choice"]?.numberValue == 0)
            #expect(pulled.dropFirst().first?["payload"]?["maxPoints"] != nil)
        }
        // The course's teacher pulls the pair too (students' work of a course they teach).
        let teacher = try server.pullAll("owner").changes.filter { $0["entity"]?.stringValue == "att-2" }
        #expect(teacher.map { $0["kind"]?.stringValue ?? "" } == ["attempt", "attemptResult"])
    }

    @Test func pull_Pages_AndAnEmptyPullIsSmall() throws {
        let server = try world()
        let entries = (1...30).map { i in
            Entries.progress(
                seq: Int64(i), prev: Int64(i - 1), lesson: "foundations/welcome", device: "dev-aaaaaaaa", seconds: i)
        }
        #expect(server.push("ana", device: "dev-aaaaaaaa", entries: entries).json["acked"]?.numberValue == 30)
        let paged = try server.pullAll("ana", limit: 7)
        let whole = try server.pullAll("ana")
        #expect(
            paged.changes.map { $0["sseq"]?.numberValue ?? 0 } == whole.changes.map { $0["sseq"]?.numberValue ?? 0 })
        #expect(paged.cursor == whole.cursor)
        let empty = server.request(
            .get, "/api/v1/sync/pull?cursor=\(whole.cursor)", as: "ana", headers: [("Accept-Encoding", "gzip")])
        #expect(empty.status == 200)
        #expect(empty.bodyData.count < 200, "nothing new costs a few bytes: \(empty.bodyData.count)")
    }

    @Test func aRestoredServer_AnswersEpochChanged() throws {
        let server = try world()
        let cursor = try server.pullAll("ana").cursor
        try server.app.store.renewEpoch()
        let response = server.request(.get, "/api/v1/sync/pull?cursor=\(cursor)", as: "ana")
        #expect(response.status == 409)
        #expect(response.json["error"]?["code"]?.stringValue == "epoch_changed")
        #expect(server.request(.get, "/api/v1/sync/pull?cursor=garbage", as: "ana").status == 400)
    }

    @Test func submissions_LateOrNot_ByTheClockRule_AndFilesMustBeUploaded() throws {
        let server = try world()
        // foundations/hello is due on 18 January at 23:59 UTC, ahead of today (RichSample): made in time is on time.
        let due = ISO8601DateFormatter().date(from: "\(RichSample.year)-01-18T23:59:00Z")!
        let made = Int64(due.addingTimeInterval(-3600).timeIntervalSince1970 * 1000)
        #expect(
            server.push(
                "ana", device: "dev-aaaaaaaa",
                entries: [
                    Entries.submission(
                        seq: 1, prev: 0, id: "sub-1", assignment: "foundations/hello", text: "hi", submittedAt: made)
                ]
            ).status == 200)
        let sub = try #require(try server.pullAll("ana").changes.first { $0["kind"]?.stringValue == "submission" })
        #expect(sub["payload"]?["late"]?.boolValue == false)
        // A file the server lacks: asked, uploaded, then accepted.
        let bytes = Data("print('Hello, world')\n".utf8)
        let hash = SHA256.hash(bytes).hex
        #expect(
            server.request(.post, "/api/v1/sync/blobs/missing", as: "ana", json: ["sha256": [.init(.string(hash))]])
                .json["missing"]?.arrayValue?.count == 1)
        var entry = Entries.submission(
            seq: 2, prev: 1, id: "sub-2", assignment: "foundations/hello", text: "", submittedAt: made)
        if case .object(var members) = entry.kind, let index = members.firstIndex(where: { $0.key == "payload" }),
            case .object(var payload) = members[index].value.kind
        {
            payload.removeAll { $0.key == "files" }
            payload.append(
                (
                    key: "files",
                    value: [
                        [
                            "name": "hello.py", "size": .init(.number(Double(bytes.count))),
                            "sha256": .init(.string(hash))
                        ]
                    ]
                ))
            members[index].value = JSONValue(.object(payload))
            entry = JSONValue(.object(members))
        }
        let refused = server.push("ana", device: "dev-aaaaaaaa", entries: [entry])
        #expect(refused.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("not uploaded") == true)
        let file = server.app.blobs.makeTempPath()
        FileManager.default.createFile(atPath: file, contents: bytes)
        #expect(
            server.request(
                .put, "/api/v1/sync/blobs/\(String(repeating: "b", count: 64))", as: "ana",
                body: .file(path: file, size: Int64(bytes.count))
            ).status == 422)
        let file2 = server.app.blobs.makeTempPath()
        FileManager.default.createFile(atPath: file2, contents: bytes)
        #expect(
            server.request(
                .put, "/api/v1/sync/blobs/\(hash)", as: "ana", body: .file(path: file2, size: Int64(bytes.count))
            ).status == 204)
        var again = entry
        if case .object(var members) = again.kind, let i = members.firstIndex(where: { $0.key == "seq" }) {
            members[i].value = 3
            if let p = members.firstIndex(where: { $0.key == "prev" }) { members[p].value = 2 }
            if let e = members.firstIndex(where: { $0.key == "entity" }) { members[e].value = "sub-3" }
            again = JSONValue(.object(members))
        }
        #expect(
            server.push("ana", device: "dev-aaaaaaaa", entries: [again]).json["rejected"]?.arrayValue?.isEmpty == true)
    }

    @Test func malformedFrames_Are400() throws {
        let server = try world()
        for body in [Data("not a frame".utf8), Data(WireCodec.magic + [0x07, 0x00]), Data([0x1f, 0x8b, 0x08, 0x00])] {
            let response = server.request(
                .post, "/api/v1/sync/push", as: "ana", body: .data(body),
                headers: body.first == 0x1f ? [("Content-Encoding", "gzip")] : [])
            #expect(response.status == 400, "\(response.status)")
        }
    }
}
