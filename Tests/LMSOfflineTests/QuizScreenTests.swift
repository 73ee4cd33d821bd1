import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// The quiz screen driven by keys: start, answer, navigate, flag, review, hand in; leaving keeps
/// the attempt; the timer hands in at the limit.
struct QuizScreenTests {
    let size = ScreenSize(width: 70, height: 24)
    let start = Date(timeIntervalSince1970: 1_000_000)

    func makeQuiz(mode: Quiz.Mode = .exam, minutes: Double? = 15, maxAttempts: Int? = 1) -> Quiz {
        Quiz(
            id: "u/exam", title: "Exam", mode: mode, timeLimitMinutes: minutes, maxAttempts: maxAttempts,
            questions: [
                Question(
                    id: "q1", text: "2 + 2 = ?",
                    body: .single(choices: [Choice(text: "3", fraction: 0), Choice(text: "4", fraction: 1)])),
                Question(id: "q2", text: "Name the keyword", body: .short(answers: [ShortAnswer(text: "def")])),
                Question(
                    id: "q3", text: "Match",
                    body: .matching(pairs: [MatchPair(left: "Int", right: "42"), MatchPair(left: "String", right: "hi")]
                    )),
                Question(id: "q4", text: "Pi?", body: .numeric(answers: [NumericAnswer(value: 3.14, tolerance: 0.01)]))
            ])
    }

    func makeScreen(_ quiz: Quiz, used: Int = 0) -> QuizScreen {
        let item = ItemRecord(
            courseID: "c", id: quiz.id, kind: "quiz", moduleID: "u", moduleTitle: "U", title: quiz.title, position: 0,
            path: "u/exam.quiz.json", due: nil, points: nil, removed: false)
        return QuizScreen(item: item, quiz: quiz, attemptsUsed: used, draft: nil, now: start)
    }

    func makeRecord(_ quiz: Quiz) -> AttemptRecord {
        AttemptRecord(
            id: "a1", courseID: "c", courseVersion: "1.0.0", packageID: "p", quizID: quiz.id, mode: quiz.mode.rawValue,
            seed: 7, startedAt: start, deadline: quiz.timeLimitMinutes.map { start.addingTimeInterval($0 * 60) },
            submittedAt: nil, questionOrder: quiz.questions.map(\.id), responses: [:], status: "draft")
    }

    func text(_ screen: QuizScreen) -> String { screen.body(size).map(\.text).joined(separator: "\n") }

    @Test func intro_SaysTimeAndAttempts_AndEnterStarts() {
        var screen = makeScreen(makeQuiz())
        #expect(text(screen).contains("4 questions · exam · 15 minutes · 1 attempt left"))
        #expect(text(screen).contains("Start? Enter starts"))
        #expect(screen.update(.enter, size: size) == .startAttempt)
        var spent = makeScreen(makeQuiz(), used: 1)
        #expect(text(spent).contains("No attempts left."))
        #expect(spent.update(.enter, size: size) == .none)
    }

