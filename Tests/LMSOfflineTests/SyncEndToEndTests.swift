import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing

/// The real `lms-server` and the real `lms-offline` on 127.0.0.1 (docs/PROTOCOL.md end to end).
@Suite(.serialized) struct SyncEndToEndTests {
    /// A student's view from one device, comparable across devices.
    static func view(_ f: ClientFixture) throws -> [String] {
        try f.store().read { db in
            let progress = try db.fetchAll(
                "SELECT course_id, lesson_id, completed, seconds_by_device FROM progress ORDER BY 1, 2"
            )
            .map { "progress \($0.string(0) ?? "") \($0.string(1) ?? "") \($0.int(2) ?? 0) \($0.string(3) ?? "")" }
            let attempts = try db.fetchAll(
                "SELECT id, quiz_id, status, points FROM attempts WHERE status <> 'draft' ORDER BY 1"
            )
            .map { "attempt \($0.string(0) ?? "") \($0.string(1) ?? "") \($0.string(2) ?? "") \($0.double(3) ?? -1)" }
            let grades = try db.fetchAll("SELECT course_id, item_id, points, max_points FROM grades ORDER BY 1, 2")
                .map { "grade \($0.string(0) ?? "") \($0.string(1) ?? "") \($0.double(2) ?? -1)/\($0.double(3) ?? -1)" }
            let submissions = try db.fetchAll("SELECT id, assignment_id FROM submissions ORDER BY 1")
                .map { "submission \($0.string(0) ?? "") \($0.string(1) ?? "")" }
            return progress + attempts + grades + submissions
        }
    }

