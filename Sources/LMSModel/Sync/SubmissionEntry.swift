import Foundation

/// A pushed `submission` entry (docs/PROTOCOL.md §6): one version of an assignment's work.
public struct SubmissionEntry: Hashable, Sendable {
    /// The submission's id (the entry's entity).
    public var id: String
    /// The course and the assignment (as the device's version names it).
    public var courseID: String
    public var assignmentID: String
    /// The version number, from 1 (`WireBounds.submissionVersion`).
    public var version: Int64
    /// The text, at most `EntryBounds.maxSubmissionTextBytes`.
    public var text: String?
    /// The files, uploaded before the entry is pushed (§9); at most `EntryBounds.maxFiles`.
    public var files: [SubmittedFile]
    /// When it was submitted (ms since 1970, device clock).
    public var submittedAt: Int64

    /// Reads a payload built in code, as a frame would carry it.
    public init(id: String, payload: JSONValue) throws(EntryRejection) {
        try self.init(id: id, payload: PayloadReader.wire(payload, kind: "submission"))
    }

    /// Reads a payload, checking every field's type and bounds.
    public init(id: String, payload: WireValue) throws(EntryRejection) {
        let p = try PayloadReader(kind: "submission", payload: payload)
        self.id = try p.entity(id)
        courseID = try p.name("course")
        assignmentID = try p.name("assignment")
        guard let version = payload["version"]?.int(in: WireBounds.submissionVersion) else {
            throw p.fail("\"version\" must be a whole number from 1")
        }
        self.version = version
        submittedAt = try p.time("submittedAt")
        text = try p.optionalString("text", maxBytes: EntryBounds.maxSubmissionTextBytes)
        var listed: WireValue.Elements?
        if let value = payload["files"], !value.isNull {
            guard value.isArray else { throw p.fail("\"files\" must be a list of {name, size, sha256}") }
            guard (value.elementCount ?? 0) <= EntryBounds.maxFiles else {
                throw p.fail("at most \(EntryBounds.maxFiles) files")
            }
            listed = value.elements
        }
        files = []
        for file in listed ?? payload.emptyElements {
            guard let name = file["name"]?.stringValue, PayloadReader.isName(name),
                let sha256 = file["sha256"]?.stringValue, Self.isHash(sha256),
                let size = file["size"]?.int(in: EntryBounds.fileBytes)
            else {
                throw p.fail(
                    "each file needs a name (1 to \(EntryBounds.maxNameBytes) bytes), a whole size and a sha256 (64 lowercase hex digits)"
                )
            }
            files.append(SubmittedFile(name: name, size: size, sha256: sha256))
        }
    }

    /// The submission as stored and published, without `user`: its fields in the wire's form.
    public var payload: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("course", JSONValue(.string(courseID))), ("assignment", JSONValue(.string(assignmentID))),
            ("version", JSONValue(.number(Double(version))))
        ]
        if let text { members.append(("text", JSONValue(.string(text)))) }
        let listed = files.map { file in
            JSONValue(
                .object([
                    ("name", JSONValue(.string(file.name))), ("size", JSONValue(.number(Double(file.size)))),
                    ("sha256", JSONValue(.string(file.sha256)))
                ]))
        }
        members.append(("files", JSONValue(.array(listed))))
        members.append(("submittedAt", JSONValue(.number(Double(submittedAt)))))
        return JSONValue(.object(members))
    }

    /// Whether `text` is a SHA-256 in lowercase hex.
    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
