import Foundation
import LMSDatabase
import LMSModel
import Testing

/// Grading end to end with the real `lms-server` and `lms-offline`: a student works offline and
/// syncs, the teacher grades with `lms-offline grade`, the student's next sync brings the grade,
/// the feedback and a notification; then the gradebook, reports and certificates.
@Suite(.serialized) struct GradingEndToEndTests {
    /// Runs `lms-offline args` in `f`'s home with `input` on standard input.
    static func run(_ f: ClientFixture, _ args: [String], input: String) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(f.environment) { $1 }.merging([
            "LMS_PIN": "1234"
        ]) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: f.scratch.path)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// A server with sam enrolled in the rich course and its exam's review released, and sam's laptop synced.
    /// The exam's marks reach the student only after the review's release (docs/PROTOCOL.md §8 "Review",
    /// SyncEndToEndTests); the tests that follow the marks release it first.
    static func samSyncedWithTheReviewReleased(
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (SyncWorld, ClientFixture) {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        try world.releaseReview()
        let laptop = try world.device("sam")
        #expect(try laptop.sync().status == 0, sourceLocation: sourceLocation)
        return (world, laptop)
    }

    /// Hands in the exam with e1 answered 1, e2 answered 5 and `essay` (no quotes in it) as the essay, e4.
    static func handInTheExam(_ laptop: ClientFixture, essay: String) throws {
        try laptop.ok([
            "quiz", "exam", "--answers", try laptop.write("e.json", #"{"e1": 1, "e2": 5, "e4": "\#(essay)"}"#)
        ])
    }

    @Test func studentSubmitsOffline_TeacherGrades_StudentSeesGradeFeedbackAndNotification() throws {
        let (world, laptop) = try Self.samSyncedWithTheReviewReleased()
        try laptop.ok(["submit", "reflection", "--text", "Loops were hard; examples helped"])
        try laptop.ok(["submit", "hello", try laptop.write("hello.py", "print(\"Hello, world\")\n")])
        try Self.handInTheExam(laptop, essay: "A washing machine repeats")
        #expect(try laptop.sync().status == 0)
        // The server's result awaits the teacher (the essay): a score so far, not a grade (the gradebook shows '–').
        #expect(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'practice/exam'")
            } == nil)
        let examBefore = try #require(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM attempts WHERE quiz_id = 'practice/exam'")
            })
        let soFar = "(so far: essays await the teacher's grade)"
        let listed = try laptop.ok(["grades", "intro-programming"]).stdout
        #expect(
            listed.split(separator: "\n").contains { $0.contains("practice/exam") && $0.contains(soFar) }, "\(listed)")
        let courseJSON = try laptop.json(["course", "intro-programming"])
        #expect(JSONWriter.write(courseJSON).contains(#""essaysPending":true"#), "\(JSONWriter.write(courseJSON))")
        #expect(
            try laptop.ok(["course", "intro-programming"]).stdout.split(separator: "\n").contains {
                $0.contains("exam") && $0.contains(soFar)
            })

        let teacher = try world.device("ada")
        let queue = try teacher.json(["grade", "intro-programming", "--list"])
        #expect(queue.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["submission", "submission", "attempt"])
        let submission = try #require(queue.arrayValue?.first?["id"]?.stringValue)
        // `s` skips an entry and `q` stops: nothing is recorded.
        let skipped = try Self.run(teacher, ["grade", "intro-programming"], input: "s\nq\n")
        #expect(skipped.status == 0 && skipped.stdout.contains("Skipped.") && !skipped.stdout.contains("Recorded"))
        #expect(try teacher.json(["grade", "intro-programming", "--list"]).arrayValue?.count == 3)
        // Interactive: the reflection (no rubric: one score of 5), hello (a rubric of three criteria,
        // its file saved to a folder), then the exam's essay (3 points).
        let session = try Self.run(
            teacher, ["grade", "intro-programming"], input: "7\n4\nWell said\n4\n4\n2\nPerfect\n2\nNice example\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("│ Loops were hard; examples helped"))
        #expect(session.stdout.contains("A washing machine repeats"))
        #expect(session.stderr.contains("give a number from 0 to 5"), "an out-of-range score is asked again")
        #expect(session.stdout.contains("Recorded 4/5 for practice/reflection"))
        #expect(
            session.stdout.contains("Runs without errors (0-4): ")
                && session.stdout.contains("Recorded 10/10 for foundations/hello"))
        let saved = teacher.scratch.sub("grading-intro-programming/sam-foundations_hello-v1/hello.py")
        #expect(try String(contentsOfFile: saved, encoding: .utf8) == "print(\"Hello, world\")\n")
        #expect(session.stdout.contains("files saved to"))
        #expect(session.stdout.contains("── hello.py (") && session.stdout.contains("│ print(\"Hello, world\")"))
        #expect(session.stdout.contains("Recorded ") && session.stdout.contains("for practice/exam"))
        #expect(
            try teacher.ok(["grade", "intro-programming"]).stdout.contains(
                "Nothing in intro-programming awaits grading."))

        let pulled = try laptop.sync()
        #expect(pulled.status == 0)
        #expect((pulled.report["grades"]?.numberValue ?? 0) >= 2)
        let grades = try laptop.json(["grades", "intro-programming"]).arrayValue ?? []
        let reflection = grades.first { $0["item"]?.stringValue == "practice/reflection" }
        #expect(reflection?["points"]?.numberValue == 4 && reflection?["maxPoints"]?.numberValue == 5)
        #expect(reflection?["feedback"]?.stringValue == "Well said")
        let exam = grades.first { $0["item"]?.stringValue == "practice/exam" }
        // The exam's review was released first, so its feedback arrives too (withheld before: ExamRulesTests).
        #expect(exam?["points"]?.numberValue == examBefore + 2 && exam?["feedback"]?.stringValue == "Nice example")
        #expect(
            !(try laptop.ok(["grades", "intro-programming"]).stdout.contains("so far")), "the teacher's grade is final")
        let inbox = try laptop.ok(["inbox"]).stdout
        #expect(inbox.contains("New grade for practice/reflection (intro-programming)"))
        #expect(inbox.contains("Feedback: Well said"))

        // A regrade from a script keeps the history and reaches the student again.
        let regrade = try teacher.ok([
            "grade", "intro-programming", "--submission", submission, "--score", "points=5", "--feedback", "Even better"
        ])
        #expect(regrade.stdout.contains("Recorded 5/5"))
        let bad = try teacher.run(["grade", "intro-programming", "--submission", submission, "--score", "points=9"])
        #expect(bad.status == 1 && bad.stderr.contains("\"points\" must be between 0 and 5 (got 9)"))
        #expect(
            try teacher.run(["grade", "intro-programming", "--submission", submission, "--score", "nine"]).status == 2)
        let unknown = try teacher.run(["grade", "intro-programming", "--submission", "nope", "--score", "points=1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("has no submission \"nope\""))
        let history =
            try teacher.json([
                "grade", "intro-programming", "--history", "--student", "sam", "--item", "practice/reflection"
            ]).arrayValue ?? []
        #expect(
            history.map { $0["newPoints"]?.numberValue ?? -1 } == [4, 5] && history.last?["oldPoints"]?.numberValue == 4
        )
        #expect(try teacher.ok(["grade", "intro-programming", "--history"]).stdout.contains("4 → 5  \"Even better\""))
        #expect(try laptop.sync().status == 0)
        #expect(try laptop.scalar("SELECT feedback FROM grades WHERE item_id = 'practice/reflection'") == "Even better")
        // A resubmission comes back to the queue with the earlier grade shown.
        try laptop.ok(["submit", "reflection", "--text", "Second thoughts"])
        #expect(try laptop.sync().status == 0)
        let again = try Self.run(teacher, ["grade", "intro-programming"], input: "q\n")
        #expect(
            again.stdout.contains("│ Second thoughts")
                && again.stdout.contains("Current grade (of an earlier version): 5/5; feedback: Even better"))

        // The student may not grade or read the gradebook.
        let refused = try laptop.run(["gradebook", "intro-programming"])
        #expect(refused.status == 1 && refused.stderr.contains("not allowed: "), "\(refused.stderr)")

        // Gradebook and reports.
        let book = try teacher.json(["gradebook", "intro-programming"])
        #expect(book["students"]?.arrayValue?.first?["scores"]?["practice/reflection"]?.numberValue == 5)
        let table = try teacher.ok(["gradebook", "intro-programming"]).stdout
        #expect(table.contains("sam") && table.contains("fail") && table.contains("#1 "))
        let spanish = try teacher.run(["gradebook", "intro-programming"], ["LANG": "es_ES.UTF-8"]).stdout
        #expect(
            spanish.contains("estudiante") && spanish.contains("resultado") && spanish.contains("suspende"),
            "\(spanish)")
        let csvPath = teacher.scratch.sub("book.csv")
        try teacher.ok(["gradebook", "intro-programming", "--csv", csvPath])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "the file keeps the server's byte order mark")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("username,name,") && csv.contains("\r\nsam,sam,"))
        let report = try teacher.json(["report", "intro-programming"])
        #expect(report["students"]?.numberValue == 1)
        let summary = try teacher.ok(["report", "intro-programming"]).stdout
        #expect(
            summary.contains("Introduction to Programming: 1 student, 0.0% completed, 0 passing")
                && summary.contains("Score distribution"))
        let student = try teacher.ok(["report", "intro-programming", "--student", "sam"]).stdout
        #expect(student.contains("practice/reflection  5/5  \"Even better\""))
        let items = try teacher.json(["report", "intro-programming", "--items"])
        #expect(
            items["questions"]?.arrayValue?.contains {
                $0["question"]?.stringValue == "e4" && $0["answered"]?.numberValue == 1
            } == true)
        let reportCSV = try teacher.ok(["report", "intro-programming", "--csv", "-"]).stdout
        #expect(
            reportCSV.hasPrefix("username,name,lessons done,") && reportCSV.contains("\r\nsam,sam,"),
            "a pipe gets no byte order mark")
        let itemsCSV = teacher.scratch.sub("items.csv")
        try teacher.ok(["report", "intro-programming", "--items", "--csv", itemsCSV])
        #expect(
            try String(decoding: Data(contentsOf: URL(fileURLWithPath: itemsCSV)), as: UTF8.self).hasPrefix(
                "\u{FEFF}quiz,question,"))
        #expect(try teacher.run(["report", "intro-programming", "--inactive-days", "0"]).status == 2)
        if TerminalSession.isAvailable {
            // On a terminal the student's report draws bars: a full one for the reflection's 5/5.
            let term = try TerminalSession(
                ["report", "intro-programming", "--student", "sam"], environment: teacher.environment,
                directory: teacher.scratch.path)
            let screen = try term.waitFor("practice/reflection")
            let line = screen.first { $0.contains("practice/reflection") } ?? ""
            #expect(line.contains(String(repeating: "█", count: 30)), "\(line)")
            #expect(
                screen.contains { $0.contains("practice/project") && $0.contains(String(repeating: "░", count: 30)) })
        }

        // Not completed: no certificate, with the reason.
        let early = try laptop.run(["certificate", "intro-programming"])
        #expect(early.status == 1 && early.stderr.contains("complete intro-programming first"))
        // Lessons done here but not yet synced: the fix is to sync, and the message says so.
        try laptop.ok(["done", "welcome"])
        let unsynced = try laptop.run(["certificate", "intro-programming"])
        #expect(unsynced.status == 1)
        #expect(
            unsynced.stderr.contains("It has not seen all your work yet: run lms-offline sync"), "\(unsynced.stderr)")
        #expect(!unsynced.stderr.contains("409"))
    }

    @Test func teacherGradesOffline_FromPulledWork_TheGradeReachesTheStudentAfterSyncs() throws {
        let (world, laptop) = try Self.samSyncedWithTheReviewReleased()
        try laptop.ok(["submit", "reflection", "--text", "Written on the train"])
        try Self.handInTheExam(laptop, essay: "The seasons")
        #expect(try laptop.sync().status == 0)
        // The server's result awaits the teacher (the essay): a score so far, not a grade (the gradebook shows '–').
        #expect(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'practice/exam'")
            } == nil)
        let examBefore = try #require(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM attempts WHERE quiz_id = 'practice/exam'")
            })
        let teacher = try world.device("ada")
        #expect(try teacher.sync().status == 0)
        // From here the teacher's device works without the server.
        let queue = try teacher.json(["grade", "intro-programming", "--offline", "--list"]).arrayValue ?? []
        #expect(queue.map { $0["kind"]?.stringValue ?? "" } == ["submission", "attempt"])
        #expect(
            queue.first?["item"]?.stringValue == "practice/reflection"
                && queue.last?["item"]?.stringValue == "practice/exam")
        let id = try #require(queue.first?["id"]?.stringValue)
        let attempt = try #require(queue.last?["id"]?.stringValue)
        #expect(
            try teacher.ok(["grade", "intro-programming", "--offline", "--show", attempt]).stdout.contains(
                "e4:\n  │ The seasons"))
        try teacher.ok([
            "grade", "intro-programming", "--offline", "--attempt", attempt, "--score", "e4=2", "--feedback",
            "Good essay"
        ])
        #expect(
            try teacher.ok(["grade", "intro-programming", "--offline", "--show", id]).stdout.contains(
                "│ Written on the train"))
        let saved = try teacher.ok([
            "grade", "intro-programming", "--offline", "--submission", id, "--score", "points=9"
        ])
        #expect(saved.stdout.contains("the next lms-offline sync sends it"))
        #expect(
            try teacher.json(["grade", "intro-programming", "--offline", "--list"]).arrayValue?.isEmpty == true,
            "both graded here")
        let unknown = try teacher.run([
            "grade", "intro-programming", "--offline", "--submission", "nope", "--score", "points=1"
        ])
        #expect(unknown.status == 1 && unknown.stderr.contains("run lms-offline sync first"))
        // The first grade is over the maximum: the server refuses it and says why; a second one is fine.
        let refused = try teacher.sync()
        #expect(refused.stderr.contains("the server refused some work"), "\(refused.report)")
        #expect(try teacher.ok(["inbox"]).stdout.contains("must be between 0 and 5 (got 9)"))
        try teacher.ok([
            "grade", "intro-programming", "--offline", "--submission", id, "--score", "points=3", "--feedback",
            "Graded offline"
        ])
        #expect(try teacher.sync().status == 0)
        #expect(try laptop.sync().status == 0)
        #expect(
            try laptop.scalar("SELECT feedback FROM grades WHERE item_id = 'practice/reflection'") == "Graded offline")
        #expect(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'practice/reflection'")
            } == 3)
        #expect(
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'practice/exam'")
            } == examBefore + 2)
        // The exam's review was released first, so its feedback arrives too (withheld before: ExamRulesTests).
        #expect(try laptop.scalar("SELECT feedback FROM grades WHERE item_id = 'practice/exam'") == "Good essay")
    }

    @Test func offlineQueue_LeavesOutWhatWasGradedOnline_AfterTheNextSync() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let laptop = try world.device("sam")
        #expect(try laptop.sync().status == 0)
        try laptop.ok(["submit", "reflection", "--text", "Written on the bus"])
        #expect(try laptop.sync().status == 0)
        let teacher = try world.device("ada")
        #expect(try teacher.sync().status == 0)
        let queue = try teacher.json(["grade", "intro-programming", "--offline", "--list"]).arrayValue ?? []
        let id = try #require(queue.first { $0["item"]?.stringValue == "practice/reflection" }?["id"]?.stringValue)
        // Graded online (here, or by a colleague): the next sync brings the grade, and the offline queue drops the submission.
        try teacher.ok(["grade", "intro-programming", "--submission", id, "--score", "points=4"])
        #expect(try teacher.sync().status == 0)
        let after = try teacher.json(["grade", "intro-programming", "--offline", "--list"]).arrayValue ?? []
        #expect(!after.contains { $0["id"]?.stringValue == id }, "\(after)")
        // A new version from the student comes back to the queue.
        try laptop.ok(["submit", "reflection", "--text", "Rewritten at home"])
        #expect(try laptop.sync().status == 0)
        #expect(try teacher.sync().status == 0)
        #expect(
            try teacher.json(["grade", "intro-programming", "--offline", "--list"]).arrayValue?
                .contains { $0["item"]?.stringValue == "practice/reflection" } == true)
    }

    @Test func certificate_SavedAsHTML_ArrivesBySync_AndVerifies() throws {
        let world = try SyncWorld()
        let folder = world.scratch.sub("cert-course")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/small-course", toPath: folder)
        let manifest = folder + "/course.json"
        try String(contentsOfFile: manifest, encoding: .utf8)
            .replacingOccurrences(
                of: "\"language\"",
                with:
                    "\"certificate\": true, \"grading\": {\"passPercent\": 50, \"weights\": {\"quiz\": 1}},\n  \"language\""
            )
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        try world.publish(folder: folder)
        try world.createUser("kim")
        try world.enroll("kim", course: "small-course")
        let device = try world.device("kim")
        #expect(try device.sync().status == 0)
        try device.ok(["done", "hello"])
        try device.ok(["done", "next"])
        try device.ok(["quiz", "check", "--answers", try device.write("a.json", #"{"q1": true, "q2": 1}"#)])
        #expect(try device.sync().status == 0)
        let html = device.scratch.sub("cert.html")
        let saved = try device.ok(["certificate", "small-course", "-o", html])
        #expect(saved.stdout.contains("Certificate of A Small Course saved to"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<!DOCTYPE html>") && page.contains("A Small Course") && page.contains("kim"))
        #expect(try device.sync().status == 0)
        let code = try #require(try device.scalar("SELECT code FROM certificates WHERE course_id = 'small-course'"))
        #expect(page.contains(code))
        #expect(try device.ok(["inbox"]).stdout.contains("Your certificate for small-course is ready"))
        let text = try device.ok(["certificate", "small-course"]).stdout
        #expect(text.contains("CERTIFICATE OF COMPLETION") && text.contains("Verification code: \(code)"))
        let anyone = ClientFixture()
        let verified = try anyone.ok(["verify", code.lowercased(), "--server", world.base])
        #expect(verified.stdout.contains("Valid: kim completed A Small Course (small-course)"))
        let wrong = try anyone.run(["verify", "ABCDE-FGHJK-MNPQR-STVWX", "--server", world.base])
        #expect(wrong.status == 1 && wrong.stderr.contains("no certificate has the code"))
        let malformed = try anyone.run(["verify", "nope", "--server", world.base])
        #expect(malformed.status == 1 && malformed.stderr.contains("is not a certificate code"))
        #expect(try anyone.run(["verify", code]).stderr.contains("give --server URL"))
        #expect(
            try anyone.run(["verify", "nope"], ["LANG": "es_ES.UTF-8"]).stderr.contains(
                "nope no es un código de certificado"))
        #expect(try device.json(["verify", code])["name"]?.stringValue == "kim", "the profile's server by default")
        #expect(try device.json(["certificate", "small-course"])["code"]?.stringValue == code)
        // Without the server, the certificate that sync brought is still there.
        world.process.terminate()
        world.process.waitUntilExit()
        let offline = try device.ok(["certificate", "small-course", "-o", device.scratch.sub("cert.txt")])
        #expect(offline.stdout.contains(code))
        #expect(
            try String(contentsOfFile: device.scratch.sub("cert.txt"), encoding: .utf8).contains(
                "has completed the course"))
    }

    @Test func aLateExamAttempt_IsListedNotCounted_UntilTheTeacherCountsItWithCountLate() throws {
        let (world, laptop) = try Self.samSyncedWithTheReviewReleased()
        try Self.handInTheExam(laptop, essay: "A washing machine repeats")
        #expect(try laptop.sync().status == 0)
        // The server saw the exam take three hours (made here without waiting: its late column set).
        let server = try DatabaseQueue(path: world.scratch.sub("server") + "/lms.sqlite")
        try server.write { db in
            try db.execute("UPDATE attempts SET late = 'the attempt took 180 minutes; the limit is 20 minutes'")
        }
        let examGrade = {
            try laptop.store().read {
                try $0.fetchScalar(Double.self, "SELECT points FROM grades WHERE item_id = 'practice/exam'")
            }
        }
        let teacher = try world.device("ada")
        let attempt = try #require(
            try teacher.json(["grade", "intro-programming", "--list"]).arrayValue?.first {
                $0["kind"]?.stringValue == "attempt"
            }?["id"]?.stringValue)
        try teacher.ok(["grade", "intro-programming", "--attempt", attempt, "--score", "e4=2"])
        let book = try teacher.ok(["gradebook", "intro-programming"]).stdout
        #expect(book.contains("late, not counted: sam  practice/exam  attempt \(attempt)"), "\(book)")
        #expect(book.contains("--attempt \(attempt) --count-late"))
        #expect(try laptop.sync().status == 0)
        #expect(try examGrade() == nil)
        let uncounted = try laptop.ok(["grades"]).stdout
        #expect(uncounted.contains("(late: counts only if the teacher counts it)"), "\(uncounted)")
        #expect(try laptop.json(["grades"]).arrayValue?.first?["late"]?.boolValue == true)
        // Counted deliberately: the gradebook and the student's device count it.
        let counted = try teacher.json(["grade", "intro-programming", "--attempt", attempt, "--count-late"])
        #expect(counted["counted"]?.boolValue == true)
        #expect(try teacher.ok(["gradebook", "intro-programming"]).stdout.contains("late, counted by a teacher: sam"))
        #expect(try laptop.sync().status == 0)
        #expect(try examGrade() == counted["points"]?.numberValue)
        #expect(!(try laptop.ok(["grades"]).stdout.contains("late:")), "counted: a grade like any other")
        let usage = try teacher.run(["grade", "intro-programming", "--count-late"])
        #expect(usage.status != 0 && usage.stderr.contains("--count-late and --no-count-late go with --attempt"))
        let undone = try teacher.ok(["grade", "intro-programming", "--attempt", attempt, "--no-count-late"]).stdout
        #expect(
            undone.contains("The late attempt \(attempt) at practice/exam") && undone.contains("no longer counts")
                && !undone.contains("Recorded"), "says what it did, not 'Recorded'")
    }

    @Test func theTeacherReleasesAReview_FromTheTerminal_AndTheStudentsNextSyncBringsTheMarks() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let laptop = try world.device("sam")
        #expect(try laptop.sync().status == 0)
        try laptop.ok(["quiz", "exam", "--answers", try laptop.write("e.json", #"{"e1": 1, "e2": 5}"#)])
        #expect(try laptop.sync().status == 0)
        #expect(try laptop.ok(["grades"]).stdout.contains("practice/exam  handed in; marks when the teacher releases"))
        let teacher = try world.device("ada")
        let released = try teacher.ok(["grade", "intro-programming", "--release-review", "practice/exam"]).stdout
        #expect(released.contains("Released the review of practice/exam: 1 result published"), "\(released)")
        let spanish = try teacher.ok(
            ["grade", "intro-programming", "--release-review", "practice/exam"], ["LANG": "es_ES.UTF-8"]
        ).stdout
        #expect(spanish.contains("Publicada la revisión de practice/exam: 0 resultados publicados"), "\(spanish)")
        #expect(try laptop.sync().status == 0)
        let grades = try laptop.ok(["grades"]).stdout
        #expect(grades.contains("practice/exam  ") && !grades.contains("handed in"), "\(grades)")
        let libro = try teacher.ok(["gradebook", "intro-programming"], ["LANG": "es_ES.UTF-8"]).stdout
        #expect(libro.contains("\nestudiante     #1"), "the header's word whole, not 'estudian': \(libro)")
        #expect(libro.contains("[practice/exam] (cuestionario, /7)"), "kinds in the reader's language")
        #expect(libro.contains("–: nada que cuente aún (sin entregar, esperando la nota de un docente"), "\(libro)")
        if TerminalSession.isAvailable {
            // On a 60-column terminal the queue, the summary and the legend fold at spaces.
            var environment = teacher.environment
            environment["LANG"] = "es_ES.UTF-8"
            let term = try TerminalSession(
                shellWithEnvironment: environment, directory: teacher.scratch.path, columns: 60, rows: 40)
            try term.type("'\(CLI.binary)' gradebook intro-programming; echo END-$((20 + 22))")
            let lines = try term.waitFor("END-42")
            #expect(lines.contains("Introduction to Programming: 1 estudiante, 7 elementos"), "\(lines)")
            #expect(lines.contains { $0.hasPrefix("  #7 Project: a number guessing game") }, "\(lines)")
            #expect(lines.contains("      (tarea, /20)"), "the legend's continuation, indented: \(lines)")
        }
        let never = try teacher.run(["grade", "intro-programming", "--release-review", "exam"])
        #expect(never.status != 0)
        #expect(
            never.stderr.contains(
                "has no quiz \"exam\"; a review can be released for practice/exam, practice/final"),
            "\(never.stderr)")
        let offline = try teacher.run(["grade", "intro-programming", "--offline", "--release-review", "practice/exam"])
        #expect(offline.status == 2 && offline.stderr.contains("needs the server"), "\(offline.stderr)")
    }
}
