import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// The study app as a student uses it: the built `lms-offline` run from an interactive shell
/// (job control on) in a tmux pane, driven by keys alone, checked on the screen and in the store.
@Suite(.serialized)
struct StudyAppTests {
    /// A data folder with the rich sample installed and two profiles (so the picker shows).
    func makeFixture() throws -> ClientFixture {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("luis", pin: "5678")
        try f.addProfile("ana")
        return f
    }

    /// Checks that the shell's terminal is back in cooked mode with echo.
    func expectSaneTerminal(_ shell: ShellSession) throws {
        // The marker is computed, so the command line itself does not match it.
        try shell.run("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo SANE-$((6*7))")
        let screen = try shell.waitFor("SANE-42")
        #expect(screen.contains { $0.contains("icanon echo SANE-42") }, "\(screen)")
    }

    /// Selects the course's item at `position` (0 = the first) and opens it.
    func openItem(_ shell: ShellSession, at position: Int) throws {
        try shell.press("g")
        for _ in 0..<position { try shell.press("j") }
        try shell.press("Enter")
    }

    /// From home, opens the course (the row below "Continue") and in it the item at `position`.
    func openCourseItem(_ shell: ShellSession, at position: Int) throws {
        try shell.press("j", "Enter")
        try openItem(shell, at: position)
    }

    /// A shell in `f`'s folder whose `$EDITOR` is the script `name`, running `body` on the file it edits ("$1").
    func shellWithEditor(_ f: ClientFixture, script name: String, _ body: String) throws -> ShellSession {
        let editor = try f.write(name, "#!/bin/sh\n" + body + "\n")
        chmod(editor, 0o755)
        var environment = f.environment
        environment["EDITOR"] = editor
        return try ShellSession(environment: environment, directory: f.scratch.path)
    }

    /// Runs the app from the shell (on a cleared screen if `clearing`) and waits for `text` on its first screen.
    func startApp(
        _ shell: ShellSession, showing text: String, clearing: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try shell.run(clearing ? "clear; " + CLI.binary : CLI.binary)
        try shell.waitFor(text, sourceLocation: sourceLocation)
    }

    /// On a quiz's start screen, starts the attempt.
    func startAttempt(_ shell: ShellSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try shell.waitFor("Start? Enter starts", sourceLocation: sourceLocation)
        try shell.press("Enter")
    }

