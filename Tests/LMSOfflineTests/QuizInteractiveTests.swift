import Foundation
import Testing

/// The quiz on a pseudo-terminal, as a person takes it: reading the (shuffled) screen, typing answers,
/// pressing Ctrl-C, resuming, running out of time.
@Suite(.enabled(if: TerminalSession.isAvailable))
struct QuizInteractiveTests {
    /// The number shown beside `choice` in the last listing on screen.
    static func number(of choice: String, in lines: [String]) -> String? {
        for line in lines.reversed() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let paren = trimmed.firstIndex(of: ")"),
                trimmed[trimmed.index(after: paren)...].trimmingCharacters(in: .whitespaces) == choice
            {
                return String(trimmed[..<paren])
            }
        }
        return nil
    }

    /// Answers questions 1 to 5 of the past course's unshuffled "all" quiz.
    static func answerTheFirstFive(_ term: TerminalSession) throws {
        try term.waitFor("Your answer (a number): ")
        try term.type("2")
        try term.waitFor("Your answers (numbers separated by commas): ")
        try term.type("1,3")
        try term.waitFor("True or false? [t/f]: ")
        try term.type("t")
        try term.waitFor("Your answer: ")
        try term.type("def")
        try term.waitFor("Your answer (a number): ", count: 2)
        try term.type("3.14")
    }

    /// A data folder with the past course installed and the profile "ana".
    static func pastCourse() throws -> ClientFixture {
        let f = ClientFixture()
        try f.installPast()
        try f.addProfile("ana")
        return f
    }

    /// `lms-offline quiz <quiz>` on a terminal of its own in `f`'s folder.
    static func quiz(_ quiz: String, in f: ClientFixture) throws -> TerminalSession {
        try TerminalSession(["quiz", quiz], environment: f.environment, directory: f.scratch.path)
    }

    /// Starts the "all" quiz again and answers `answer` to "Resume your attempt started at …?".
    static func resumeAll(in f: ClientFixture, answering answer: String) throws -> TerminalSession {
        let term = try quiz("all", in: f)
        try term.waitFor("Resume your attempt started at ")
        try term.type(answer)
        return term
    }

    /// Past the "Int → " prompt of the "all" quiz: matches Int with 2 and String with 1, writes "." as the
    /// essay, and waits for the hand-in question.
    static func finishTheMatchAndTheEssay(_ term: TerminalSession) throws {
        try term.type("2")
        try term.waitFor("String → ")
        try term.type("1")
        try term.waitFor("(.)")
        try term.type(".")
        try term.waitFor("Hand in your attempt now? [Y/n]")
    }

    @Test func wholeShuffledQuiz_AnsweredAtTheKeyboard_ShowsFeedbackAndScore() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let term = try TerminalSession(["quiz", "check"], environment: f.environment, directory: f.scratch.path)
        try term.waitFor("Check your understanding: 7 questions, practice, 10 min, attempt 1 of 2")
        for n in 1...7 {
            let lines = try term.waitFor("Question \(n) of 7")
            var screen = lines
            // Wait for the prompt of this question.
            let deadline = Date().addingTimeInterval(TerminalSession.timeout)
            while Date() < deadline,
                !(screen.last { !$0.isEmpty } ?? "").hasSuffix(":")
                    && !(screen.last { !$0.isEmpty } ?? "").contains("→")
                    && !(screen.last { !$0.isEmpty } ?? "").contains("(.)")
            {
                usleep(50_000)
                screen = try term.screen()
            }
            let question = Array(screen[(screen.lastIndex { $0.contains("Question \(n) of 7") } ?? 0)...])
            let text = question.joined(separator: "\n")
            #expect(text.contains("[9:") || text.contains("[10:"), "the time left is shown")
            if text.contains("2 + 2") {
                try term.type(try #require(Self.number(of: "4", in: question)))
            } else if text.contains("Pick the even numbers") {
                try term.type(
                    "\(try #require(Self.number(of: "2", in: question))),\(try #require(Self.number(of: "4", in: question)))"
                )
            } else if text.contains("zero times") {
                try term.type("t")
            } else if text.contains("Keyword") {
                try term.type("def")
            } else if text.contains("pi") {
                try term.type("3.14")
            } else if text.contains("Match the type") {
                try term.waitFor("Int → ")
                try term.type(try #require(Self.number(of: "42", in: question)))
                try term.waitFor("String → ")
                try term.type(try #require(Self.number(of: "\"hi\"", in: question)))
            } else {
                #expect(text.contains("Explain recursion"))
                try term.type("A function that calls itself")
                try term.type("until a base case stops it.")
                try term.type(".")
            }
        }
        try term.waitFor("7 answered. Hand in your attempt now? [Y/n]")
        try term.type("")
        let end = try term.waitFor("Score: 7 / 12 (58%)")
        let all = end.joined(separator: "\n")
        #expect(all.contains("Right. Yes."), "immediate feedback in practice mode")
        #expect(all.contains("Essay answers wait for the teacher's grade."))
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'attempt'") == 1)
    }

    @Test func ctrlC_LeavesTheDraft_AndTheAttemptResumesWhereItStopped() throws {
        let f = try Self.pastCourse()
        do {
            let term = try Self.quiz("all", in: f)
            try term.waitFor("Your answer (a number): ")
            try term.type("2")
            try term.waitFor("Your answers (numbers separated by commas): ")
            try term.type("1,3")
            try term.waitFor("True or false? [t/f]: ")
            try term.press("C-c")
            try term.waitFor("Interrupted: your answers are saved; run lms-offline quiz unit/all to resume.")
        }
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'draft'") == 1)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0, "no outbox entry before submission")
        let term = try Self.resumeAll(in: f, answering: "y")
        let resumed = try term.waitFor("True or false? [t/f]: ")
        #expect(resumed.contains { $0.contains("Question 3 of 7") })
        #expect(!resumed.contains { $0.contains("Question 1 of 7") }, "answered questions are not asked again")
        try term.type("v")
        try term.waitFor("Your answer: ")
        try term.type("def")
        try term.waitFor("Your answer (a number): ")
        try term.type("3,14")
        let matching = try term.waitFor("Int → ")
        #expect(Self.number(of: "42", in: matching) == "2", "options are never in answer order")
        try Self.finishTheMatchAndTheEssay(term)
        try term.type("y")
        try term.waitFor("Score: 7 / 9 (78%)")
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'graded'") == 1)
    }

    @Test func timeLimit_SubmitsTheAttemptAsItStands() throws {
        let f = try Self.pastCourse()
        let term = try Self.quiz("quick", in: f)
        try term.waitFor("[0:0")
        try term.type("yes")
        try term.waitFor("Question 2 of 2")
        // No answer: the program keeps the time and submits when it runs out (6 seconds).
        try term.waitFor("Time is up: the attempt is submitted as it stands.")
        try term.waitFor("Score: 1 / 2 (50%)")
    }

    @Test func decliningToResume_LeavesTheAttemptOpen_AndOnlyTheHandInEndsIt() throws {
        let f = try Self.pastCourse()
        do {
            let term = try Self.quiz("all", in: f)
            try term.waitFor("Your answer (a number): ")
            try term.press("C-c")
            try term.waitFor("Interrupted")
        }
        do {
            let term = try Self.resumeAll(in: f, answering: "n")
            try term.waitFor("Your attempt stays open (no time limit): run lms-offline quiz all to go on")
        }
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'draft'") == 1)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0, "declining hands nothing in")
        // Answering every question and then "n" at the hand-in keeps it open too.
        let term = try Self.resumeAll(in: f, answering: "y")
        try Self.answerTheFirstFive(term)
        try term.waitFor("Int → ")
        try Self.finishTheMatchAndTheEssay(term)
        try term.type("n")
        try term.waitFor("Your attempt stays open")
        #expect(try f.count("SELECT count(*) FROM attempts WHERE status = 'draft'") == 1)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0)
    }

    @Test func matchingOption_UsedTwice_IsRefusedWithAReason() throws {
        let f = try Self.pastCourse()
        let term = try Self.quiz("all", in: f)
        try Self.answerTheFirstFive(term)
        try term.waitFor("Int → ")
        try term.type("2")
        try term.waitFor("String → ")
        try term.type("2")
        try term.waitFor("\"42\" is already matched with Int: each option is used once here; pick another")
        try term.waitFor("String → ", count: 2)
        try term.type("1")
        try term.waitFor("(.)")
    }
}
