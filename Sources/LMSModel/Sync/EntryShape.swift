import Foundation

/// The field types and bounds of the work a device pushes (docs/PROTOCOL.md §6, the field
/// tables): a payload of the wrong shape is refused with a reason that syncs back, before any
/// merge rule or grading sees it. Fields not listed are ignored (newer clients may add some).
public enum EntryShape {
    /// The longest id, course, lesson, quiz or assignment name: 200 bytes.
    public static let maxNameBytes = 200
    /// The most responses one attempt holds: 1,000 (a quiz has far fewer questions).
    public static let maxResponses = 1_000
    /// The most files one submission names: 100.
    public static let maxFiles = 100

    /// Why `payload` is not a well-formed entry of `kind`, or nil when it is (or the kind has no
    /// table here: communication and grades are checked by their own rules).
    public static func problem(kind: String, payload: JSONValue) -> String? {
        guard payload.objectMembers != nil else { return "\(kind): the payload must be an object" }
        switch kind {
        case "progress": return progressProblem(payload)
        case "attempt": return attemptProblem(payload)
        case "submission": return submissionProblem(payload)
        default: return nil
        }
    }

    private static func progressProblem(_ p: JSONValue) -> String? {
        if let problem = name(p, "course") ?? name(p, "lesson") { return "progress: " + problem }
        if let completed = p["completed"], completed.boolValue == nil {
            return "progress: \"completed\" must be true or false"
        }
        if let seconds = p["secondsByDevice"], seconds.objectMembers == nil {
            return "progress: \"secondsByDevice\" must be an object of device: whole seconds"
        }
        if let opened = p["lastOpenedAt"], !opened.isNull, opened.milliseconds == nil {
            return "progress: \"lastOpenedAt\" must be a time in milliseconds since 1970"
        }
        return nil
    }

    private static func attemptProblem(_ p: JSONValue) -> String? {
        if let problem = name(p, "course") ?? name(p, "courseVersion") ?? name(p, "quiz") {
            return "attempt: " + problem
        }
        if p["startedAt"]?.milliseconds == nil {
            return "attempt: \"startedAt\" must be a time in milliseconds since 1970"
        }
        if let submitted = p["submittedAt"], submitted.milliseconds == nil {
            return "attempt: \"submittedAt\" must be a time in milliseconds since 1970"
        }
        if let order = p["questionOrder"], order.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            return "attempt: \"questionOrder\" must be a list of question ids"
        }
        guard let responses = p["responses"]?.objectMembers else {
            return "attempt: \"responses\" must be an object of question id: tagged response"
        }
        guard responses.count <= maxResponses else { return "attempt: at most \(maxResponses) responses" }
        for member in responses where ResponseCoding.response(from: member.value) == nil {
            return
                "attempt: the response to \"\(member.key.prefix(maxNameBytes))\" must be tagged, like {\"choice\": 1} or {\"text\": \"…\"}"
        }
        if let result = p["result"], !result.isNull,
            result["points"]?.double(in: WireBounds.points) == nil
                || result["maxPoints"]?.double(in: WireBounds.points) == nil
        {
            return "attempt: a practice \"result\" must be an object with points and maxPoints"
        }
        return nil
    }

    private static func submissionProblem(_ p: JSONValue) -> String? {
        if let problem = name(p, "course") ?? name(p, "assignment") { return "submission: " + problem }
        if p["version"]?.int(in: WireBounds.submissionVersion) == nil {
            return "submission: \"version\" must be a whole number from 1"
        }
        if p["submittedAt"]?.milliseconds == nil {
            return "submission: \"submittedAt\" must be a time in milliseconds since 1970"
        }
        if let text = p["text"], !text.isNull, text.stringValue == nil {
            return "submission: \"text\" must be a string"
        }
        guard let files = p["files"].map({ $0.arrayValue }) ?? [] else {
            return "submission: \"files\" must be a list of {name, size, sha256}"
        }
        guard files.count <= maxFiles else { return "submission: at most \(maxFiles) files" }
        for file in files {
            guard file["name"]?.stringValue != nil, file["sha256"]?.stringValue != nil,
                file["size"]?.int(in: 0...(1 << 50)) != nil
            else { return "submission: each file needs a name, a whole size and a sha256" }
        }
        return nil
    }

    /// A problem with a required name field (a non-empty string of at most `maxNameBytes`).
    private static func name(_ p: JSONValue, _ key: String) -> String? {
        guard let value = p[key]?.stringValue, !value.isEmpty, value.utf8.count <= maxNameBytes else {
            return "\"\(key)\" must be a non-empty string of at most \(maxNameBytes) bytes"
        }
        return nil
    }
}
