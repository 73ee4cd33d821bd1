import Foundation
import LMSModel

/// Runs a quiz attempt on the terminal, a question at a time, as line-based prompts that work
/// in any terminal or pseudo-terminal: numbered choices (`2`, or `1,3` for several), `t`/`f`
/// (Spanish `v`/`f`), text, numbers, matching as one `left → number` prompt per left item, and
/// essays ended by a line holding only `.`. Each answer is saved in the draft as it is given;
/// questions already answered in a resumed draft are skipped. The time limit is kept by the
/// program: the prompt is interrupted when it runs out.
final class QuizRunner {
    /// How an interactive run ended.
    enum Outcome { case finished, timeUp, endOfInput }

    let quiz: Quiz
    let shuffle: QuizShuffle
    let console: Console
    let store: AttemptStore
    let reader = LineReader()
    let width: Int
    private(set) var record: AttemptRecord

    init(quiz: Quiz, record: AttemptRecord, store: AttemptStore, console: Console, width: Int) {
        self.quiz = quiz
        self.record = record
        self.store = store
        self.console = console
        self.width = width
        shuffle = QuizShuffle(quiz: quiz, seed: record.seed)
    }

    /// Asks every unanswered question, saving each answer.
    func run() throws -> (Outcome, AttemptRecord) {
        let questions = record.questionOrder.compactMap { id in quiz.questions.first { $0.id == id } }
        for (index, question) in questions.enumerated() where record.responses[question.id] == nil {
            if let deadline = record.deadline, deadline <= Date() { return (.timeUp, record) }
            var header = Messages.t(.questionHeader, index + 1, questions.count, JSONWriter.number(question.points))
            if let deadline = record.deadline {
                header += "  " + Messages.t(.timeLeft, Self.clock(deadline.timeIntervalSinceNow))
            }
            console.out("\n" + console.paint(header, .bold))
            let renderer = MarkdownTerminalRenderer(width: min(width, LessonView.maximumWidth), color: console.useColor)
            renderer.render(MarkdownParser.parse(question.text)).text(color: console.useColor).forEach {
                console.out($0)
            }
            guard let response = try ask(question) else {
                if let deadline = record.deadline, deadline <= Date() { return (.timeUp, record) }
                return (.endOfInput, record)
            }
            record.responses[question.id] = response
            try store.save(record)
            if quiz.mode == .practice, !quiz.keysRemoved { showFeedback(Grader.grade(question, response: response)) }
        }
        return (.finished, record)
    }

    /// Reads one answer, asking again until it is understood; nil at end of input or time up.
    private func ask(_ question: Question) throws -> Response? {
        let options = shuffle.options(of: question)
        switch question.body {
        case .single(let choices), .multiple(let choices):
            for (n, index) in options.enumerated() {
                console.out("  \(n + 1)) \(TerminalText.sanitize(choices[index].text))")
            }
            let many = question.kind == .multiple
            return prompt(many ? .chooseMany : .chooseOne) { text in
                let numbers = text.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
                guard !numbers.isEmpty, numbers.allSatisfy({ $0.map { (1...options.count).contains($0) } ?? false }),
                    many || numbers.count == 1
                else { return nil }
                let picked = numbers.compactMap { $0 }.map { options[$0 - 1] }
                return many ? .choices(Array(Set(picked)).sorted()) : .choice(picked[0])
            }
        case .trueFalse:
            return prompt(.answerTrueFalse) { text in
                switch text.lowercased() {
                case "t", "true", "v", "verdadero", "y", "yes", "s", "si", "sí": return .bool(true)
                case "f", "false", "falso", "n", "no": return .bool(false)
                default: return nil
                }
            }
        case .short:
            return prompt(.answerText) { $0.isEmpty ? nil : .text($0) }
        case .numeric:
            return prompt(.answerNumber) { text in
                Double(text.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? .number($0) : nil }
            }
        case .matching(let pairs):
            let rights = QuizShuffle.rightItems(pairs)
            for (n, index) in options.enumerated() {
                console.out("  \(n + 1)) \(TerminalText.sanitize(rights[index]))")
            }
            var matches: [String: String] = [:]
            for pair in pairs where !pair.left.isEmpty {
                guard
                    let answer = prompt(
                        .matchPrompt, pair.left,
                        parse: { text -> Response? in
                            guard let n = Int(text), (1...options.count).contains(n) else { return nil }
                            return .text(rights[options[n - 1]])
                        }), case .text(let right) = answer
                else { return nil }
                matches[pair.left] = right
            }
            return .matches(matches)
        case .essay:
            console.out(Messages.t(.answerEssay))
            var lines: [String] = []
            while lines.count < ClientLimits.maximumEssayLines {
                switch reader.readLine(until: record.deadline) {
                case .line(let line):
                    if line.trimmingCharacters(in: .whitespaces) == "." { return .essay(lines.joined(separator: "\n")) }
                    lines.append(line)
                case .timedOut:
                    // Time is up mid-essay: what was typed so far counts.
                    if !lines.isEmpty { record.responses[question.id] = .essay(lines.joined(separator: "\n")) }
                    return nil
                case .endOfInput: return nil
                }
            }
            return .essay(lines.joined(separator: "\n"))
        }
    }

    /// Prompts until `parse` accepts a line; nil at end of input or when time runs out.
    private func prompt(_ key: MessageKey, _ args: CustomStringConvertible..., parse: (String) -> Response?)
        -> Response?
    {
        while true {
            FileHandle.standardOutput.write(Data(Messages.text(key, args.map(\.description)).utf8))
            switch reader.readLine(until: record.deadline) {
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if let response = parse(text) { return response }
                console.out(Messages.t(.invalidAnswer, text))
            case .timedOut:
                console.out("")
                return nil
            case .endOfInput:
                return nil
            }
        }
    }

    private func showFeedback(_ result: QuestionResult) {
        if result.needsManualGrading {
            console.out(Messages.t(.essayPending))
            return
        }
        let verdict: String
        if result.fraction >= 1 {
            verdict = console.paint(Messages.t(.feedbackRight), .green)
        } else if result.fraction > 0 {
            verdict = console.paint(Messages.t(.feedbackPartial), .yellow)
        } else {
            verdict = console.paint(Messages.t(.feedbackWrong), .red)
        }
        console.out(([verdict] + result.feedback.map(TerminalText.sanitize)).joined(separator: " "))
    }

    /// `m:ss` of a time interval (never negative).
    static func clock(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        return "\(s / 60):\(String(format: "%02d", s % 60))"
    }
}
