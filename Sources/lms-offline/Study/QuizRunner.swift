import Foundation
import LMSModel

/// Runs a quiz attempt on the terminal, a question at a time, as line-based prompts that work
/// in any terminal or pseudo-terminal: numbered choices (`2`, or `1,3` for several), `t`/`f`
/// (Spanish `v`/`f`), text, numbers, matching as one `left → number` prompt per left item, and
/// essays ended by a line holding only `.`; then an explicit hand-in question. Each answer is saved in the draft as it is given;
/// questions already answered in a resumed draft are skipped. The time limit is kept by the
/// program: the prompt is interrupted when it runs out.
final class QuizRunner {
    /// How an interactive run ended.
    enum Outcome { case finished, keptOpen, timeUp, endOfInput }

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
        let answerable = questions.filter(\.isAnswerable)
        for question in questions where record.responses[question.id] == nil {
            if let deadline = record.deadline, deadline <= Date() { return (.timeUp, record) }
            guard let index = answerable.firstIndex(of: question) else {
                // A description: text that sets the scene for the questions after it.
                console.out("")
                show(question.text, format: question.format)
                continue
            }
            var header = Messages.t(
                .questionHeader, index + 1, answerable.count, Messages.count(.countPoints, question.points))
            if let deadline = record.deadline {
                header += "  " + Messages.t(.timeLeft, Self.clock(deadline.timeIntervalSinceNow))
            }
            console.out("\n" + console.paint(header, .bold))
            show(question.text, format: question.format)
            guard let response = try ask(question) else {
                if let deadline = record.deadline, deadline <= Date() { return (.timeUp, record) }
                return (.endOfInput, record)
            }
            record.responses[question.id] = response
            try store.save(record)
            if quiz.isScoredOnDevice {
                showFeedback(Grader.grade(question, response: response), format: question.format)
            }
        }
        return handIn()
    }

    /// Asks before handing in (the attempt stays open on "n"); the time limit still applies.
    private func handIn() -> (Outcome, AttemptRecord) {
        for _ in 0..<ClientLimits.maximumPromptRetries {
            console.out("")
            FileHandle.standardOutput.write(Data(Messages.t(.handInPrompt, record.responses.count).utf8))
            switch reader.readLine(until: record.deadline) {
            case .line(let raw):
                switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
                case "", "y", "yes", "s", "si", "sí": return (.finished, record)
                case "n", "no": return (.keptOpen, record)
                default: continue
                }
            case .timedOut:
                console.out("")
                return (.timeUp, record)
            case .endOfInput:
                return (.endOfInput, record)
            }
        }
        return (.keptOpen, record)
    }

    /// Prints text written in `format` through the terminal renderer (GIFT's default format keeps
    /// `3 * 4 * 5`, `__init__` and line breaks as written; `[html]` goes through the HTML subset).
    private func show(_ text: String, format: TextFormat) {
        let renderer = MarkdownTerminalRenderer(width: min(width, LessonView.maximumWidth), color: console.useColor)
        renderer.render(QuestionText.document(text, format: format)).text(color: console.useColor).forEach {
            console.out($0)
        }
    }

    /// Reads one answer, asking again until it is understood; nil at end of input or time up.
    private func ask(_ question: Question) throws -> Response? {
        let options = shuffle.options(of: question)
        switch question.body {
        case .single(let choices), .multiple(let choices):
            for (n, index) in options.enumerated() {
                wrapped(choices[index].text, format: question.format, prefix: "  \(n + 1)) ").forEach {
                    console.out($0)
                }
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
            let repeats = QuizShuffle.allowsRepeatedOptions(pairs)
            var matches: [String: String] = [:]
            for pair in pairs where !pair.left.isEmpty {
                while matches[pair.left] == nil {
                    guard
                        let answer = prompt(
                            .matchPrompt, TerminalText.sanitize(QuestionText.plain(pair.left, format: question.format)),
                            parse: { text -> Response? in
                                guard let n = Int(text), (1...options.count).contains(n) else { return nil }
                                return .text(rights[options[n - 1]])
                            }), case .text(let right) = answer
                    else { return nil }
                    if !repeats, let earlier = matches.first(where: { $0.value == right })?.key {
                        console.out(
                            Messages.t(.matchUsedOnce, TerminalText.sanitize(right), TerminalText.sanitize(earlier)))
                    } else {
                        matches[pair.left] = right
                    }
                }
            }
            return .matches(matches)
        case .description:
            return nil
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

    private func showFeedback(_ result: QuestionResult, format: TextFormat) {
        if result.needsManualGrading {
            console.out(Messages.t(.essayPending))
            return
        }
        let (key, color): (MessageKey, Console.Color) =
            result.fraction >= 1
            ? (.feedbackRight, .green) : result.fraction > 0 ? (.feedbackPartial, .yellow) : (.feedbackWrong, .red)
        let verdict = Messages.t(key)
        let feedback = result.feedback.map { QuestionText.plain($0, format: format) }.joined(separator: " ")
        guard !feedback.isEmpty else { return console.out(console.paint(verdict, color)) }
        let lines = wrapped(feedback, format: .plain, prefix: "", indent: DisplayWidth.of(verdict) + 1)
        for (index, line) in lines.enumerated() {
            console.out(index == 0 ? console.paint(verdict, color) + " " + line.drop { $0 == " " } : line)
        }
    }

    /// `text` wrapped to the width, the first line after `prefix`, the others indented under it.
    private func wrapped(_ text: String, format: TextFormat, prefix: String, indent: Int? = nil) -> [String] {
        let indent = indent ?? DisplayWidth.of(prefix)
        let paragraph = MarkdownDocument(blocks: [
            MarkdownBlock(.paragraph(QuestionText.inlines(text, format: format)), line: 1)
        ])
        let renderer = MarkdownTerminalRenderer(width: width - indent, color: console.useColor)
        var lines = renderer.render(paragraph).text(color: console.useColor)
        while lines.last?.isEmpty == true { lines.removeLast() }
        let padding = String(repeating: " ", count: indent)
        return lines.enumerated().map { ($0.offset == 0 ? (prefix.isEmpty ? padding : prefix) : padding) + $0.element }
    }

    /// `m:ss` of a time interval (never negative).
    static func clock(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        return "\(s / 60):\(String(format: "%02d", s % 60))"
    }
}
