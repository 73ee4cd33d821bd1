import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// The `lms-offline` program: dispatches a command and turns errors into messages and exit codes
/// (0 success, 1 failure or invalid input, 2 usage mistake).
enum LMSOffline {
    /// SQLite's result code for a full disk (`SQLITE_FULL`).
    static let sqliteFull: Int32 = 13

    /// The program's version.
    static let version = LMSVersion.current

    /// A command: its name, one-line summary, usage, and what it runs.
    struct Command: Sendable {
        var name: String
        var summary: String
        var usage: String
        var flags: Set<String> = []
        var options: Set<String> = []
        var run: @Sendable (Arguments, Console) throws -> Int32
        /// Hidden commands (benchmarks and tests) are not listed by `help`.
        var hidden = false
    }

    /// Every command, in the order `help` lists them.
    static let commands: [Command] =
        CourseCommands.all + InstallCommand.all + ProfileCommands.all + StudyCommands.all
        + QuizCommand.all + SubmitCommand.all + ReportCommands.all + SyncCommands.all + PasswordCommand.all
        + DevCommands.all
        + CommunicationCommands.all
        + PublishCommand.all + RosterCommands.all + AdminCommands.all + CalendarCommand.all
        + GradingCommands.all
        + RenderCommand.all
        + ExportCommand.all
        + StudyApp.all

    /// Runs the program with `args` (without the program name) and returns the exit status.
    static func run(_ args: [String]) -> Int32 {
        let console = Console.current()
        // On a terminal that can draw a screen, `lms-offline` alone opens the study app.
        if args.isEmpty, StudyApp.canRun(ProcessInfo.processInfo.environment) { return run(["study"]) }
        guard let name = args.first, name != "help", name != "--help", name != "-h" else {
            if args.count > 1, let command = commands.first(where: { $0.name == args[1] }) {
                console.out("usage: \(command.usage)\n\n\(Messages.summary(of: command.name) ?? command.summary)")
            } else if args.count > 1, Help.groups.contains(where: { $0.audience == args[1] }) {
                console.out(Help.text(commands, audience: args[1]))
            } else {
                console.out(help)
            }
            return 0
        }
        if name == "--version" || name == "version" {
            console.out("lms-offline \(version)")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            let hint = Help.suggestion(for: name, among: commands.filter { !$0.hidden }.map(\.name))
            console.err(
                "lms-offline: "
                    + Messages.t(.unknownCommand, name, hint.map { Messages.t(.unknownCommandHint, $0) } ?? ""))
            return 2
        }
        do {
            // `--home DIR` chooses the data folder for every command.
            let parsed = try Arguments(
                Array(args.dropFirst()), flags: command.flags.union(["help"]),
                options: command.options.union([ClientContext.homeOption]), shortNames: ["o": "output", "h": "help"])
            if parsed.has("help") {
                console.out("\(Messages.t(.usageWord)) \(command.usage)\n\n\(command.summary)")
                return 0
            }
            return try command.run(parsed, console)
        } catch let error as DatabaseError where error.resultCode == LMSOffline.sqliteFull {
            // SQLite ran out of disk: the transaction rolled back, so nothing stored was lost.
            console.err("lms-offline \(name): \(Messages.t(.diskFull, "store.sqlite"))")
            return 1
        } catch let error as Arguments.UsageError {
            console.err("lms-offline \(name): \(Messages.usage(error))\n\(Messages.t(.usageWord)) \(command.usage)")
            return 2
        } catch {
            console.err("lms-offline \(name): \(error)")
            return 1
        }
    }

    static var help: String { Help.text(commands) }
}
