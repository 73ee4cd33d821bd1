import Foundation

/// A pushed `attempt` entry (docs/PROTOCOL.md §6): a quiz attempt made on a device, append-only
/// by its random id. The server grades it again; a practice attempt's `result` is the device's own.
public struct AttemptEntry: Hashable, Sendable {
    /// The attempt's id (the entry's entity).
    public var id: String
    /// The course, the version whose quiz was taken, and the quiz.
    public var courseID: String
    public var courseVersion: String
    public var quizID: String
    /// When it started and, unless it is still open, when it was submitted (ms since 1970, device clock).
    public var startedAt: Int64
    public var submittedAt: Int64?
    /// The question ids in the order shown.
    public var questionOrder: [String]
    /// The answers by question id. Exam choices index the choices as the student build lists them.
    public var responses: [String: Response]
    /// A practice attempt's result as the device graded it (nil for an exam).
    public var result: PracticeResult?

    /// The device's grading of a practice attempt: its `points` and `maxPoints` (each in
    /// `WireBounds.points`) and the rest of its members as sent, for the student's other devices.
    public struct PracticeResult: Hashable, Sendable {
        public var points: Double
        public var maxPoints: Double
        /// The result object as the device sent it.
        public var json: JSONValue
    }

    /// Reads a payload, checking every field's type and bounds.
    public init(id: String, payload: JSONValue) throws(EntryRejection) {
        let p = try PayloadReader(kind: "attempt", payload: payload)
        self.id = try p.entity(id)
        courseID = try p.name("course")
        courseVersion = try p.name("courseVersion")
        quizID = try p.name("quiz")
        startedAt = try p.time("startedAt")
        submittedAt = try p.optionalTime("submittedAt")
        questionOrder = []
        if let order = payload["questionOrder"], !order.isNull {
            guard let items = order.arrayValue, items.count <= EntryBounds.maxResponses else {
                throw p.fail("\"questionOrder\" must be a list of at most \(EntryBounds.maxResponses) question ids")
            }
            for item in items {
                guard let question = item.stringValue, PayloadReader.isName(question) else {
                    throw p.fail("\"questionOrder\" must be a list of question ids")
                }
                questionOrder.append(question)
            }
        }
        guard let members = payload["responses"]?.objectMembers else {
            throw p.fail("\"responses\" must be an object of question id: tagged response")
        }
        guard members.count <= EntryBounds.maxResponses else {
            throw p.fail("at most \(EntryBounds.maxResponses) responses")
        }
        responses = Dictionary(minimumCapacity: members.count)
        for member in members {
            guard PayloadReader.isName(member.key), let response = ResponseCoding.response(from: member.value) else {
                throw p.fail(
                    "the response to \"\(member.key.prefix(EntryBounds.maxNameBytes))\" must be tagged, like {\"choice\": 1} or {\"text\": \"…\"}"
                )
            }
            responses[member.key] = response
        }
        result = nil
        if let json = payload["result"], !json.isNull {
            guard let points = json["points"]?.double(in: WireBounds.points),
                let maxPoints = json["maxPoints"]?.double(in: WireBounds.points)
            else { throw p.fail("a practice \"result\" must be an object with points and maxPoints") }
            result = PracticeResult(points: points, maxPoints: maxPoints, json: json)
        }
    }

    /// The attempt as stored and published: its fields in the wire's form, led by `user` (whose
    /// work it is, for the devices of teachers who pull several students' work).
    public func payload(user: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("user", JSONValue(.string(user))), ("quiz", JSONValue(.string(quizID))),
            ("course", JSONValue(.string(courseID))), ("courseVersion", JSONValue(.string(courseVersion))),
            ("startedAt", JSONValue(.number(Double(startedAt))))
        ]
        if let submittedAt { members.append(("submittedAt", JSONValue(.number(Double(submittedAt))))) }
        members.append(("questionOrder", JSONValue(.array(questionOrder.map { JSONValue(.string($0)) }))))
        members.append(("responses", ResponseCoding.json(responses)))
        if let result { members.append(("result", result.json)) }
        return JSONValue(.object(members))
    }
}
