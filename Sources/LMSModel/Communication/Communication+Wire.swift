import Foundation

// The payloads of `post`, `message` and `announcement` (docs/PROTOCOL.md): the same object is
// pushed by devices and pulled from the server, which fills in the author's id and name.
// Payloads never carry a `user` member: clients skip changes whose `user` is someone else.

extension Post {
    /// The wire payload.
    public var payload: JSONValue {
        var m: [(key: String, value: JSONValue)] = [("course", .init(.string(courseID)))]
        if let lessonID { m.append(("lesson", .init(.string(lessonID)))) }
        if let threadID { m.append(("thread", .init(.string(threadID)))) }
        m.append(("author", .init(.string(authorID))))
        m.append(("authorName", .init(.string(authorName))))
        if let title { m.append(("title", .init(.string(title)))) }
        m.append(("body", .init(.string(body))))
        m.append(("createdAt", .init(.number(ChangeEntry.milliseconds(createdAt)))))
        m.append(("revision", .init(.string(revision.description))))
        m.append(("edited", .init(.bool(edited))))
        m.append(("deleted", .init(.bool(deleted))))
        if let deletedBy { m.append(("deletedBy", .init(.string(deletedBy)))) }
        return JSONValue(.object(m))
    }

    /// A post from its wire payload; nil when a required member is missing or malformed.
    public init?(id: String, payload p: JSONValue) {
        guard !id.isEmpty, let course = p["course"]?.stringValue, let body = p["body"]?.stringValue,
            let revision = p["revision"]?.stringValue.flatMap(HLCTimestamp.init),
            let created = p["createdAt"]?.numberValue, created.isFinite, abs(created) < 1e15
        else { return nil }
        self.init(
            id: id, courseID: course, lessonID: p["lesson"]?.stringValue, threadID: p["thread"]?.stringValue,
            authorID: p["author"]?.stringValue ?? "", authorName: p["authorName"]?.stringValue ?? "",
            title: p["title"]?.stringValue, body: body, createdAt: Date(timeIntervalSince1970: created / 1000),
            revision: revision, edited: p["edited"]?.boolValue ?? false, deleted: p["deleted"]?.boolValue ?? false,
            deletedBy: p["deletedBy"]?.stringValue)
    }
}

extension DirectMessage {
    /// The wire payload.
    public var payload: JSONValue {
        JSONValue(
            .object([
                ("course", .init(.string(courseID))), ("from", .init(.string(fromID))),
                ("fromName", .init(.string(fromName))),
                ("to", .init(.string(toID))), ("toName", .init(.string(toName))), ("body", .init(.string(body))),
                ("sentAt", .init(.number(ChangeEntry.milliseconds(sentAt))))
            ]))
    }

    /// A message from its wire payload; nil when a required member is missing or malformed.
    public init?(id: String, payload p: JSONValue) {
        guard !id.isEmpty, let course = p["course"]?.stringValue, let body = p["body"]?.stringValue,
            let sent = p["sentAt"]?.numberValue, sent.isFinite, abs(sent) < 1e15
        else { return nil }
        let to = p["to"]?.stringValue ?? ""
        let toName = p["toName"]?.stringValue ?? ""
        guard !to.isEmpty || !toName.isEmpty else { return nil }
        self.init(
            id: id, courseID: course, fromID: p["from"]?.stringValue ?? "", fromName: p["fromName"]?.stringValue ?? "",
            toID: to, toName: toName, body: body, sentAt: Date(timeIntervalSince1970: sent / 1000))
    }
}

extension Announcement {
    /// The wire payload.
    public var payload: JSONValue {
        JSONValue(
            .object([
                ("course", .init(.string(courseID))), ("author", .init(.string(authorID))),
                ("authorName", .init(.string(authorName))),
                ("title", .init(.string(title))), ("body", .init(.string(body))),
                ("createdAt", .init(.number(ChangeEntry.milliseconds(createdAt))))
            ]))
    }

    /// An announcement from its wire payload; nil when a required member is missing or malformed.
    public init?(id: String, payload p: JSONValue) {
        guard !id.isEmpty, let course = p["course"]?.stringValue, let title = p["title"]?.stringValue,
            let body = p["body"]?.stringValue,
            let created = p["createdAt"]?.numberValue, created.isFinite, abs(created) < 1e15
        else { return nil }
        self.init(
            id: id, courseID: course, authorID: p["author"]?.stringValue ?? "",
            authorName: p["authorName"]?.stringValue ?? "",
            title: title, body: body, createdAt: Date(timeIntervalSince1970: created / 1000))
    }
}

extension ChangeEntry {
    /// The entry for a post's new state (made, edited or deleted): the whole post, merged by revision.
    public static func post(_ post: Post, deviceID: String, profileID: String, at date: Date) -> ChangeEntry {
        ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .post, entityID: post.id, payload: post.payload,
            createdAt: date)
    }

    /// The entry for a direct message.
    public static func message(_ message: DirectMessage, deviceID: String, profileID: String, at date: Date)
        -> ChangeEntry
    {
        ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .message, entityID: message.id, payload: message.payload,
            createdAt: date)
    }

    /// The entry for an announcement.
    public static func announcement(_ announcement: Announcement, deviceID: String, profileID: String, at date: Date)
        -> ChangeEntry
    {
        ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .announcement, entityID: announcement.id,
            payload: announcement.payload, createdAt: date)
    }
}
