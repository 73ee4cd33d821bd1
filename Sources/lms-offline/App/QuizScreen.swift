import Foundation
import LMSModel

/// A quiz: a start screen ("Start? 15 minutes, 1 attempt left"), one question a screen with a
/// navigator, flags, going back to change answers, a running timer, a review and an explicit
/// hand-in. Leaving keeps the attempt open; only the hand-in or the time limit ends it.
struct QuizScreen: AppScreen {
    enum Phase: Sendable, Equatable { case intro, question, review, confirm, result }

    var item: ItemRecord
    var quiz: Quiz
    /// Attempts handed in before this one.
    var attemptsUsed: Int
    /// The attempt being answered (a resumed draft or a new one); nil before it starts.
    var record: AttemptRecord?
    /// An interrupted attempt found when the screen opened.
    var draft: AttemptRecord?
    var phase = Phase.intro
    /// The question on screen (display position) and the cursor among its options.
    var index = 0
    var cursor = 0
    var flagged: Set<String> = []
    var field: TextField?
    /// The review list's cursor.
    var reviewCursor = 0
    /// The clock, moved by ticks.
    var now: Date
    /// What the hand-in produced (score, or that the server grades it).
    var resultLines: [String] = []
    /// Whether styles show (without them, code in a question keeps its backticks).
    var color = true

    init(item: ItemRecord, quiz: Quiz, attemptsUsed: Int, draft: AttemptRecord?, now: Date) {
        self.item = item
        self.quiz = quiz
        self.attemptsUsed = attemptsUsed
        self.draft = draft
        self.now = now
    }

    /// The questions in the attempt's order.
    /// Descriptions (text that takes no answer) are not questions here: each is shown above the
    /// question it introduces (see `introduction(of:)`).
    var questions: [Question] {
        attemptOrder.filter(\.isAnswerable)
    }

    /// Every item of the quiz in the attempt's order, descriptions included.
    var attemptOrder: [Question] {
        let order = record?.questionOrder ?? quiz.questions.map(\.id)
        return order.compactMap { id in quiz.questions.first { $0.id == id } }
    }

    /// The descriptions just before `question` in the attempt's order (they set its scene).
    func introduction(of question: Question) -> [Question] {
        let all = attemptOrder
        guard var i = all.firstIndex(of: question) else { return [] }
        var texts: [Question] = []
        while i > 0, !all[i - 1].isAnswerable {
            texts.insert(all[i - 1], at: 0)
            i -= 1
        }
        return texts
    }

    var shuffle: QuizShuffle? { record.map { QuizShuffle(quiz: quiz, seed: $0.seed) } }

    var attemptsLeft: Int? { quiz.maxAttempts.map { max(0, $0 - attemptsUsed) } }

    /// Seconds left before the time limit; nil for an untimed quiz.
    var secondsLeft: Double? {
        (record?.deadline ?? draft?.deadline).map { $0.timeIntervalSince(now) }
    }

    /// The question on screen while answering.
    var currentQuestion: Question? {
        let questions = questions
        return phase == .question && index < questions.count ? questions[index] : nil
    }

    /// Sets an essay's answer written in the editor (blank clears it).
    mutating func setEssay(_ text: String, for questionID: String) {
        let blank = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        record?.responses[questionID] = blank ? nil : .essay(text)
    }

    /// Begins answering (the runner made or resumed the attempt).
    mutating func begin(_ record: AttemptRecord) {
        self.record = record
        draft = nil
        phase = .question
        index = questions.firstIndex { record.responses[$0.id] == nil } ?? 0
        cursor = 0
    }

    /// Shows the outcome of the hand-in.
    mutating func finish(_ lines: [String]) {
        resultLines = lines
        phase = .result
        field = nil
    }

    var title: String {
        var text = TerminalText.sanitize(quiz.title)
        if let left = secondsLeft, record != nil, phase != .result {
            text += "  ⏱ " + QuizRunner.clock(left)
        }
        return text
    }

    var capturesText: Bool { field != nil }

    mutating func tick(now: Date) -> AppEffect {
        self.now = now
        if let left = secondsLeft, left <= 0, record != nil, [.question, .review, .confirm].contains(phase) {
            return .handIn(timeUp: true)
        }
        return .none
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        switch phase {
        case .intro: return updateIntro(key)
        case .question: return updateQuestion(key)
        case .review: return updateReview(key)
        case .confirm:
            switch key {
            case .char("y"), .char("Y"), .char("s"), .char("S"): return .handIn(timeUp: false)
            case .char("n"), .char("N"), .escape, .char("q"): phase = .review
            default: break
            }
            return .none
        case .result:
            switch key {
            case .char("q"), .escape, .enter, .backspace, .char("h"), .left: return .back
            default: return .none
            }
        }
    }

    private mutating func updateIntro(_ key: Key) -> AppEffect {
        switch key {
        case .enter, .char("y"), .char("s"):
            if draft != nil || attemptsLeft != 0 { return .startAttempt }
            return .none
        case .char("q"), .escape, .char("n"), .backspace, .char("h"), .left: return .back
        default: return .none
        }
    }

