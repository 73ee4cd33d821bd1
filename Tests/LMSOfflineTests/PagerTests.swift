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

    /// A fixture with the rich course and the profile "ana", and an interactive shell in its scratch folder.
    static func shell(
        environment: ((ClientFixture) -> [String: String])? = nil, columns: Int = 80, rows: Int = 12
    ) throws -> (ClientFixture, TerminalSession) {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(
            shellWithEnvironment: environment?(f) ?? shellEnvironment(f), directory: f.scratch.path,
            columns: columns, rows: rows)
        return (f, term)
    }

    /// Reads the welcome lesson in the pager and leaves it with q, up to the "mark done?" question.
    static func readWelcomeAndLeaveThePager(_ term: TerminalSession) throws {
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("A program is a list of instructions")
        try term.press("q")
        try term.waitFor("Mark foundations/welcome done? [Y/n]")
    }

    /// Proves the shell reads commands again (the program left the terminal to it).
    static func expectShellIsBack(_ term: TerminalSession) throws {
        try term.type("echo shell-is-back-$((40 + 2))")
        try term.waitFor("shell-is-back-42")
    }

    @Test func read_FromAnInteractiveShell_ShowsTheLessonInThePager_AndQReturnsToTheShell() throws {
        let (f, term) = try Self.shell()
        try Self.readWelcomeAndLeaveThePager(term)
        try term.type("y")
        try Self.expectShellIsBack(term)
        withExtendedLifetime(f) {} // the scratch folder the shell works in
    }

    @Test func syllabus_FromAnInteractiveShell_HonoursPAGER() throws {
        let (f, term) = try Self.shell(environment: { f in
            var environment = Self.shellEnvironment(f)
            environment["PAGER"] = "sed s/^/paged:/"
            return environment
        })
        try term.type("'\(CLI.binary)' syllabus intro")
        try term.waitFor("paged:Introduction to Programming")
        try Self.expectShellIsBack(term)
        withExtendedLifetime(f) {} // the scratch folder the shell works in
    }

    @Test func lessonLeftThroughThePager_IsMarkedDoneOnEnter_AndNextMovesOn() throws {
        let (f, term) = try Self.shell()
        try Self.readWelcomeAndLeaveThePager(term)
        try term.type("")
        try term.waitFor("Marked foundations/welcome done.")
        try term.type("'\(CLI.binary)' next --json | grep '\"id\"'")
        try term.waitFor("foundations/listen")
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 1)
    }

    @Test func lessonLeftThroughThePager_AnsweredNo_StaysOpen() throws {
        let (f, term) = try Self.shell()
        try Self.readWelcomeAndLeaveThePager(term)
        try term.type("n")
        try Self.expectShellIsBack(term)
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 0)
    }

    @Test func lessonThatFitsTheScreen_IsPrintedAndMarkedDone() throws {
        let (f, term) = try Self.shell(columns: 100, rows: 60)
        try term.type("'\(CLI.binary)' read welcome")
        try term.waitFor("Marked foundations/welcome done.")
        #expect(try f.count("SELECT count(*) FROM progress WHERE completed = 1") == 1)
    }
}
