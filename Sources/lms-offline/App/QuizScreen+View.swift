import Foundation
import LMSModel

extension QuizScreen {
    var hints: [KeyHelp] {
        if field != nil { return [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyCancel)] }
        switch phase {
        case .intro: return [KeyHelp("Enter", .keyStartQuiz), KeyHelp("q", .keyBack)]
        case .question:
            return [
                KeyHelp("1-9 Space", .keyAnswer), KeyHelp("n/p", .keyNextPrevious), KeyHelp("f", .keyFlag),
                KeyHelp("r", .keyReview), KeyHelp("q", .keyLeaveQuiz)
            ]
        case .review: return [KeyHelp("Enter", .keyOpen), KeyHelp("H", .keyHandIn), KeyHelp("q", .keyBack)]
        case .confirm: return [KeyHelp(Self.yesKey, .keyHandIn), KeyHelp("n", .keyCancel)]
        case .result: return [KeyHelp("q", .keyBack)]
        }
    }

    /// The key that says yes in the reader's language (`s`, sí, in Spanish: the prompt says so; `y` works too).
    static var yesKey: String { Language.current == .spanish ? "s" : "y" }

    var keys: [KeyHelp] {
        [
            KeyHelp("Enter", .keyStartQuiz), KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("1-9", .keyAnswer),
            KeyHelp("Space/Enter", .keyAnswer), KeyHelp("x", .keyClear), KeyHelp("n → ]", .keyNextQuestion),
            KeyHelp("p ← [", .keyPreviousQuestion), KeyHelp("f", .keyFlag), KeyHelp("r", .keyReview),
            KeyHelp("E", .keyEdit), KeyHelp("H", .keyHandIn), KeyHelp("q Esc", .keyLeaveQuiz)
        ]
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        switch phase {
        case .intro: return Self.folded(introLines(), width: size.width)
        case .question: return questionLines(size)
        case .review, .confirm: return reviewLines(size)
        case .result: return Self.folded(resultLines.map { ScreenLine($0) }, width: size.width)
        }
    }

    /// Lines of prose folded at spaces to the screen's width (a narrow terminal cut them with "…"),
    /// each continuation in the style of its line.
    static func folded(_ lines: [ScreenLine], width: Int) -> [ScreenLine] {
        lines.flatMap { line -> [ScreenLine] in
            let parts = LineWrap.fold(line.text, width: width, indent: 0)
            guard parts.count > 1 else { return [line] }
            let style = line.spans.first?.style ?? []
            return parts.map { ScreenLine($0, style: style) }
        }
    }

    private func introLines() -> [ScreenLine] {
        var lines = [ScreenLine(TerminalText.sanitize(quiz.title), style: .bold), ScreenLine("")]
        var facts = [AppText.quizQuestions.t(quiz.questions.filter(\.isAnswerable).count)]
        facts.append(quiz.mode == .exam ? AppText.quizExam.text : AppText.quizPractice.text)
        if let minutes = quiz.timeLimitMinutes { facts.append(AppText.quizMinutes.t(JSONWriter.number(minutes))) }
        if let left = attemptsLeft {
            facts.append(left == 1 ? AppText.quizAttemptLeftOne.text : AppText.quizAttemptsLeft.t(left))
        }
        lines.append(ScreenLine(facts.joined(separator: " · ")))
        lines.append(ScreenLine(""))
        if let draft {
            var text = AppText.quizResume.t(ProgressText.date(draft.startedAt), draft.responses.count)
            if let left = secondsLeft { text += " " + AppText.quizTimeLeft.t(QuizRunner.clock(left)) }
            lines.append(ScreenLine(text))
            lines.append(ScreenLine(AppText.quizResumeKeys.text, style: .bold))
        } else if attemptsLeft == 0 {
            lines.append(ScreenLine(AppText.quizNoAttempts.text, style: .bold))
        } else {
            if quiz.timeLimitMinutes != nil { lines.append(ScreenLine(AppText.quizTimedNote.text)) }
            // Said before the start, not only after the hand-in: no score will show then.
            switch quiz.reviewPolicy {
            case .afterAttempt: break
            case .afterClose: lines.append(ScreenLine(AppText.quizMarksAtReview.text))
            case .never: lines.append(ScreenLine(AppText.quizMarksNever.text))
            }
            lines.append(ScreenLine(AppText.quizStartKeys.text, style: .bold))
        }
        return lines
    }

    /// The navigator: each question's number with ✓ answered, · unanswered, ⚑ flagged.
    func navigator() -> ScreenLine {
        var text = ""
        var highlight: Range<Int>?
        for (i, question) in questions.enumerated() {
            let mark = flagged.contains(question.id) ? "⚑" : record?.responses[question.id] != nil ? "✓" : "·"
            let cell = "\(i + 1)\(mark)"
            if i == index { highlight = text.count..<(text.count + cell.count) }
            text += cell + " "
        }
        var line = ScreenLine(text)
        line.highlight = highlight
        return line
    }

    private func questionLines(_ size: ScreenSize) -> [ScreenLine] {
        let questions = questions
        guard index < questions.count, let record else { return [] }
        let question = questions[index]
        var lines: [ScreenLine] = [navigator(), ScreenLine("")]
        var header =
            question.points == 1
            ? AppText.quizQuestionHeaderOne.t(index + 1, questions.count)
            : AppText.quizQuestionHeader.t(index + 1, questions.count, JSONWriter.number(question.points))
        if flagged.contains(question.id) { header += "  ⚑ " + AppText.quizFlagged.text }
        lines.append(ScreenLine(header, style: .bold))
        let renderer = MarkdownTerminalRenderer(width: size.width - 2, color: color)
        for intro in introduction(of: question) {
            lines += renderer.render(QuestionText.document(intro.text, format: intro.format)).lines.map {
                ScreenLine($0)
            }
            lines.append(ScreenLine(""))
        }
        lines += renderer.render(QuestionText.document(question.text, format: question.format)).lines.map {
            ScreenLine($0)
        }
        lines.append(ScreenLine(""))
        let response = record.responses[question.id]
        let order = shuffle?.options(of: question) ?? []
        switch question.body {
        case .description:
            break
        case .single(let choices), .multiple(let choices):
            let many = question.kind == .multiple
            for (n, authoring) in order.enumerated() where authoring < choices.count {
                let on: Bool
                switch response {
                case .choice(let i): on = i == authoring
                case .choices(let list): on = list.contains(authoring)
                default: on = false
                }
                let box = many ? (on ? "[x]" : "[ ]") : (on ? "(•)" : "( )")
                lines.append(
                    ScreenLine(
                        " \(box) \(n + 1). " + TerminalText.sanitize(choices[authoring].text), selected: n == cursor))
            }
        case .trueFalse:
            for (n, value) in [true, false].enumerated() {
                let on = response == .bool(value)
                let word = value ? AppText.quizTrue.text : AppText.quizFalse.text
                lines.append(ScreenLine(" \(on ? "(•)" : "( )") \(n + 1). \(word)", selected: n == cursor))
            }
        case .matching(let pairs):
            let rights = QuizShuffle.rightItems(pairs)
            var matches: [String: String] = [:]
            if case .matches(let m) = response { matches = m }
            let lefts = pairs.filter { !$0.left.isEmpty }.map(\.left)
            let width = lefts.map { DisplayWidth.of(TerminalText.sanitize($0)) }.max() ?? 0
            for (n, left) in lefts.enumerated() {
                let right = matches[left].map { value in
                    let position = order.firstIndex { rights[$0] == value }.map { "\($0 + 1). " } ?? ""
                    return position + TerminalText.sanitize(value)
                }
                lines.append(
                    ScreenLine(
                        "  " + ProgressText.pad(TerminalText.sanitize(left), width) + "  →  " + (right ?? "___"),
                        selected: n == cursor))
            }
            lines.append(ScreenLine(""))
            lines.append(ScreenLine(AppText.quizMatchOptions.text, style: .dim))
            for (n, authoring) in order.enumerated() where authoring < rights.count {
                lines.append(ScreenLine("  \(n + 1). " + TerminalText.sanitize(rights[authoring])))
            }
        case .short, .numeric, .essay:
            if let field {
                lines.append(field.line(width: size.width))
            } else {
                let text: String
                switch response {
                case .text(let t), .essay(let t): text = t
                case .number(let n): text = JSONWriter.number(n)
                default: text = AppText.quizNoAnswer.text
                }
                lines.append(ScreenLine(AppText.quizAnswerPrompt.text + TerminalText.sanitize(text), selected: true))
                let essay = question.kind == .essay
                lines.append(ScreenLine((essay ? AppText.quizEssayKeys : AppText.quizEditKeys).text, style: .dim))
            }
        }
        if quiz.isScoredOnDevice, let response, field == nil {
            lines.append(ScreenLine(""))
            let result = Grader.grade(question, response: response)
            let verdict =
                result.needsManualGrading
                ? AppText.quizTeacherGrades.text
                : result.fraction >= 1
                    ? Messages.t(.feedbackRight)
                    : result.fraction > 0 ? Messages.t(.feedbackPartial) : Messages.t(.feedbackWrong)
            lines.append(
                ScreenLine(
                    ([verdict] + result.feedback.map(TerminalText.sanitize)).joined(separator: " "), style: .bold))
        }
        return lines
    }

    private func reviewLines(_ size: ScreenSize) -> [ScreenLine] {
        let questions = questions
        let unanswered = questions.filter { record?.responses[$0.id] == nil }.count
        var lines = [
            ScreenLine(AppText.quizReviewTitle.t(questions.count - unanswered, questions.count), style: .bold),
            ScreenLine("")
        ]
        let height = max(1, size.bodyHeight - 6)
        let first = max(0, min(reviewCursor - height / 2, questions.count - height))
        for (i, question) in questions.enumerated().dropFirst(first).prefix(height) {
            let answered = record?.responses[question.id] != nil
            let mark = answered ? "✓" : "·"
            let flag = flagged.contains(question.id) ? " ⚑" : ""
            let firstLine = question.title ?? question.text.split(separator: "\n").first.map(String.init) ?? ""
            let state = answered ? AppText.quizAnswered.text : AppText.quizUnanswered.text
            lines.append(
                ScreenLine(
                    " \(mark)\(flag) \(i + 1). " + TerminalText.sanitize(firstLine) + "  · " + state,
                    selected: phase == .review && i == reviewCursor))
        }
        lines.append(ScreenLine(""))
        if phase == .confirm {
            let warning = unanswered > 0 ? AppText.quizUnansweredWarning.t(unanswered) + " " : ""
            lines.append(ScreenLine(warning + AppText.quizConfirm.text, style: .bold))
        } else {
            lines.append(ScreenLine(AppText.quizReviewKeys.text, style: .dim))
        }
        return lines
    }
}
