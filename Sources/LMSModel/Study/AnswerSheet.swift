/// Answers given all at once as JSON (`lms-offline quiz QUIZ --answers FILE.json`), read
/// against the quiz so that each value takes its question's shape:
///
/// `{"q1": 1, "q2": [0, 2], "q3": true, "q4": "def", "q5": 3.14, "q6": {"Int": "42"}, "q7": "text"}`
///
/// Choice indexes are 0-based in the authoring order of the choices (never a shuffled order).
/// Unknown question ids and values of the wrong shape are errors that name the question.
public enum AnswerSheet {
    /// Why an answer sheet cannot be used.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The question concerned ("" for the whole sheet).
        public var questionID: String
        /// What is wrong and what is expected.
        public var message: String

        /// The problem as one line.
        public var description: String { questionID.isEmpty ? message : "\(questionID): \(message)" }
    }

    /// Reads `sheet` (a JSON object) into responses for `quiz`.
    public static func responses(_ sheet: JSONValue, for quiz: Quiz) throws -> [String: Response] {
        guard let members = sheet.objectMembers else {
            throw Problem(questionID: "", message: "the answers must be a JSON object of question id → answer")
        }
        var out: [String: Response] = [:]
        for member in members {
            guard let question = quiz.questions.first(where: { $0.id == member.key }) else {
                let known = quiz.questions.map(\.id).joined(separator: ", ")
                throw Problem(questionID: member.key, message: "no such question in \(quiz.id) (questions: \(known))")
            }
            out[question.id] = try response(member.value, for: question)
        }
        return out
    }

    /// Reads one answer for `question`.
    public static func response(_ value: JSONValue, for question: Question) throws -> Response {
        func fail(_ expected: String) -> Problem {
            Problem(questionID: question.id, message: "expected \(expected), found \(value.kindName)")
        }
        switch question.body {
        case .single(let choices):
            guard let n = value.numberValue.flatMap(ResponseCoding.exactInt), choices.indices.contains(n) else {
                throw fail("a choice index from 0 to \(choices.count - 1)")
            }
            return .choice(n)
        case .multiple(let choices):
            let list = value.arrayValue?.compactMap { $0.numberValue.flatMap(ResponseCoding.exactInt) } ?? []
            guard let array = value.arrayValue, list.count == array.count, list.allSatisfy(choices.indices.contains)
            else {
                throw fail("an array of choice indexes from 0 to \(choices.count - 1)")
            }
            return .choices(list)
        case .trueFalse:
            guard let b = value.boolValue else { throw fail("true or false") }
            return .bool(b)
        case .short:
            guard let text = value.stringValue else { throw fail("a string") }
            return .text(text)
        case .numeric:
            guard let n = value.numberValue, n.isFinite else { throw fail("a number") }
            return .number(n)
        case .matching(let pairs):
            guard let members = value.objectMembers else { throw fail("an object of left item → right item") }
            let lefts = Set(pairs.map(\.left).filter { !$0.isEmpty })
            let rights = Set(pairs.map(\.right))
            var map: [String: String] = [:]
            for member in members {
                guard lefts.contains(member.key), let right = member.value.stringValue, rights.contains(right) else {
                    throw fail("an object whose keys are among \(lefts.sorted()) and values among \(rights.sorted())")
                }
                map[member.key] = right
            }
            return .matches(map)
        case .essay:
            guard let text = value.stringValue else { throw fail("a string") }
            return .essay(text)
        case .description:
            throw Problem(questionID: question.id, message: "is a description: it takes no answer (leave it out)")
        }
    }
}