    @Test func twoDevices_StudyOffline_SyncAndConverge() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let laptop = try world.device("sam")
        let phone = try world.device("sam")
        // Both install the course by syncing (a full download), then study offline.
        for device in [laptop, phone] {
            let first = try device.sync()
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.report["updates"]?.arrayValue?.first?["to"]?.stringValue == "1.2.0")
        }
        try laptop.ok(["done", "welcome"])
        try laptop.ok(["quiz", "check", "--answers", try laptop.write("a.json", #"{"q1": 1}"#)])
        try laptop.ok(["quiz", "exam", "--answers", try laptop.write("e.json", #"{"e1": 1, "e2": 5, "e4": "walking"}"#)]
        )
        try phone.ok(["done", "listen"])
        try phone.ok(["submit", "reflection", "--text", "I learned loops"])
        #expect(try laptop.scalar("SELECT status FROM attempts WHERE quiz_id = 'practice/exam'") == "awaiting")

        let a = try laptop.sync()
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.report["pushed"]?.numberValue == 3)
        // The exam's result arrives with this sync without marks (its review is closed): handed in, no grade,
        // and the inbox says when the marks come (it said the score before: the leak of issue 13).
        #expect(try laptop.scalar("SELECT status FROM attempts WHERE quiz_id = 'practice/exam'") == "withheld")
        #expect(try laptop.count("SELECT count(*) FROM grades WHERE item_id = 'practice/exam'") == 0)
        let inbox = try laptop.ok(["inbox"]).stdout
        #expect(inbox.contains("practice/exam (intro-programming) handed in"), "\(inbox)")
        #expect(!inbox.contains("Your score for practice/exam"))
        let grades = try laptop.json(["grades", "intro-programming"]).arrayValue ?? []
        let exam = grades.first { $0["item"]?.stringValue == "practice/exam" }
        #expect(exam?["status"]?.stringValue == "withheld" && exam?["points"]?.isNull == true, "\(grades)")
        let course = try laptop.json(["course", "intro-programming"])["items"]?.arrayValue ?? []
        let state = course.first { $0["id"]?.stringValue == "practice/exam" }?["state"]
        #expect(state?["withheld"]?.numberValue == 1 && state?["bestPoints"]?.isNull == true, "\(course)")
        let text = try laptop.ok(["course", "intro-programming"], ["COLUMNS": "200"]).stdout
        #expect(text.contains("[1× handed in; marks when the teacher releases the review]"), "\(text)")
        // The teacher releases the review: the next sync brings the score; its essay still awaits the
        // teacher, so it is a score so far, not a grade (the gradebook shows '–'), and not announced as final.
        try world.releaseReview()
        #expect(try laptop.sync().status == 0)
        #expect(try laptop.scalar("SELECT status FROM attempts WHERE quiz_id = 'practice/exam'") == "graded")
        #expect(
            try laptop.count("SELECT count(*) FROM attempts WHERE quiz_id = 'practice/exam' AND awaiting_teacher = 1")
                == 1)
        #expect(try laptop.count("SELECT count(*) FROM grades WHERE item_id = 'practice/exam'") == 0)
        #expect(
            try laptop.ok(["grades", "intro-programming"]).stdout.contains(
                "(so far: essays await the teacher's grade)"))
        #expect(!(try laptop.ok(["inbox"]).stdout.contains("Your score for practice/exam")))
        #expect(try phone.sync().status == 0)
        #expect(try laptop.sync().status == 0)
        #expect(try Self.view(laptop) == Self.view(phone))
        #expect(try laptop.count("SELECT count(*) FROM attempts") == 2)
        #expect(try phone.count("SELECT count(*) FROM submissions") == 1)
        #expect(try laptop.count("SELECT count(*) FROM submissions") == 1)
        #expect(try phone.count("SELECT count(*) FROM progress WHERE completed = 1") == 2)
        // A sync with nothing new pushes nothing and pulls nothing.
        let quiet = try laptop.run(["sync", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        #expect(
            try laptop.count("SELECT count(*) FROM outbox WHERE pushed_at IS NULL") == 0,
            "entries are kept, marked pushed")
        #expect(try laptop.count("SELECT count(*) FROM outbox") == 3)
    }

    @Test func courseUpdate_ArrivesByDelta_FetchingOnlyChangedEntries() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        #expect(try device.sync().status == 0)
        try device.ok(["done", "welcome"])
        let edited = try device.copyRich(to: "rich-1.3.0")
        try String(contentsOfFile: edited + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.2.0\"", with: "\"1.3.0\""
        )
        .write(toFile: edited + "/course.json", atomically: true, encoding: .utf8)
        let lesson = edited + "/01-foundations/01-welcome.md"
        try (String(contentsOfFile: lesson, encoding: .utf8) + "\nA new closing line.\n").write(
            toFile: lesson, atomically: true, encoding: .utf8)
        try world.publish(folder: edited)
        let result = try device.sync()
        #expect(result.status == 0, "\(result.stderr)")
        let update = try #require(result.report["updates"]?.arrayValue?.first)
        #expect(update["from"]?.stringValue == "1.2.0" && update["to"]?.stringValue == "1.3.0")
        // course.json and the edited lesson changed; every other entry came from the installed folder.
        #expect(update["fetchedEntries"]?.numberValue == 2)
        #expect(try device.scalar("SELECT version FROM courses") == "1.3.0")
        #expect(try device.ok(["read", "welcome"]).stdout.contains("A new closing line."))
        #expect(
            try device.count("SELECT count(*) FROM progress WHERE completed = 1") == 1, "progress survives the update")
        #expect(!FileManager.default.fileExists(atPath: device.home + "/downloads/intro-programming/1.3.0"))
        // One notice for the version: "course updated" (what changed) replaced "new version".
        #expect(try device.count("SELECT count(*) FROM notifications WHERE kind = 'course-updated'") == 1)
        #expect(try device.count("SELECT count(*) FROM notifications WHERE kind = 'course-version'") == 0)
    }

    @Test func cutDownload_ResumesWithRange() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        // A course with a 600 KB media file, so that a cut lands inside an entry.
        let big = Scratch()
        try FileManager.default.copyItem(atPath: RichSample.folder, toPath: big.sub("course"))
        try Data((0..<600_000).map { _ in UInt8.random(in: 0...255) }).write(
            to: URL(fileURLWithPath: big.sub("course/media/big.bin")))
        let course = big.sub("course/course.json")
        try String(contentsOfFile: course, encoding: .utf8).replacingOccurrences(of: "\"1.2.0\"", with: "\"1.2.1\"")
            .write(toFile: course, atomically: true, encoding: .utf8)
        try world.publish(folder: big.sub("course"))
        let proxy = try CuttingProxy(upstreamPort: world.port, cutAfterBytes: 200_000, when: "/entries/")
        let device = try world.device("sam", server: "http://127.0.0.1:\(proxy.port)")
        let result = try device.sync()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(proxy.cuts == 1, "the proxy cut one download")
        #expect(
            proxy.requests.contains { $0.contains("/entries/") && $0.lowercased().contains("range: bytes=") },
            "the download resumed with Range")
        let update = try #require(result.report["updates"]?.arrayValue?.first)
        #expect(update["resumedEntries"]?.numberValue == 1)
        #expect(try device.scalar("SELECT version FROM courses") == "1.2.1")
        let installed = try #require(try device.scalar("SELECT folder FROM courses"))
        #expect(
            FileManager.default.contentsEqual(
                atPath: device.home + "/" + installed + "/media/big.bin", andPath: big.sub("course/media/big.bin")))
    }

    @Test func rejection_SyncsBack_AndShowsInInbox() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        let device = try world.device("sam") // not enrolled
        try device.installRich()
        try device.ok(["done", "welcome"])
        let quiet = try device.run(["sync", "--quiet"])
        #expect(quiet.status == 0)
        #expect(
            !quiet.stdout.isEmpty && quiet.stderr.contains("refused"), "a rejection needs attention even with --quiet")
        let inbox = try device.json(["inbox"])
        let note = try #require(inbox.arrayValue?.first { $0["kind"]?.stringValue == "sync-rejected" })
        #expect(note["title"]?.stringValue?.contains("foundations/welcome") == true)
        #expect(
            try device.count("SELECT count(*) FROM notifications WHERE kind = 'sync-rejected'") == 1,
            "answered to the push and pulled back: one notification")
        #expect(note["body"]?.stringValue?.contains("Reason: you are not enrolled in intro-programming") == true)
        let spanish = try device.run(["inbox"], ["LANG": "es_ES.UTF-8"]).stdout
        #expect(spanish.contains("El servidor no aceptó"))
        // The server's reason in the reader's language too (it came with its `RejectionCode`).
        #expect(spanish.contains("Motivo: no está matriculado en intro-programming"), "\(spanish)")
        #expect(try device.count("SELECT count(*) FROM progress WHERE completed = 1") == 1, "the work stays here")
    }

    @Test func syncAll_SyncsEveryLoggedInProfile_WithoutPINs() throws {
        let world = try SyncWorld()
        for name in ["sam", "kim"] {
            try world.createUser(name)
            try world.enroll(name)
        }
        let shared = try world.device("sam")
        try shared.addProfile("kim")
        try shared.login("kim", server: world.base)
        try shared.addProfile("lee") // never logged in: not synced
        let result = try shared.run(["sync", "--all", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let profiles = try JSONParser.parse(result.stdout)["profiles"]?.arrayValue ?? []
        #expect(profiles.compactMap { $0["profile"]?.stringValue } == ["kim", "sam"])
        #expect(profiles.allSatisfy { $0["ok"]?.boolValue == true })
        #expect(try shared.count("SELECT count(*) FROM courses") == 1, "the course is installed once for the device")
        try shared.ok(["profile", "switch", "kim"], ["LMS_PIN": "1234"])
        try shared.ok(["logout"])
        let again = try shared.run(["sync", "--all", "--json"])
        #expect(try JSONParser.parse(again.stdout)["profiles"]?.arrayValue?.count == 1)
    }

    @Test func twoSyncsAtOnce_TheSecondExitsWithStatus3() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        // Close-on-exec: a process another test starts meanwhile must not inherit the lock and hold it.
        let fd = open(device.home + "/sync.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let busy = try device.run(["sync"])
        #expect(busy.status == 3)
        #expect(busy.stderr.contains("another sync is running"))
        close(fd)
        #expect(try device.run(["sync"]).status == 0)
        // Two at once: never both at work; each one either syncs or says it is busy.
        let group = DispatchGroup()
        nonisolated(unsafe) var statuses: [Int32] = []
        let lock = NSLock()
        let environment = device.environment
        let directory = device.scratch.path
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                let status = (try? CLI.run(["sync", "--quiet"], in: directory, environment: environment).status) ?? -1
                lock.withLock { statuses.append(status) }
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 3 } && statuses.contains(0), "\(statuses)")
    }

    @Test func expiredLogin_FailsWithStatus1_SaysLogInAgain_AndKeepsTheWork() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        #expect(try device.sync().status == 0)
        try device.ok(["done", "welcome"])
        let token = try #require(try device.scalar("SELECT token FROM sync_accounts"))
        #expect(try world.call("POST", "/api/v1/auth/logout", token: token).0 == 204)
        let failed = try device.run(["sync", "--quiet"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("log in again"))
        #expect(!failed.stderr.contains(token), "no token in messages")
        #expect(try device.count("SELECT count(*) FROM outbox WHERE pushed_at IS NULL") == 1, "nothing lost")
        try device.login("sam", server: world.base)
        #expect(try device.sync().report["pushed"]?.numberValue == 1)
    }

    @Test func killDuringSync_ThenSyncAgain_NothingLostNothingTwice() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        #expect(try device.sync().status == 0)
        try device.ok(["quiz", "check", "--answers", try device.write("a.json", #"{"q1": 1}"#)])
        try device.ok(["_record-progress", "welcome", "--times", "2500"])
        try device.ok(["submit", "reflection", "--text", "mine"])
        let total = try device.count("SELECT count(*) FROM outbox")
        for delay in [0.15, 0.4, 0.8] {
            let process = try device.launch(["sync", "--quiet"])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try device.integrity() == "ok")
        }
        let last = try device.sync()
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try device.count("SELECT count(*) FROM outbox") == total, "entries are kept")
        #expect(try device.count("SELECT count(*) FROM outbox WHERE pushed_at IS NULL") == 0)
        #expect(try device.count("SELECT acked FROM sync_accounts") == device.count("SELECT max(seq) FROM outbox"))
        // A fresh device sees each fact once.
        let other = try world.device("sam")
        #expect(try other.sync().status == 0)
        #expect(try other.count("SELECT count(*) FROM attempts") == 1)
        #expect(try other.count("SELECT count(*) FROM submissions") == 1)
        #expect(try other.count("SELECT count(*) FROM progress") == 1)
        #expect(try Self.view(other) == Self.view(device))
    }
}
