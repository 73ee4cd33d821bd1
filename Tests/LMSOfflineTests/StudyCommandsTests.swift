import Foundation
import LMSModel
import Testing

/// Reading lessons: read, done, next, course, syllabus, with ids by full name, last segment or prefix.
struct StudyCommandsTests {
    @Test func read_RendersLessonWithMediaPaths_AndRecordsProgress() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let read = try f.ok(["read", "foundations/welcome"])
        #expect(read.stdout.contains("Welcome\n═══════"))
        // Images show their alt text and file name, never where the store keeps them.
        #expect(read.stdout.contains("[image: How a program runs · diagram.png]"))
        #expect(!read.stdout.contains(f.home))
        // A link to another lesson shows its id, so `read ID` follows it.
        #expect(read.stdout.contains("listen to the chime [→ foundations/listen#the-sound]"))
        #expect(read.stdout.contains("1. A computer with a terminal"))
        #expect(read.stdout.contains("    print(\"Hello, world\")"))
        #expect(read.stdout.contains("Week │ Topic"))
        #expect(read.stdout.contains("Wikipedia\n<https://en.wikipedia.org/wiki/Computer_program>."))
        #expect(!read.stdout.contains("\u{1B}["), "no colour off a terminal")
        let listen = try f.ok(["read", "listen"])
        #expect(listen.stdout.contains("Open the media: " + f.home))
        #expect(listen.stdout.contains("chime.wav"))
        // The open lesson's time ends with done; reading twice records two openings.
        try f.ok(["done", "listen"])
        let course = try f.json(["course", "intro"])
        let items = course["items"]?.arrayValue ?? []
        #expect(items.first { $0["id"]?.stringValue == "foundations/welcome" }?["state"]?["opened"]?.boolValue == true)
        #expect(items.first { $0["id"]?.stringValue == "foundations/welcome" }?["state"]?["done"]?.boolValue == false)
        #expect(items.first { $0["id"]?.stringValue == "foundations/listen" }?["state"]?["done"]?.boolValue == true)
        // Two openings and one completion; closing welcome adds a write only when a second had passed.
        #expect((3...4).contains(try f.count("SELECT count(*) FROM outbox WHERE kind = 'progress'")))
        #expect(try f.count("SELECT count(*) FROM progress") == 2)
    }

    @Test func next_ResumesInCourseOrder() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        #expect(try f.json(["next"])["next"]?["id"]?.stringValue == "foundations/welcome")
        try f.ok(["read", "welcome", "--done"])
        let next = try f.ok(["next"])
        #expect(next.stderr.contains("Next in Introduction to Programming: read foundations/listen"))
        #expect(next.stdout.contains("Listen: the start signal"))
        for lesson in ["listen", "worksheet", "reading"] { try f.ok(["done", lesson]) }
        let quiz = try f.json(["next", "intro"])
        #expect(quiz["next"]?["kind"]?.stringValue == "quiz")
        #expect(quiz["next"]?["command"]?.stringValue == "quiz")
    }

    @Test func unknownIDs_SuggestTheNearest() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let lesson = try f.run(["read", "welcom"])
        #expect(lesson.status == 1)
        #expect(lesson.stderr.contains("no lesson welcom in the installed courses (did you mean welcome?)"))
        let course = try f.run(["course", "intro-programing"])
        #expect(course.stderr.contains("(did you mean intro-programming?)"))
        let kind = try f.run(["read", "check"])
        #expect(kind.stderr.contains("foundations/check is a quiz, not a lesson"))
        let noProfile = ClientFixture()
        let none = try noProfile.run(["read", "welcome"], ["USER": "joseph"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("Made profile joseph on this device (no PIN)"), "the first profile is made")
        #expect(none.stderr.contains("no lesson welcome"))
    }

    @Test func read_AnAssignment_ShowsItsInstructionsAndHowToHandItIn() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let read = try f.ok(["read", "hello"])
        #expect(read.stdout.contains("Hello, world\n════════════"))
        #expect(read.stdout.contains("10 points · hand in: files (py, txt)"))
        #expect(read.stdout.contains("Write a program that prints"))
        #expect(read.stdout.contains("Hand it in with: lms-offline submit foundations/hello FILE..."))
        #expect(!read.stderr.contains("lms-offline assignment"))
        let json = try f.json(["read", "hello"])
        #expect(json["submission"]?.stringValue == "file")
        #expect(json["instructions"]?.stringValue?.contains("Hello, world") == true)
        let spanish = try f.ok(["read", "hello"], ["LANG": "es_ES.UTF-8"])
        #expect(spanish.stdout.contains("10 puntos · entregar: archivos (py, txt)"))
    }

    @Test func syllabus_ShowsDescriptionObjectivesAndSyllabus() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let text = try f.ok(["syllabus", "intro"])
        #expect(text.stdout.contains("Introduction to Programming"))
        #expect(text.stdout.contains("• Write and run a program"))
        let json = try f.json(["syllabus", "intro"])
        #expect(json["syllabus"]?.stringValue?.isEmpty == false)
    }

    @Test func spanishLocale_GivesSpanishMessagesAndErrors() throws {
        let f = ClientFixture()
        try f.installRich()
        let es = ["LANG": "es_ES.UTF-8"]
        let added = try f.ok(["profile", "add", "ana"], es.merging(["LMS_PIN": "1234"]) { $1 })
        #expect(added.stdout.contains("Perfil ana añadido."))
        let done = try f.ok(["done", "welcome"], es)
        #expect(done.stdout.contains("marcada como hecha"))
        let error = try f.run(["read", "nada"], es)
        #expect(error.stderr.contains("¿quiso decir"))
        let overridden = try f.run(["read", "nada"], ["LANG": "es_ES.UTF-8", "LC_ALL": "en_US.UTF-8"])
        #expect(overridden.stderr.contains("did you mean"), "LC_ALL wins over LANG")
        let messages = try f.run(["read", "nada"], ["LANG": "en_US.UTF-8", "LC_MESSAGES": "es_MX"])
        #expect(messages.stderr.contains("¿quiso decir"), "LC_MESSAGES wins over LANG")
    }
    @Test(.enabled(if: TerminalSession.isAvailable))
    func course_OnA60ColumnSpanishTerminal_NamesKindsInSpanish_InOneColumn() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        var environment = f.environment
        environment["LANG"] = "es_ES.UTF-8"
        let term = try TerminalSession(
            shellWithEnvironment: environment, directory: f.scratch.path, columns: 60, rows: 40)
        // The marker is computed by the shell: the typed line (echoed twice if typed early) never matches it.
        try term.type("'\(CLI.binary)' course intro; echo END-OF-COURSE-$((20 + 22))")
        let lines = try term.waitFor("END-OF-COURSE-42")
        #expect(lines.contains { $0.hasPrefix("  lección      foundations/welcome  Welcome") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  cuestionario foundations/check") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  tarea        foundations/hello") }, "\(lines)")
        #expect(!lines.contains { $0.contains("quiz ") || $0.hasPrefix("  lesson") }, "no English kind words")
    }
}
