import Foundation

/// A pushed `grade` entry (docs/PROTOCOL.md §6): a teacher's grade of a submission, or of an
/// attempt's essays, made offline on a teacher's device.
public struct GradeEntry: Hashable, Sendable {
    /// What is graded: a submission, or an attempt (its essays).
    public enum Target: Hashable, Sendable {
        case submission(String)
        case attempt(String)
    }

    /// The course.
    public var courseID: String
    /// The graded work.
    public var target: Target
    /// For an attempt, the course version it was taken against (so the server reads that quiz).
    public var courseVersion: String?
    /// Points by rubric criterion (`points` for an assignment without one) or essay question, each
    /// in `WireBounds.points`; at most `EntryBounds.maxResponses`.
    public var scores: [String: Double]
    /// The teacher's words (empty is none), at most `EntryBounds.maxFeedbackBytes`.
    public var feedback: String?
    /// When the teacher graded (ms since 1970, device clock): nil when the device did not say.
    public var gradedAt: Int64?

    /// Reads a payload built in code, as a frame would carry it.
    public init(payload: JSONValue) throws(EntryRejection) {
        try self.init(payload: PayloadReader.wire(payload, kind: "grade"))
    }

    /// Reads a payload, checking every field's type and bounds. `gradedAt` is a time, or ISO 8601
    /// text as lms-offline writes it.
    public init(payload: WireValue) throws(EntryRejection) {
        let p = try PayloadReader(kind: "grade", payload: payload)
        courseID = try p.name("course")
        if payload["attempt"] != nil {
            target = .attempt(try p.name("attempt"))
        } else if payload["submission"] != nil {
            target = .submission(try p.name("submission"))
        } else {
            throw p.fail("a grade names the \"submission\" or the \"attempt\" it grades")
        }
        courseVersion = payload["courseVersion"] == nil ? nil : try p.name("courseVersion")
        scores = [:]
        if let value = payload["scores"], !value.isNull {
            guard value.isObject, (value.elementCount ?? 0) <= EntryBounds.maxResponses else {
                throw p.fail("\"scores\" must be an object of at most \(EntryBounds.maxResponses) criterion: points")
            }
            for member in value.elements {
                guard let n = member.double(in: WireBounds.points) else {
                    throw EntryRejection("the score of \"\(member.key)\" must be a number from -10^9 to 10^9")
                }
                scores[member.key] = n
            }
        }
        // Refused, not cut: a cut could fall inside a character, and a teacher's words are not cut short silently.
        let words = try p.optionalString("feedback", maxBytes: .max)
        if let words, words.utf8.count > EntryBounds.maxFeedbackBytes {
            throw EntryRejection(
                "feedback is limited to \(EntryBounds.maxFeedbackBytes) bytes (got \(words.utf8.count))")
        }
        feedback = words.flatMap { $0.isEmpty ? nil : $0 }
        if let value = payload["gradedAt"], !value.isNull {
            if let ms = value.milliseconds {
                gradedAt = ms
            } else if let text = value.stringValue, let date = ISO8601DateFormatter().date(from: text),
                let ms = JSONValue(.number((date.timeIntervalSince1970 * 1000).rounded())).milliseconds
            {
                gradedAt = ms
            } else {
                throw p.fail("\"gradedAt\" must be a time in milliseconds since 1970 or ISO 8601 text")
            }
        } else {
            gradedAt = nil
        }
    }
}
