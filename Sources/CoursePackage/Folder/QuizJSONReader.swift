import LMSModel

/// Reads and checks a quiz in JSON (`NN-name.quiz.json`), the form of COURSE-FORMAT.md. A student
/// build's exam quiz (`"keysRemoved": true`) holds questions without answer keys.
enum QuizJSONReader {
    static let quizKeys: Set<String> = [
        "id", "title", "mode", "timeLimitMinutes", "maxAttempts", "shuffle", "questions",
        "keysRemoved", "review"
    ]
    static let questionKeys: Set<String> = [
        "id", "type", "text", "format", "title", "points", "choices", "answer", "tolerance",
        "accept", "pairs", "feedback", "generalFeedback", "left", "right", "min", "max"
    ]

    /// The quiz, or nil when it has errors. `defaultID` and `defaultTitle` come from the file name.
    static func read(
        _ text: String, file: String, defaultID: String, defaultTitle: String,
        diagnostics: inout [Diagnostic]
    ) -> Quiz? {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch let error as JSONParser.ParseError {
            diagnostics.append(.error(file, error.line, "invalid JSON: \(error.message)"))
            return nil
        } catch {
            diagnostics.append(.error(file, 1, "invalid JSON: \(error)"))
            return nil
        }
        guard var f = JSONFields(json, file: file, context: "the quiz", diagnostics: &diagnostics) else { return nil }
        defer { diagnostics.append(contentsOf: f.diagnostics) }
        f.warnUnknownKeys(quizKeys)
        var quiz = Quiz(id: f.string("id") ?? defaultID, title: f.string("title") ?? defaultTitle)
        quiz.keysRemoved = f.bool("keysRemoved") ?? false
        if let mode = f.string("mode") {
            if let m = Quiz.Mode(rawValue: mode) {
                quiz.mode = m
            } else {
                f.error(json["mode"]?.line, "\"mode\" must be practice or exam (found \"\(mode)\")")
            }
        }
        if let review = f.string("review") {
            if let r = Quiz.Review(rawValue: review) {
                quiz.review = r
            } else {
                f.error(
                    json["review"]?.line,
                    "\"review\" must be afterAttempt, afterClose or never (found \"\(review)\")")
            }
        }
        quiz.timeLimitMinutes = f.number("timeLimitMinutes", range: 0.1...10_000)
        quiz.maxAttempts = f.integer("maxAttempts", min: 1)
        quiz.shuffle = f.bool("shuffle") ?? false
        let items = f.array("questions", required: true) ?? []
        if items.isEmpty, json["questions"] != nil {
            f.error(json["questions"]?.line, "the quiz has no questions: add at least one")
        }
        var seen: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            guard var q = JSONFields(item, file: file, context: "a question", diagnostics: &f.diagnostics) else {
                continue
            }
            let question = readQuestion(&q, position: position + 1, keysRemoved: quiz.keysRemoved)
            f.diagnostics.append(contentsOf: q.diagnostics)
            guard let question else { continue }
            if let earlier = seen[question.id] {
                f.error(
                    item.line,
                    "question id \"\(question.id)\" is used twice (also on line \(earlier)): ids must be unique in a quiz"
                )
            }
            seen[question.id] = item.line
            quiz.questions.append(question)
        }
        return f.diagnostics.hasErrors ? nil : quiz
    }

    private static func readQuestion(_ q: inout JSONFields, position: Int, keysRemoved: Bool) -> Question? {
        q.warnUnknownKeys(questionKeys)
        let errorsBefore = q.diagnostics.count
        let id: String
        if let given = q.string("id") {
            id = given
        } else {
            id = "q\(position)"
            q.warning(
                nil,
                "question has no \"id\"; its id \(id) follows its position and changes if questions are reordered: add \"id\""
            )
        }
        let text = q.string("text", required: true) ?? ""
        var format = TextFormat.jsonDefault
        if let name = q.string("format") {
            if let named = TextFormat(rawValue: name) {
                format = named
            } else {
                let names = TextFormat.allCases.map(\.rawValue).joined(separator: ", ")
                q.error(q.object["format"]?.line, "unknown text format \"\(name)\" (expected \(names))")
            }
        }
        guard let typeName = q.string("type", required: true) else { return nil }
        let points = typeName == Question.Kind.description.rawValue ? 0 : q.number("points", range: 0...10_000) ?? 1
        guard let kind = Question.Kind(rawValue: typeName) else {
            q.error(
                q.object["type"]?.line,
                "unknown question type \"\(typeName)\" (expected \(Question.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
            return nil
        }
        let body = keysRemoved ? readPromptBody(&q, kind: kind) : readBody(&q, kind: kind)
        guard let body, q.diagnostics[errorsBefore...].allSatisfy({ $0.severity == .warning }) else { return nil }
        return Question(
            id: id, title: q.string("title"), text: text, format: format, points: points, body: body,
            generalFeedback: q.string("generalFeedback"))
    }

    private static func readBody(_ q: inout JSONFields, kind: Question.Kind) -> Question.Body? {
        switch kind {
        case .single, .multiple:
            let choices = readChoices(&q, kind: kind)
            return kind == .single ? .single(choices: choices) : .multiple(choices: choices)
        case .truefalse:
            guard let answer = q.bool("answer") else {
                q.error(nil, "a truefalse question needs \"answer\": true or false")
                return nil
            }
            return .trueFalse(answer: answer, feedbackIfTrue: nil, feedbackIfFalse: nil)
        case .short:
            let accept = q.strings("accept").filter { !$0.isEmpty }
            if accept.isEmpty { q.error(nil, "a short question needs \"accept\": a list of accepted answers") }
            return .short(answers: accept.map { ShortAnswer(text: $0) })
        case .numeric:
            if let min = q.number("min"), let max = q.number("max") {
                guard min <= max else {
                    q.error(nil, "\"min\" must not be above \"max\"")
                    return nil
                }
                return .numeric(answers: [NumericAnswer(value: (min + max) / 2, tolerance: (max - min) / 2)])
            }
            guard let answer = q.number("answer") else {
                q.error(nil, "a numeric question needs \"answer\": a number (and may add \"tolerance\")")
                return nil
            }
            return .numeric(answers: [
                NumericAnswer(value: answer, tolerance: q.number("tolerance", range: 0...1e15) ?? 0)
            ])
        case .matching:
            var pairs: [MatchPair] = []
            for item in q.array("pairs", required: true) ?? [] {
                guard let left = item["left"]?.stringValue, let right = item["right"]?.stringValue else {
                    q.error(item.line, "each pair needs {\"left\": \"…\", \"right\": \"…\"}")
                    continue
                }
                pairs.append(MatchPair(left: left, right: right))
            }
            if pairs.filter({ !$0.left.isEmpty }).count < 2 {
                q.error(nil, "a matching question needs at least 2 pairs")
            }
            return .matching(pairs: pairs)
        case .essay:
            return .essay
        case .description:
            return .description
        }
    }

    private static func readChoices(_ q: inout JSONFields, kind: Question.Kind) -> [Choice] {
        var choices: [Choice] = []
        let items = q.array("choices", required: true) ?? []
        let correctCount = items.filter { $0["correct"]?.boolValue == true }.count
        let wrongCount = items.count - correctCount
        for item in items {
            guard let text = item["text"]?.stringValue else {
                q.error(item.line, "each choice needs \"text\"")
                continue
            }
            let correct = item["correct"]?.boolValue ?? false
            var fraction: Double
            if let weight = item["weight"]?.numberValue {
                fraction = weight / 100
            } else if kind == .single {
                fraction = correct ? 1 : 0
            } else {
                // Each right pick earns its share; each wrong pick takes back a share of the wrong ones,
                // so ticking everything earns 0.
                fraction = correct ? 1 / Double(max(correctCount, 1)) : -1 / Double(max(wrongCount, 1))
            }
            choices.append(Choice(text: text, fraction: fraction, feedback: item["feedback"]?.stringValue))
        }
        if choices.count < 2 { q.error(nil, "a \(kind.rawValue) question needs at least 2 choices") }
        if !choices.isEmpty, !choices.contains(where: { $0.fraction >= 1 }), kind == .single {
            q.error(nil, "a single question needs one choice with \"correct\": true")
        }
        if kind == .single, correctCount > 1 {
            q.error(nil, "a single question has \(correctCount) correct choices: use type \"multiple\", or keep one")
        }
        if kind == .multiple, correctCount == 0, !items.contains(where: { $0["weight"] != nil }) {
            q.error(nil, "a multiple question needs at least one choice with \"correct\": true")
        }
        return choices
    }

    /// A student build's question: what is shown, no key.
    private static func readPromptBody(_ q: inout JSONFields, kind: Question.Kind) -> Question.Body? {
        switch kind {
        case .single, .multiple:
            let choices = (q.array("choices") ?? []).map { Choice(text: $0["text"]?.stringValue ?? "", fraction: 0) }
            return kind == .single ? .single(choices: choices) : .multiple(choices: choices)
        case .truefalse: return .trueFalse(answer: false, feedbackIfTrue: nil, feedbackIfFalse: nil)
        case .short: return .short(answers: [])
        case .numeric: return .numeric(answers: [])
        case .matching:
            let lefts = q.strings("left")
            let rights = q.strings("right")
            let count = max(lefts.count, rights.count)
            return .matching(
                pairs: (0..<count).map {
                    MatchPair(left: $0 < lefts.count ? lefts[$0] : "", right: $0 < rights.count ? rights[$0] : "")
                })
        case .essay: return .essay
        case .description: return .description
        }
    }
}
