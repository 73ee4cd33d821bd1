import Foundation
import LMSDatabase
import LMSModel

/// Announcements, forum posts and direct messages pulled from the server (docs/PROTOCOL.md), and
/// the notifications they make: an announcement; a reply in my thread or to a thread I wrote in;
/// a message to me; and, for a course's teachers (a profile not enrolled in the course as a
/// student), every new post by someone else after the first pull.
extension ChangeApplier {
    /// Stores an announcement (append-only by id) and tells the profile once.
    func applyAnnouncement(id: String, _ payload: JSONValue) throws {
        guard let note = Announcement(id: id, payload: payload) else { return }
        try db.execute(
            """
            INSERT INTO announcements(profile_id, id, course_id, author_name, title, body, created_at, synced) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT(profile_id, id) DO UPDATE SET synced = 1, author_name = excluded.author_name
            """, arguments: [profile.id, id, note.courseID, note.authorName, note.title, note.body, note.createdAt])
        guard note.authorID != userID else { return }
        try Notifications.add(
            db, id: "announcement:\(id)", profileID: profile.id, kind: "announcement",
            title: .init(.noteAnnouncementTitle, [note.courseID, note.title]),
            body: .init(.noteBody, [Notifications.excerpt(note.body)]), now: now)
    }

    /// Merges a post's state into the local row by `Post.merged(with:)`; notifies of replies and, for teachers, new posts.
    func applyPost(id: String, _ payload: JSONValue) throws {
        guard let incoming = Post(id: id, payload: payload) else { return }
        let stored = try CommunicationStore.post(id: id, profileID: profile.id, in: db)
        var merged = stored.map { $0.merged(with: incoming) } ?? incoming
        // The server's copy names the author; a local copy may not have known its id yet.
        merged.authorID = incoming.authorID
        merged.authorName = incoming.authorName
        // Synced unless this device holds a newer revision that is still to be pushed.
        let synced = stored.map { $0.revision <= incoming.revision } ?? true
        try CommunicationStore.store(
            merged, profileID: profile.id, mine: incoming.authorID == userID ? true : nil, synced: synced, in: db)
        guard stored == nil, !incoming.deleted, incoming.authorID != userID else { return }
        let course = incoming.courseID
        if let thread = incoming.threadID {
            // A reply: to a thread I started, or one I wrote in.
            let involved =
                try db.fetchOne(
                    """
                    SELECT 1 FROM posts WHERE profile_id = ?1 AND (id = ?2 OR thread_id = ?2) AND id <> ?3 AND (author_id = ?4 OR mine = 1)
                    """, arguments: [profile.id, thread, id, userID]) != nil
            if involved {
                let title =
                    try db.fetchScalar(
                        String.self, "SELECT title FROM posts WHERE profile_id = ? AND id = ?",
                        arguments: [profile.id, thread]) ?? ""
                try Notifications.add(
                    db, id: "reply:\(id)", profileID: profile.id, kind: "reply",
                    title: .init(.noteReplyTitle, [incoming.authorName, title, course]),
                    body: .init(.noteBody, [Notifications.excerpt(incoming.body)]), now: now)
                return
            }
        }
        // A course's teachers hear of every new post; the first pull brings history, not news.
        guard try !isEnrolled(course), !firstPull else { return }
        try Notifications.add(
            db, id: "post:\(id)", profileID: profile.id, kind: "forum-post",
            title: .init(.notePostTitle, [incoming.authorName, course, incoming.title ?? ""]),
            body: .init(.noteBody, [Notifications.excerpt(incoming.body)]), now: now)
    }

    /// Stores a direct message (append-only by id); a message to me makes a notification.
    func applyMessage(id: String, _ payload: JSONValue) throws {
        guard let message = DirectMessage(id: id, payload: payload) else { return }
        // Only the two participants get a message change; anything else is not this profile's.
        guard message.fromID == userID || message.toID == userID else { return }
        let outgoing = message.fromID == userID
        try db.execute(
            """
            INSERT INTO messages(profile_id, id, course_id, from_id, from_name, to_id, to_name, body, sent_at, outgoing, synced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT(profile_id, id) DO UPDATE SET from_id = excluded.from_id, from_name = excluded.from_name, to_id = excluded.to_id,
                to_name = excluded.to_name, synced = 1
            """,
            arguments: [
                profile.id, id, message.courseID, message.fromID, message.fromName, message.toID, message.toName,
                message.body,
                message.sentAt, outgoing
            ])
        guard !outgoing else { return }
        try Notifications.add(
            db, id: "message:\(id)", profileID: profile.id, kind: "message",
            title: .init(.noteMessageTitle, [message.fromName, message.courseID]),
            body: .init(.noteBody, [Notifications.excerpt(message.body)]), now: now)
    }
}
