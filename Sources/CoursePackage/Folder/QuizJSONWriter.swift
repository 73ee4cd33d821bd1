import LMSModel

/// Writes a quiz as quiz JSON. With `removingKeys`, writes the student copy of an exam:
/// questions as shown, with no answers, weights or feedback (feedback can give answers away).
enum QuizJSONWriter {
    static func json(_ quiz: Quiz, removingKeys: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", JSONValue(.string(quiz.id))), ("title", JSONValue(.string(quiz.title))),
            ("mode", JSONValue(.string(quiz.mode.rawValue))),
        ]
        if let t = quiz.timeLimitMinutes { members.append(("timeLimitMinutes", JSONValue(.number(t)))) }
        if let m = quiz.maxAttempts { members.append(("maxAttempts", JSONValue(.number(Double(m))))) }
        members.append(("shuffle", JSONValue(.bool(quiz.shuffle))))
        if removingKeys { members.append(("keysRemoved", JSONValue(.bool(true)))) }
        members.append(("questions", JSONValue(.array(quiz.questions.map { question($0, quizID: quiz.id, removingKeys: removingKeys) }))))
        return JSONValue(.object(members))
    }

    private static func question(_ q: Question, quizID: String, removingKeys: Bool) -> JSONValue {
        var m: [(key: String, value: JSONValue)] = [
            ("id", JSONValue(.string(q.id))), ("type", JSONValue(.string(q.kind.rawValue))),
        ]
        if let title = q.title { m.append(("title", JSONValue(.string(title)))) }
        m.append(("text", JSONValue(.string(q.text))))
        m.append(("points", JSONValue(.number(q.points))))
        func s(_ text: String) -> JSONValue { JSONValue(.string(text)) }
        switch q.body {
        case .single(var choices), .multiple(var choices):
            if removingKeys {
                choices = StudentChoiceOrder.permutation(quizID: quizID, questionID: q.id, choices: choices).map { choices[$0] }
            }
            m.append(("choices", JSONValue(.array(choices.map { c in
                var o: [(key: String, value: JSONValue)] = [("text", s(c.text))]
                if !removingKeys {
                    o.append(("weight", JSONValue(.number((c.fraction * 100 * 1e6).rounded() / 1e6))))
                    if c.fraction >= 1 { o.append(("correct", JSONValue(.bool(true)))) }
                    if let fb = c.feedback { o.append(("feedback", s(fb))) }
                }
                return JSONValue(.object(o))
            }))))
        case .trueFalse(let answer, _, _):
            if !removingKeys { m.append(("answer", JSONValue(.bool(answer)))) }
        case .short(let answers):
            if !removingKeys { m.append(("accept", JSONValue(.array(answers.filter { $0.fraction > 0 }.map { s($0.text) })))) }
        case .numeric(let answers):
            if !removingKeys, let best = answers.max(by: { $0.fraction < $1.fraction }) {
                m.append(("answer", JSONValue(.number(best.value))))
                m.append(("tolerance", JSONValue(.number(best.tolerance))))
            }
        case .matching(let pairs):
            if removingKeys {
                m.append(("left", JSONValue(.array(pairs.filter { !$0.left.isEmpty }.map { s($0.left) }))))
                let rights = pairs.map(\.right).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                m.append(("right", JSONValue(.array(rights.map { s($0) }))))
            } else {
                m.append(("pairs", JSONValue(.array(pairs.map { JSONValue(.object([("left", s($0.left)), ("right", s($0.right))])) }))))
            }
        case .essay:
            break
        }
        if !removingKeys, let g = q.generalFeedback { m.append(("generalFeedback", s(g))) }
        return JSONValue(.object(m))
    }
}
