import Foundation

/// JSON forms of responses and results, shared by the local store and the outbox.
///
/// A stored response is tagged by its shape, so it reads back without the quiz:
/// `{"choice": 1}`, `{"choices": [0, 2]}`, `{"bool": true}`, `{"text": "def"}`,
/// `{"number": 3.14}`, `{"matches": {"Int": "42"}}`, `{"essay": "..."}`. Choice indexes
/// always refer to the authoring order of the choices, never a shuffled display order.
public enum ResponseCoding {
    /// The tagged JSON of one response.
    public static func json(_ response: Response) -> JSONValue {
        let (tag, value): (String, JSONValue.Kind)
        switch response {
        case .choice(let i): (tag, value) = ("choice", .number(Double(i)))
        case .choices(let list): (tag, value) = ("choices", .array(list.map { JSONValue(.number(Double($0))) }))
        case .bool(let b): (tag, value) = ("bool", .bool(b))
        case .text(let t): (tag, value) = ("text", .string(t))
        case .number(let n): (tag, value) = ("number", .number(n))
        case .matches(let m):
            (tag, value) = (
                "matches",
                .object(m.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue(.string($0.value))) })
            )
        case .essay(let t): (tag, value) = ("essay", .string(t))
        }
        return JSONValue(.object([(key: tag, value: JSONValue(value))]))
    }

    /// Responses by question id, keys sorted.
    public static func json(_ responses: [String: Response]) -> JSONValue {
        JSONValue(.object(responses.sorted { $0.key < $1.key }.map { (key: $0.key, value: json($0.value)) }))
    }

    /// Reads a tagged response; nil when it is not one. Read as a frame carries it, by the one
    /// reader of pushed responses (`response(from: WireValue)`).
    public static func response(from json: JSONValue) -> Response? {
        (try? WireDocument(json)).flatMap { response(from: $0.root) }
    }

    /// Reads a tagged response as a frame carries it; nil when it is not one.
    public static func response(from json: WireValue) -> Response? {
        guard json.isObject, json.elementCount == 1, let value = json.elements.first(where: { _ in true }) else {
            return nil
        }
        switch value.key {
        case "choice": return value.numberValue.flatMap(exactInt).map(Response.choice)
        case "choices":
            guard value.isArray else { return nil }
            var list: [Int] = []
            list.reserveCapacity(value.elementCount ?? 0)
            for item in value.elements {
                guard let i = item.numberValue.flatMap(exactInt) else { return nil }
                list.append(i)
            }
            return .choices(list)
        case "bool": return value.boolValue.map(Response.bool)
        case "text": return value.stringValue.map(Response.text)
        case "number": return value.numberValue.map(Response.number)
        case "matches":
            guard value.isObject else { return nil }
            var map: [String: String] = [:]
            for member in value.elements {
                guard let right = member.stringValue else { return nil }
                map[member.key] = right
            }
            return .matches(map)
        case "essay": return value.stringValue.map(Response.essay)
        default: return nil
        }
    }

    /// Reads responses by question id, skipping any that are not well formed.
    public static func responses(from json: JSONValue) -> [String: Response] {
        var out: [String: Response] = [:]
        for member in json.objectMembers ?? [] {
            if let r = response(from: member.value) { out[member.key] = r }
        }
        return out
    }

    /// The JSON of a graded result: points, maxPoints, percent, awaitingManualGrading, questions.
    public static func json(_ result: QuizResult) -> JSONValue {
        let questions = result.questions.map { q -> JSONValue in
            JSONValue(
                .object([
                    ("id", .init(.string(q.questionID))), ("points", .init(.number(q.points))),
                    ("maxPoints", .init(.number(q.maxPoints))),
                    ("needsManualGrading", .init(.bool(q.needsManualGrading))),
                    ("feedback", .init(.array(q.feedback.map { JSONValue(.string($0)) })))
                ]))
        }
        return JSONValue(
            .object([
                ("points", .init(.number(result.points))), ("maxPoints", .init(.number(result.maxPoints))),
                ("percent", .init(.number((result.percent * 10).rounded() / 10))),
                ("awaitingManualGrading", .init(.bool(result.awaitingManualGrading))),
                ("questions", .init(.array(questions)))
            ]))
    }

    static func exactInt(_ n: Double) -> Int? {
        guard n.isFinite, n == n.rounded(), abs(n) < 1e9 else { return nil }
        return Int(n)
    }
}
