import Foundation

/// An entry a device pushed, decoded once into its typed value (docs/PROTOCOL.md §6): the one
/// place where a pushed payload's fields are read, checked against `EntryBounds` and
/// `WireBounds`, and refused with a reason that syncs back when they are malformed. The server's
/// rules then work on these values only.
public enum PushedEntry: Hashable, Sendable {
    case progress(ProgressEntry)
    case attempt(AttemptEntry)
    case submission(SubmissionEntry)
    case grade(GradeEntry)
    case post(Post)
    case message(DirectMessage)
    case announcement(Announcement)

    /// Decodes a payload built in code, as a frame would carry it.
    public init(kind: String?, entity: String?, payload: JSONValue?) throws(EntryRejection) {
        try self.init(
            kind: kind, entity: entity, payload: PayloadReader.wire(payload ?? JSONValue(.null), kind: kind ?? "entry"))
    }

    /// Decodes the payload of an entry of `kind` about `entity`, read in place from its frame.
    public init(kind: String?, entity: String?, payload: WireValue?) throws(EntryRejection) {
        let entity = entity ?? ""
        let payload = payload ?? WireValue.null
        guard payload.valueCount <= EntryBounds.maxEntryValues else {
            throw EntryRejection("an entry's payload may hold at most \(EntryBounds.maxEntryValues) values")
        }
        switch kind {
        case "progress": self = .progress(try ProgressEntry(payload: payload))
        case "attempt": self = .attempt(try AttemptEntry(id: entity, payload: payload))
        case "submission": self = .submission(try SubmissionEntry(id: entity, payload: payload))
        case "grade": self = .grade(try GradeEntry(payload: payload))
        case "post":
            guard let post = Post(id: entity, payload: payload.json), PayloadReader.isName(post.courseID) else {
                throw EntryRejection("a post needs an id, course, body, createdAt and revision")
            }
            self = .post(post)
        case "message":
            guard let message = DirectMessage(id: entity, payload: payload.json), PayloadReader.isName(message.courseID)
            else { throw EntryRejection("a message needs an id, course, to (or toName), body and sentAt") }
            self = .message(message)
        case "announcement":
            guard let announcement = Announcement(id: entity, payload: payload.json),
                PayloadReader.isName(announcement.courseID)
            else { throw EntryRejection("an announcement needs an id, course, title, body and createdAt") }
            self = .announcement(announcement)
        case let other: throw EntryRejection("devices cannot push \(other ?? "entries without a kind")")
        }
    }

    /// The course the entry is about.
    public var courseID: String {
        switch self {
        case .progress(let e): e.courseID
        case .attempt(let e): e.courseID
        case .submission(let e): e.courseID
        case .grade(let e): e.courseID
        case .post(let e): e.courseID
        case .message(let e): e.courseID
        case .announcement(let e): e.courseID
        }
    }
}