    @Test func wholeSession_PickerLessonQuizAndSubmissions_ByKeysAlone() throws {
        guard TerminalSession.isAvailable else { return }
        let f = try makeFixture()
        unlink(f.home + "/session.json")
        let file = try f.write("hello.py", "print(\"Hello, world\")\n")
        let shell = try shellWithEditor(f, script: "editor.sh", "printf 'Loops were hardest.\\n' > \"$1\"")
        try startApp(shell, showing: "Who is studying?")
        try shell.press("Enter")
        try shell.waitFor("PIN for ana")
        try shell.type("1234")
        try shell.press("Enter")
        try shell.waitFor("Continue where you left off")
        // A lesson: read to its end (done), searched.
        try shell.press("Enter")
        try shell.waitFor("A program is a list of instructions")
        try shell.press("G")
        try shell.waitFor("Marked done.")
        try shell.press("/")
        try shell.type("python")
        try shell.press("Enter")
        try shell.waitFor("(1 of 1)")
        try shell.press("q")
        try shell.waitFor("1/5")
        // The practice quiz: answer the first question, review, hand in.
        try shell.press("j", "Enter")
        try shell.waitFor("Foundations")
        try openItem(shell, at: 4)
        try startAttempt(shell)
        let question = try shell.waitFor("Question 1 of 7")
        if question.contains(where: { $0.contains("Your answer:") }) {
            try shell.press("Enter")
            try shell.type("3.14")
            try shell.press("Enter")
        } else {
            try shell.press("Space")
        }
        try shell.waitFor("1✓")
        try shell.press("r")
        try shell.waitFor("Review: 1 of 7 answered")
        try shell.press("H")
        try shell.waitFor("6 unanswered. Hand in now?")
        try shell.press("y")
        try shell.waitFor("Handed in.")
        try shell.waitFor("Score:")
        try shell.press("q")
        try shell.waitFor("Check your understanding  · graded")
        // A file submission, then a text written in $EDITOR.
        try openItem(shell, at: 6)
        try shell.waitFor("submit the file")
        try shell.press("a")
        try shell.type(file)
        try shell.press("Enter")
        try shell.waitFor("Submitted version 1.")
        try shell.press("q")
        try openItem(shell, at: 10)
        try shell.waitFor("what was hardest so far")
        try shell.press("e")
        try shell.waitFor("Submitted version 1.")
        try shell.waitFor("Your versions")
        try shell.press("q", "q", "q")
        try shell.waitForNo("Home")
        try expectSaneTerminal(shell)
        #expect(
            try f.count("SELECT count(*) FROM progress WHERE lesson_id = 'foundations/welcome' AND completed = 1") == 1)
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'graded'") == 1)
        #expect(try f.count("SELECT count(*) FROM submissions") == 2)
        #expect(try f.count("SELECT count(*) FROM submissions WHERE text = 'Loops were hardest.\n'") == 1)
    }

    @Test func ctrlC_InTheMiddleOfAnExam_KeepsTheAttempt_AndItResumes() throws {
        guard TerminalSession.isAvailable else { return }
        let f = try makeFixture()
        let shell = try shellWithEditor(
            f, script: "essay.sh", "printf 'Washing dishes until none are left.\\n' >> \"$1\"")
        try startApp(shell, showing: "Continue where you left off")
        try openCourseItem(shell, at: 8)
        try shell.waitFor("4 questions · exam · 20 minutes · 1 attempt left")
        try shell.press("Enter")
        try shell.waitFor("Which line prints Hello?")
        try shell.press("2")
        try shell.waitFor("1✓ 2·")
        try shell.press("C-c")
        try shell.waitForNo("Which line prints Hello?")
        try expectSaneTerminal(shell)
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'draft'") == 1)
        try startApp(shell, showing: "Continue where you left off", clearing: true)
        try openCourseItem(shell, at: 8)
        try shell.waitFor("You have an attempt in progress")
        try shell.waitFor("1 answered")
        try shell.press("Enter")
        try shell.waitFor("1✓ 2·")
        // Resumed on the first unanswered question (2); the essay (4) is written in $EDITOR.
        try shell.press("n", "n")
        try shell.waitFor("Describe a loop you met in daily life.")
        try shell.press("E")
        try shell.waitFor("Your answer: Washing dishes until none are left.")
        try shell.waitFor("1✓ 2· 3· 4✓")
        try shell.press("r", "H", "y")
        try shell.waitFor("Handed in.")
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'awaiting'") == 1)
    }

    @Test func ctrlZ_ThenFg_Redraws_ResizeReflows_SIGTERMRestores() throws {
        guard TerminalSession.isAvailable else { return }
        let f = try makeFixture()
        let shell = try ShellSession(environment: f.environment, directory: f.scratch.path)
        try startApp(shell, showing: "Continue where you left off")
        try shell.press("Enter")
        let wide = try shell.waitFor("line 1 of ")
        try shell.press("C-z")
        try shell.waitFor("Stopped")
        try expectSaneTerminal(shell)
        try shell.run("fg")
        try shell.waitFor("line 1 of ")
        // Narrower: the lesson reflows into more lines; the title bar fits the new width.
        func total(_ lines: [String]) -> Int? {
            lines.first { $0.hasPrefix("line 1 of ") }.flatMap { $0.split(separator: " ").dropFirst(3).first }
                .flatMap { Int($0) }
        }
        try shell.resize(width: 60, height: 20)
        var narrow = try shell.waitFor("line 1 of ")
        for _ in 0..<100 where total(narrow) == total(wide) {
            usleep(50_000)
            narrow = try shell.screen()
        }
        #expect((total(narrow) ?? 0) > (total(wide) ?? .max))
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 60 })
        try shell.press("C-z")
        try shell.waitFor("Stopped")
        // Continued in the background, the app draws nothing on the shell's screen (it did, one
        // run in five, when `kill -TERM %1` continued it just before `fg`).
        try shell.run("clear; kill -CONT %1; sleep 0.3; echo CONT-$((6*7))")
        try shell.waitFor("CONT-42")
        usleep(300_000)
        #expect(!(try shell.screen()).contains { $0.contains("line 1 of ") })
        try shell.run("fg")
        try shell.waitFor("line 1 of ")
        try shell.press("C-z")
        try shell.waitFor("Stopped")
        // SIGTERM waits while the job is stopped; fg continues it, and it ends restoring the terminal.
        try shell.run("clear; kill -TERM %1; fg; echo STATUS-$((6*7))")
        try shell.waitFor("STATUS-42")
        try shell.waitForNo("line 1 of ")
        try expectSaneTerminal(shell)
    }

    @Test func timedQuiz_ShowsTheClock_AndIsHandedInWhenTimeRunsOut() throws {
        guard TerminalSession.isAvailable else { return }
        let f = ClientFixture()
        try f.ok(["install", try f.pack(try f.writePastCourse(), to: "past.zip")])
        try f.addProfile("ana")
        let shell = try ShellSession(environment: f.environment, directory: f.scratch.path)
        try startApp(shell, showing: "Past course")
        try openCourseItem(shell, at: 2)
        try startAttempt(shell)
        try shell.waitFor("⏱ 0:0")
        try shell.waitFor("Time is up: the attempt was handed in.")
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status <> 'draft'") == 1)
        try shell.press("q", "q", "q")
        try shell.waitForNo("Past course")
    }

    @Test func syncKey_BringsTheCourse_ForumPostGoes_AndNoNetworkIsACalmLine() throws {
        guard TerminalSession.isAvailable else { return }
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let device = try world.device("sam")
        let shell = try shellWithEditor(device, script: "editor.sh", "printf 'How do loops end?\\n' > \"$1\"")
        try startApp(shell, showing: "No course installed")
        try shell.press("s")
        try shell.waitFor("Introduction to Programming")
        try shell.waitFor("Synced: sent 0, received")
        try shell.waitFor("installed intro-programming")
        try shell.waitFor("Last sync ")
        // A new thread in the course's forum, written in the editor, waits in the outbox; s sends it.
        try shell.press("j", "Enter")
        try shell.waitFor("Foundations")
        try shell.press("f")
        try shell.waitFor("No thread yet: n starts one.")
        try shell.press("n")
        try shell.type("Loops")
        try shell.press("Enter")
        try shell.waitFor("How do loops end?")
        try shell.waitFor("(not yet synced)")
        try shell.press("q", "q", "q")
        try shell.waitFor("1 change waits to be sent")
        try shell.press("s")
        try shell.waitFor("Synced: sent 1")
        // With the server gone, a sync says so calmly in the status line; the app goes on.
        kill(world.process.processIdentifier, SIGKILL)
        world.process.waitUntilExit()
        try shell.press("s")
        try shell.waitFor("Not synced now")
        try shell.waitFor("Introduction to Programming")
        try shell.press("i")
        try shell.waitFor("Course Introduction to Programming installed")
    }
}