    private mutating func updateReview(_ key: Key) -> AppEffect {
        let count = questions.count
        switch key {
        case .char("j"), .down: reviewCursor = min(count - 1, reviewCursor + 1)
        case .char("k"), .up: reviewCursor = max(0, reviewCursor - 1)
        case .char("g"), .home: reviewCursor = 0
        case .char("G"), .end: reviewCursor = max(0, count - 1)
        case .enter, .char("l"), .right:
            index = reviewCursor
            cursor = 0
            phase = .question
        case .char("H"), .char("S"): phase = .confirm
        case .char("q"), .escape, .char("r"), .backspace, .char("h"), .left: phase = .question
        default: break
        }
        return .none
    }

    private mutating func updateQuestion(_ key: Key) -> AppEffect {
        let questions = questions
        guard index < questions.count, var record else { return .none }
        let question = questions[index]
        if var field {
            switch field.handle(key) {
            case .editing: self.field = field
            case .cancelled: self.field = nil
            case .accepted(let text):
                self.field = nil
                if let response = Self.response(text, for: question) {
                    record.responses[question.id] = response
                } else if text.trimmingCharacters(in: .whitespaces).isEmpty {
                    record.responses[question.id] = nil
                } else {
                    self.field = field
                    return .none
                }
                self.record = record
                return .saveAttempt
            }
            return .none
        }
        let optionCount = Self.rowCount(question, shuffle: shuffle)
        switch key {
        case .char("j"), .down: cursor = min(max(0, optionCount - 1), cursor + 1)
        case .char("k"), .up: cursor = max(0, cursor - 1)
        case .char("n"), .right, .char("]"), .char("l"), .tab:
            if index + 1 < questions.count {
                index += 1
                cursor = 0
            } else {
                phase = .review
            }
        case .char("p"), .left, .char("["), .char("h"), .backTab:
            if index > 0 {
                index -= 1
                cursor = 0
            }
        case .char("f"):
            if flagged.contains(question.id) { flagged.remove(question.id) } else { flagged.insert(question.id) }
        case .char("r"):
            reviewCursor = index
            phase = .review
        case .char("H"), .char("S"): phase = .confirm
        case .char("E"):
            if case .essay = question.body { return .editEssay }
        case .char("q"), .escape: return .back
        case .char(let c) where c.wholeNumberValue.map { (1...9).contains($0) } ?? false:
            guard let n = c.wholeNumberValue else { return .none }
            return answer(question, option: n - 1, record: &record)
        case .char(" "), .enter:
            if case .matching = question.body, key == .enter { return .none }
            return answer(question, option: cursor, record: &record)
        case .char("x"), .delete:
            if case .matching(let pairs) = question.body {
                let lefts = pairs.filter { !$0.left.isEmpty }.map(\.left)
                if cursor < lefts.count, case .matches(var m) = record.responses[question.id] {
                    m[lefts[cursor]] = nil
                    record.responses[question.id] = m.isEmpty ? nil : .matches(m)
                    self.record = record
                    return .saveAttempt
                }
            }
        default: break
        }
        return .none
    }

    /// Answers with the option at a display position (or, for text answers, opens the field).
    private mutating func answer(_ question: Question, option: Int, record: inout AttemptRecord) -> AppEffect {
        let order = shuffle?.options(of: question) ?? []
        switch question.body {
        case .single:
            guard option < order.count else { return .none }
            record.responses[question.id] = .choice(order[option])
            cursor = option
        case .multiple:
            guard option < order.count else { return .none }
            var picked: Set<Int> = []
            if case .choices(let list) = record.responses[question.id] { picked = Set(list) }
            if picked.contains(order[option]) { picked.remove(order[option]) } else { picked.insert(order[option]) }
            record.responses[question.id] = picked.isEmpty ? nil : .choices(picked.sorted())
            cursor = option
        case .trueFalse:
            guard option < 2 else { return .none }
            record.responses[question.id] = .bool(option == 0)
            cursor = option
        case .matching(let pairs):
            // The key gives the option for the row under the cursor; each option once.
            let lefts = pairs.filter { !$0.left.isEmpty }.map(\.left)
            let rights = QuizShuffle.rightItems(pairs)
            guard option < order.count, cursor < lefts.count else { return .none }
            var matches: [String: String] = [:]
            if case .matches(let m) = record.responses[question.id] { matches = m }
            let right = rights[order[option]]
            for (left, value) in matches where value == right && left != lefts[cursor] { matches[left] = nil }
            matches[lefts[cursor]] = right
            record.responses[question.id] = .matches(matches)
            cursor = min(lefts.count - 1, cursor + 1)
        case .description:
            return .none
        case .short, .numeric, .essay:
            var field = TextField(prompt: AppText.quizAnswerPrompt.text)
            switch record.responses[question.id] {
            case .text(let t), .essay(let t): field.text = t
            case .number(let n): field.text = JSONWriter.number(n)
            default: break
            }
            self.field = field
            return .none
        }
        self.record = record
        return .saveAttempt
    }

    /// A typed answer as a response; nil when it does not fit the question (a number expected).
    static func response(_ text: String, for question: Question) -> Response? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        switch question.body {
        case .numeric:
            return Double(trimmed.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? .number($0) : nil }
        case .essay: return .essay(text)
        default: return .text(trimmed)
        }
    }

    /// How many rows the cursor moves over in a question.
    static func rowCount(_ question: Question, shuffle: QuizShuffle?) -> Int {
        switch question.body {
        case .single(let c), .multiple(let c): return c.count
        case .trueFalse: return 2
        case .matching(let pairs): return pairs.filter { !$0.left.isEmpty }.count
        default: return 1
        }
    }
}
