import LMSModel

/// Quizzes as worksheets: numbered questions, ☐ before choices, lines and boxes to write in; in a
/// teacher's copy, each question's key after it.
extension BookletWriter {
    /// How many ruled lines an essay gets.
    static let essayLines = 8

    mutating func writeQuiz(_ quiz: Quiz) {
        let answerable = quiz.questions.filter(\.isAnswerable)
        out += "<article class=\"item quiz\" id=\"\(Self.escape(Self.anchor(quiz.id)))\">\n"
        out += "<h3>Quiz: \(Self.escape(quiz.title))</h3>\n<p class=\"meta\">"
        out += "\(answerable.count) questions · \(JSONWriter.number(quiz.maxPoints)) points"
        if let minutes = quiz.timeLimitMinutes { out += " · \(JSONWriter.number(minutes)) minutes" }
        out += "</p>\n<p class=\"name-line\">Name: <span class=\"blank-line\"></span></p>\n"
        if quiz.keysRemoved, answerKey {
            out += "<p class=\"key\">This copy of the exam holds no answer keys: the server keeps them.</p>\n"
        }
        let file = itemPaths[quiz.id]
        var number = 0
        for question in quiz.questions {
            if question.isAnswerable { number += 1 }
            writeQuestion(question, number: question.isAnswerable ? number : nil, quiz: quiz, file: file)
        }
        out += "</article>\n"
    }

    mutating func writeQuestion(_ question: Question, number: Int?, quiz: Quiz, file: String?) {
        guard let number else {
            out += "<div class=\"description\">\n\(html(question.text, question.format, file: file))</div>\n"
            return
        }
        let points = question.points == 1 ? "1 point" : "\(JSONWriter.number(question.points)) points"
        out += "<div class=\"question\">\n<p class=\"qnum\">\(number). <span class=\"points\">(\(points))</span></p>\n"
        out += html(question.text, question.format, file: file)
        let showKey = answerKey && !quiz.keysRemoved
        switch question.body {
        case .single(let choices), .multiple(let choices):
            if question.kind == .multiple { out += "<p class=\"hint\">Tick every right answer.</p>\n" }
            out += "<ul class=\"choices\">\n"
            let order =
                quiz.keysRemoved
                ? Array(choices.indices)
                : StudentChoiceOrder.permutation(quizID: quiz.id, questionID: question.id, choices: choices)
            for index in order {
                let choice = choices[index]
                let box = showKey && choice.fraction > 0 ? "☑" : "☐"
                out += "<li><span class=\"box\">\(box)</span> \(inline(choice.text, question.format))"
                if showKey, choice.fraction != 0, choice.fraction != 1 || question.kind == .multiple {
                    out += " <span class=\"key\">(\(Self.percent(choice.fraction)))</span>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
        case .trueFalse(let answer, _, _):
            let (yes, no) = showKey ? (answer ? ("☑", "☐") : ("☐", "☑")) : ("☐", "☐")
            out += "<ul class=\"choices inline\"><li><span class=\"box\">\(yes)</span> True</li>"
            out += "<li><span class=\"box\">\(no)</span> False</li></ul>\n"
        case .short, .numeric:
            out += "<p class=\"answer\">Answer: <span class=\"blank-line\"></span></p>\n"
        case .matching(let pairs):
            writeMatching(pairs, format: question.format, showKey: showKey)
        case .essay:
            out += "<div class=\"essay\">"
            out += String(repeating: "<div class=\"rule\"></div>", count: Self.essayLines)
            out += "</div>\n"
        case .description:
            break
        }
        if showKey { writeKey(question) }
        out += "</div>\n"
    }

    /// Left items with a box for a letter; the right items lettered in sorted order.
    mutating func writeMatching(_ pairs: [MatchPair], format: TextFormat, showKey: Bool) {
        let rights = Array(Set(pairs.map(\.right))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        out += "<table class=\"matching\"><tbody>\n"
        for pair in pairs where !pair.left.isEmpty {
            let letter = rights.firstIndex(of: pair.right).map(Self.letter) ?? "?"
            out += "<tr><td>\(inline(pair.left, format))</td>"
            out += "<td class=\"letter-box\">\(showKey ? letter : "")</td></tr>\n"
        }
        out += "</tbody></table>\n<ol class=\"options\" type=\"A\">\n"
        for right in rights { out += "<li>\(Self.escape(right))</li>\n" }
        out += "</ol>\n"
    }

    /// The answer key of a question, for the teacher's copy.
    mutating func writeKey(_ question: Question) {
        var parts: [String] = []
        switch question.body {
        case .short(let answers):
            parts = answers.map { Self.escape($0.text) + ($0.fraction == 1 ? "" : " (\(Self.percent($0.fraction)))") }
        case .numeric(let answers):
            parts = answers.map { answer in
                if answer.isAnyOther { return "any other number (\(Self.percent(answer.fraction)))" }
                let tolerance = answer.tolerance > 0 ? " ± " + JSONWriter.number(answer.tolerance) : ""
                let weight = answer.fraction == 1 ? "" : " (\(Self.percent(answer.fraction)))"
                return JSONWriter.number(answer.value) + tolerance + weight
            }
        case .essay:
            parts = ["graded by the teacher"]
        default:
            break
        }
        var feedback: [String] = []
        if let general = question.generalFeedback { feedback.append(general) }
        guard !parts.isEmpty || !feedback.isEmpty else { return }
        out += "<div class=\"key\">"
        if !parts.isEmpty { out += "<strong>Key:</strong> " + parts.joined(separator: "; ") }
        for text in feedback { out += "<div class=\"feedback\">\(html(text, question.format))</div>" }
        out += "</div>\n"
    }

    /// Question text as HTML, in its format; with the quiz's `file`, its pictures and links resolve.
    mutating func html(_ text: String, _ format: TextFormat, file: String? = nil) -> String {
        var document = BookletLinks.withoutMoodleFiles(QuestionText.document(text, format: format))
        if let file { document = linked(document, from: file, shift: 0) }
        return renderer.render(document)
    }

    /// A choice's or an item's text as inline HTML.
    func inline(_ text: String, _ format: TextFormat) -> String {
        let paragraph = MarkdownDocument(blocks: [
            MarkdownBlock(.paragraph(QuestionText.inlines(text, format: format)), line: 1)
        ])
        var html = renderer.render(paragraph)
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasSuffix("</p>") { html.removeLast(4) }
        return html
    }

    static func percent(_ fraction: Double) -> String { JSONWriter.number((fraction * 1000).rounded() / 10) + "%" }

    /// A, B, ..., Z, AA, AB, ...
    static func letter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : letter(index / 26 - 1) + String(letters[index % 26])
    }
}
