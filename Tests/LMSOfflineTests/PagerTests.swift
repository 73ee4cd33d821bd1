import Foundation
import Testing

/// The pager on a real terminal, under an interactive shell's job control, where a pager in a
/// process group of its own was stopped (SIGTTOU) and `read` showed a blank screen forever.
@Suite(.enabled(if: TerminalSession.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/less")))
struct PagerTests {
    /// The fixture's environment without its `PAGER=cat`, so the default pager (less) runs.
    static func shellEnvironment(_ f: ClientFixture) -> [String: String] {
        var environment = f.environment
        environment["PAGER"] = nil
        return environment
    }

    @Test func read_FromAnInteractiveShell_ShowsTheLessonInThePager_AndQReturnsToTheShell() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(
            shellWithEnvironment: Self.shellEnvironment(f), directory: f.scratch.path, columns: 80, rows: 12)
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("A program is a list of instructions")
        try term.press("q")
        try term.waitFor("Mark foundations/welcome done? [Y/n]")
        try term.type("y")
        try term.type("echo shell-is-back-$((40 + 2))")
        try term.waitFor("shell-is-back-42")
    }

    @Test func syllabus_FromAnInteractiveShell_HonoursPAGER() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        var environment = Self.shellEnvironment(f)
        environment["PAGER"] = "sed s/^/paged:/"
        let term = try TerminalSession(
            shellWithEnvironment: environment, directory: f.scratch.path, columns: 80, rows: 12)
        try term.type("'\(CLI.binary)' syllabus intro")
        try term.waitFor("paged:Introduction to Programming")
        try term.type("echo shell-is-back-$((40 + 2))")
        try term.waitFor("shell-is-back-42")
    }

    @Test func lessonLeftThroughThePager_IsMarkedDoneOnEnter_AndNextMovesOn() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(
            shellWithEnvironment: Self.shellEnvironment(f), directory: f.scratch.path, columns: 80, rows: 12)
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("A program is a list of instructions")
        try term.press("q")
        try term.waitFor("Mark foundations/welcome done? [Y/n]")
        try term.type("")
        try term.waitFor("Marked foundations/welcome done.")
        try term.type("'\(CLI.binary)' next --json | grep '\"id\"'")
        try term.waitFor("foundations/listen")
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 1)
    }

    @Test func lessonLeftThroughThePager_AnsweredNo_StaysOpen() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(
            shellWithEnvironment: Self.shellEnvironment(f), directory: f.scratch.path, columns: 80, rows: 12)
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("A program is a list of instructions")
        try term.press("q")
        try term.waitFor("Mark foundations/welcome done? [Y/n]")
        try term.type("n")
        try term.type("echo shell-is-back-$((40 + 2))")
        try term.waitFor("shell-is-back-42")
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 0)
    }

    @Test func lessonThatFitsTheScreen_IsPrintedAndMarkedDone() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(
            shellWithEnvironment: Self.shellEnvironment(f), directory: f.scratch.path, columns: 100, rows: 60)
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("Marked foundations/welcome done.")
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 1)
    }
}
