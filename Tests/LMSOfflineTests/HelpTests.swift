import Foundation
import LMSTestSupport
import LMSModel
import Testing

@testable import lms_offline

/// `help`: grouped by who uses a command, an example each, both languages; near names only.
struct HelpTests {
    @Test func help_GroupsCommandsByAudience_WithAnExampleEach() {
        let text = Help.text(LMSOffline.commands, language: .english)
        let studying = text.range(of: "Studying (students):")
        let teaching = text.range(of: "Teaching (teachers):")
        #expect(studying != nil && teaching != nil)
        if let studying, let teaching {
            let students = String(text[studying.upperBound..<teaching.lowerBound])
            #expect(students.contains("  read "))
            #expect(!students.contains("  delta "), "authoring tools are not in the student groups")
            #expect(!students.contains("  gradebook "))
        }
        #expect(text.components(separatedBy: "example: lms-offline").count - 1 == Help.groups.count)
        #expect(text.contains("lms-offline \(LMSVersion.current)"))
        // Every visible command is listed once.
        for command in LMSOffline.commands where !command.hidden {
            #expect(text.contains("\n  \(command.name) "), "\(command.name) is listed")
        }
    }

    @Test func help_InSpanish_HasASpanishSummaryForEveryCommand() {
        let text = Help.text(LMSOffline.commands, language: .spanish)
        #expect(text.contains("Estudiar (estudiantes):") && text.contains("ejemplo: lms-offline next"))
        for command in LMSOffline.commands where !command.hidden {
            #expect(Messages.summary(of: command.name, language: .spanish) != nil, "\(command.name) in Spanish")
        }
    }

    @Test func help_ForOneAudience_ShowsOnlyItsGroups() {
        let text = Help.text(LMSOffline.commands, audience: "admin", language: .english)
        #expect(text.contains("Administration (admins):"))
        #expect(!text.contains("Studying (students):"))
    }

    @Test(arguments: [("reed", "read"), ("gardes", "grades"), ("cert", "certificate"), ("sinc", "sync")])
    func unknownCommand_SuggestsANearName(typed: String, meant: String) {
        #expect(Help.suggestion(for: typed, among: LMSOffline.commands.map(\.name)) == meant)
    }

    @Test(arguments: ["zzz", "hello", "x", "teleport"])
    func unknownCommand_FarFromEveryName_SuggestsNothing(typed: String) {
        #expect(Help.suggestion(for: typed, among: LMSOffline.commands.map(\.name)) == nil)
    }

    @Test func versionOfBothPrograms_IsTheOneConstant() throws {
        let result = try CLI.run(["--version"])
        #expect(result.stdout == "lms-offline \(LMSVersion.current)\n")
    }
    @Test func theParsersMistakes_AreSaidInTheReadersLanguage() throws {
        let typo = Arguments.UsageError(.unknownOption("--cvs", suggestion: "csv"))
        #expect(Messages.usage(typo, language: .spanish) == "opción desconocida --cvs (¿quiso decir --csv?)")
        #expect(Messages.usage(typo, language: .english) == "unknown option --cvs (did you mean --csv?)")
        #expect(Messages.usage(Arguments.UsageError(.missing("COURSE")), language: .spanish) == "falta COURSE")
        let own = Arguments.UsageError(description: "a command's own words")
        #expect(Messages.usage(own, language: .spanish) == "a command's own words")
        let s = Scratch()
        let run = try CLI.run(
            ["gradebook", "intro", "--cvs", "f.csv"], in: s.path, environment: ["LC_ALL": "es_ES.UTF-8"])
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "lms-offline gradebook: opción desconocida --cvs (¿quiso decir --csv?)\nuso: lms-offline gradebook"),
            "\(run.stderr)")
    }
}
