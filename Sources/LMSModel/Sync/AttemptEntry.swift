import Foundation

/// A pushed `attempt` entry (docs/PROTOCOL.md §6): a quiz attempt made on a device, append-only
/// by its id (time-ordered, `TimeOrderedID`). The server grades it again; a practice attempt's `result` is the device's own.
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

    /// Reads a payload built in code, as a frame would carry it.
    public init(id: String, payload: JSONValue) throws(EntryRejection) {
        try self.init(id: id, payload: PayloadReader.wire(payload, kind: "attempt"))
    }

    /// Reads a payload, checking every field's type and bounds.
    public init(id: String, payload: WireValue) throws(EntryRejection) {
        let p = try PayloadReader(kind: "attempt", payload: payload)
        self.id = try p.entity(id)
        courseID = try p.name("course")
        courseVersion = try p.name("courseVersion")
        quizID = try p.name("quiz")
        startedAt = try p.time("startedAt")
        submittedAt = try p.optionalTime("submittedAt")
        questionOrder = []
        if let order = payload["questionOrder"], !order.isNull {
            guard order.isArray, let count = order.elementCount, count <= EntryBounds.maxResponses else {
                throw p.fail("\"questionOrder\" must be a list of at most \(EntryBounds.maxResponses) question ids")
            }
            questionOrder.reserveCapacity(count)
            for item in order.elements {
                guard let question = item.stringValue, PayloadReader.isName(question) else {
                    throw p.fail("\"questionOrder\" must be a list of question ids")
                }
                questionOrder.append(question)
            }
        }
        guard let members = payload["responses"], members.isObject, let count = members.elementCount else {
            throw p.fail("\"responses\" must be an object of question id: tagged response")
        }
        guard count <= EntryBounds.maxResponses else {
            throw p.fail("at most \(EntryBounds.maxResponses) responses")
        }
        responses = Dictionary(minimumCapacity: count)
        for member in members.elements {
            let question = member.key
            guard PayloadReader.isName(question), let response = ResponseCoding.response(from: member) else {
                throw p.fail(
                    "the response to \"\(question.prefix(EntryBounds.maxNameBytes))\" must be tagged, like {\"choice\": 1} or {\"text\": \"…\"}"
                )
            }
            responses[question] = response
        }
        result = nil
        if let json = payload["result"], !json.isNull {
            guard let points = json["points"]?.double(in: WireBounds.points),
                let maxPoints = json["maxPoints"]?.double(in: WireBounds.points)
            else { throw p.fail("a practice \"result\" must be an object with points and maxPoints") }
            result = PracticeResult(points: points, maxPoints: maxPoints, json: json.json)
        }
    }

    /// `payload(user:)` as a frame without key references (`WireCodec.encode(_:keyReferences: false)`
    /// gives the same bytes), written straight from the typed fields: no `JSONValue` tree is made.
    public func encodedPayload(user: String) -> [UInt8] {
        var frame = WireCodec.Builder(capacity: 256 + responses.count * 32)
        frame.beginObject(count: 7 + (submittedAt == nil ? 0 : 1) + (result == nil ? 0 : 1))
        frame.key("user")
        frame.string(user)
        frame.key("quiz")
        frame.string(quizID)
        frame.key("course")
        frame.string(courseID)
        frame.key("courseVersion")
        frame.string(courseVersion)
        frame.key("startedAt")
        frame.integer(startedAt)
        if let submittedAt {
            frame.key("submittedAt")
            frame.integer(submittedAt)
        }
        frame.key("questionOrder")
        frame.beginArray(count: questionOrder.count)
        for question in questionOrder { frame.string(question) }
        frame.key("responses")
        frame.beginObject(count: responses.count)
        for (question, response) in responses.sorted(by: { $0.key < $1.key }) {
            frame.key(question)
            frame.beginObject(count: 1)
            switch response {
            case .choice(let i):
                frame.key("choice")
                frame.number(Double(i))
            case .choices(let list):
                frame.key("choices")
                frame.beginArray(count: list.count)
                for i in list { frame.number(Double(i)) }
            case .bool(let b):
                frame.key("bool")
                frame.bool(b)
            case .text(let text):
                frame.key("text")
                frame.string(text)
            case .number(let n):
                frame.key("number")
                frame.number(n)
            case .matches(let pairs):
                frame.key("matches")
                frame.beginObject(count: pairs.count)
                for (left, right) in pairs.sorted(by: { $0.key < $1.key }) {
                    frame.key(left)
                    frame.string(right)
                }
            case .essay(let text):
                frame.key("essay")
                frame.string(text)
            }
        }
        if let result {
            frame.key("result")
            frame.value(result.json)
        }
        return frame.bytes
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
