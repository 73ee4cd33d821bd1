import LMSModel

/// Writes the student copy of an exam as quiz JSON (docs/PACKAGE-FORMAT.md §4): questions as
/// shown, with `"keysRemoved": true` and no answers, weights or feedback (feedback can give
/// answers away). Choices appear in `StudentChoiceOrder`, not as authored.
enum QuizJSONWriter {
    static func studentCopy(of quiz: Quiz) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", JSONValue(.string(quiz.id))), ("title", JSONValue(.string(quiz.title))),
            ("mode", JSONValue(.string(quiz.mode.rawValue)))
        ]
        if let t = quiz.timeLimitMinutes { members.append(("timeLimitMinutes", JSONValue(.number(t)))) }
        if let m = quiz.maxAttempts { members.append(("maxAttempts", JSONValue(.number(Double(m))))) }
        if let r = quiz.review { members.append(("review", JSONValue(.string(r.rawValue)))) }
        members.append(("shuffle", JSONValue(.bool(quiz.shuffle))))
        members.append(("keysRemoved", JSONValue(.bool(true))))
        members.append(("questions", JSONValue(.array(quiz.questions.map { question($0, quizID: quiz.id) }))))
        return JSONValue(.object(members))
    }

    private static func question(_ q: Question, quizID: String) -> JSONValue {
        func s(_ text: String) -> JSONValue { JSONValue(.string(text)) }
        var m: [(key: String, value: JSONValue)] = [("id", s(q.id)), ("type", s(q.kind.rawValue))]
        if let title = q.title { m.append(("title", s(title))) }
        m.append(("text", s(q.text)))
        if q.format != .jsonDefault { m.append(("format", s(q.format.rawValue))) }
        m.append(("points", JSONValue(.number(q.points))))
        switch q.body {
        case .single(let choices), .multiple(let choices):
            let shown = StudentChoiceOrder.permutation(quizID: quizID, questionID: q.id, choices: choices).map {
                choices[$0]
            }
            m.append(("choices", JSONValue(.array(shown.map { JSONValue(.object([("text", s($0.text))])) }))))
        case .matching(let pairs):
            // The two sides separately, the right one sorted: the pairing is not recoverable.
            m.append(("left", JSONValue(.array(pairs.filter { !$0.left.isEmpty }.map { s($0.left) }))))
            let rights = pairs.map(\.right).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            m.append(("right", JSONValue(.array(rights.map { s($0) }))))
        case .trueFalse, .short, .numeric, .essay, .description:
            break // the text says it all; the answer stays on the server
        }
        return JSONValue(.object(m))
    }
}