    @Test func intro_OfAnExam_SaysWhenMarksCome_AndFoldsToANarrowScreen() {
        let narrow = ScreenSize(width: 40, height: 20)
        let exam = makeScreen(makeQuiz())
        let lines = exam.body(narrow).map(\.text)
        #expect(
            lines.joined(separator: " ").contains(
                "Marks come when the teacher releases the review, not at the hand-in."))
        #expect(lines.allSatisfy { $0.count <= 40 }, "folded at spaces, not cut: \(lines)")
        var never = makeQuiz(mode: .practice)
        never.review = .never
        #expect(text(makeScreen(never)).contains("This quiz does not show marks to students."))
        #expect(!text(makeScreen(makeQuiz(mode: .practice))).contains("Marks come"), "a practice quiz shows its score")
        var handedIn = makeScreen(makeQuiz())
        handedIn.finish(["Handed in.", "", "Handed in; marks when the teacher releases the review."])
        let result = handedIn.body(narrow).map(\.text)
        #expect(result.contains("Handed in; marks when the teacher"), "\(result)")
        #expect(result.contains("releases the review."), "the rest on the next line, not cut with …")
    }

    @Test func theResultOfAWithheldQuiz_SaysWhenMarksCome_WithoutHandedInTwice() {
        let exam = StudyApp.resultLines(nil, quiz: makeQuiz(), timeUp: false)
        #expect(
            exam == ["Handed in.", "", "Your marks come when the teacher releases the review; sync then to see them."])
        var never = makeQuiz(mode: .practice)
        never.review = .never
        #expect(
            StudyApp.resultLines(nil, quiz: never, timeUp: false).last == "This quiz does not show marks to students.")
    }

    @Test func description_IsShownAboveTheQuestionItIntroduces_AndIsNotAQuestion() {
        var quiz = makeQuiz()
        quiz.questions.insert(
            Question(
                id: "d1", text: "Read this: 3 * 4 * 5 and __init__", format: .moodle, points: 0, body: .description),
            at: 1)
        var screen = makeScreen(quiz)
        #expect(text(screen).contains("4 questions"))
        screen.begin(makeRecord(quiz))
        #expect(screen.navigator().text == "1· 2· 3· 4· ")
        #expect(!text(screen).contains("Read this"))
        _ = screen.update(.char("n"), size: size)
        let second = text(screen)
        #expect(second.contains("Read this: 3 * 4 * 5 and __init__"), "Moodle's format keeps * and _ as written")
        #expect(second.contains("Name the keyword"))
        #expect(second.contains("Question 2 of 4"))
    }

    @Test func answering_NavigatorShowsAnsweredAndFlagged() {
        let quiz = makeQuiz()
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        #expect(screen.navigator().text == "1· 2· 3· 4· ")
        // The choices show in the attempt's order; pressing the number of "4" picks it.
        let lines = screen.body(size).map(\.text)
        let four = lines.first { $0.hasSuffix(". 4") }.flatMap { $0.split(separator: ".").first?.last }
        #expect(screen.update(.char(four ?? "1"), size: size) == .saveAttempt)
        #expect(screen.record?.responses["q1"] == .choice(1))
        _ = screen.update(.char("f"), size: size)
        #expect(screen.navigator().text == "1⚑ 2· 3· 4· ")
        #expect(text(screen).contains("flagged"))
        _ = screen.update(.char("n"), size: size)
        #expect(screen.navigator().highlight == 3..<5)
        // A text answer: Enter opens the field, keys are typed (q too), Enter saves.
        _ = screen.update(.enter, size: size)
        #expect(screen.capturesText)
        for c in "deq" { _ = screen.update(.char(c), size: size) }
        _ = screen.update(.backspace, size: size)
        _ = screen.update(.char("f"), size: size)
        #expect(screen.update(.enter, size: size) == .saveAttempt)
        #expect(screen.record?.responses["q2"] == .text("def"))
        // Back to change the first answer.
        _ = screen.update(.char("p"), size: size)
        #expect(screen.index == 0)
    }

    @Test func matching_UsesEachOptionOnce() {
        let quiz = makeQuiz()
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        _ = screen.update(.char("n"), size: size)
        _ = screen.update(.char("n"), size: size)
        #expect(text(screen).contains("Int     →  ___"))
        _ = screen.update(.char("1"), size: size)
        _ = screen.update(.char("1"), size: size) // the same option for String takes it from Int
        guard case .matches(let matches) = screen.record?.responses["q3"] else {
            Issue.record("no matching answer")
            return
        }
        #expect(matches.count == 1)
        #expect(matches["String"] != nil)
    }

    @Test func numericAnswer_RefusesText_AcceptsCommaDecimal() {
        let quiz = makeQuiz()
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        screen.index = 3
        _ = screen.update(.enter, size: size)
        for c in "abc" { _ = screen.update(.char(c), size: size) }
        #expect(screen.update(.enter, size: size) == .none)
        #expect(screen.capturesText)
        _ = screen.update(.ctrl("u"), size: size)
        for c in "3,14" { _ = screen.update(.char(c), size: size) }
        #expect(screen.update(.enter, size: size) == .saveAttempt)
        #expect(screen.record?.responses["q4"] == .number(3.14))
    }

    @Test func handIn_NeedsReviewThenConfirmation_LeavingKeepsTheAttempt() {
        let quiz = makeQuiz()
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        _ = screen.update(.char("r"), size: size)
        #expect(screen.phase == .review)
        #expect(text(screen).contains("Review: 0 of 4 answered"))
        _ = screen.update(.char("H"), size: size)
        #expect(screen.phase == .confirm)
        #expect(text(screen).contains("4 unanswered. Hand in now?"))
        #expect(screen.update(.char("n"), size: size) == .none)
        #expect(screen.phase == .review)
        _ = screen.update(.char("H"), size: size)
        #expect(screen.update(.char("y"), size: size) == .handIn(timeUp: false))
        // q and Esc leave the quiz without handing in.
        var other = makeScreen(quiz)
        other.begin(makeRecord(quiz))
        #expect(other.update(.char("q"), size: size) == .back)
        #expect(other.update(.escape, size: size) == .back)
    }

    @Test func timer_ShowsTimeLeft_AndHandsInAtTheLimit() {
        let quiz = makeQuiz()
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        #expect(screen.tick(now: start.addingTimeInterval(60)) == .none)
        #expect(screen.title == "Exam  ⏱ 14:00")
        #expect(screen.tick(now: start.addingTimeInterval(15 * 60)) == .handIn(timeUp: true))
    }

    @Test func practice_ShowsFeedbackOnceAnswered() {
        let quiz = makeQuiz(mode: .practice, minutes: nil, maxAttempts: nil)
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        #expect(!text(screen).contains("Right"))
        let order = screen.shuffle?.options(of: quiz.questions[0]) ?? []
        let wrong = (order.firstIndex(of: 0) ?? 0) + 1
        _ = screen.update(.char(Character(String(wrong))), size: size)
        #expect(text(screen).contains("Not right."))
    }

    @Test func essay_E_AsksForTheEditor_AndItsTextIsTheAnswer() {
        var quiz = makeQuiz()
        quiz.questions.append(Question(id: "q5", text: "Explain", body: .essay))
        var screen = makeScreen(quiz)
        screen.begin(makeRecord(quiz))
        #expect(screen.update(.char("E"), size: size) == .none, "E is for essays only")
        screen.index = 4
        #expect(text(screen).contains("E writes it in $EDITOR"))
        #expect(screen.update(.char("E"), size: size) == .editEssay)
        screen.setEssay("Line one.\nLine two.\n", for: "q5")
        #expect(screen.record?.responses["q5"] == .essay("Line one.\nLine two.\n"))
        screen.setEssay("  \n", for: "q5")
        #expect(screen.record?.responses["q5"] == nil)
    }
}
