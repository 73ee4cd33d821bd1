import Foundation
import LMSDatabase
import LMSModel

/// Announcements, forum posts and direct messages written on this device by one profile: each
/// change is stored and its outbox entry appended in one transaction (DESIGN.md, "The changelog
/// sync"), and shows as not yet synced until the server's copy comes back in a pull.
struct CommunicationStore {
    let queue: DatabaseQueue
    let deviceID: String
    let profile: Profile

    /// Who this profile is on the server: its account's id and username, or (never logged in) no
    /// id and the profile's name; the server names the author in any case.
    static func identity(of profile: Profile, in db: Database) throws -> (id: String, name: String) {
        if let row = try db.fetchOne(
            "SELECT user_id, username FROM sync_accounts WHERE profile_id = ?", arguments: [profile.id])
        {
            return (row.string(0) ?? "", row.string(1) ?? profile.name)
        }
        return ("", profile.name)
    }

    /// This profile's clock for posts: past every revision of its own posts (written here or by
    /// the same account elsewhere) and, for an edit or a delete, past the revision of the post it
    /// changes. Not past others' posts: one revision from a clock set far ahead would otherwise
    /// drag every later post and edit of this device along (docs/PROTOCOL.md §6.1).
    /// Own revisions more than `CommunicationLimits.maxRevisionLead` ahead of `now` are left out too:
    /// they were made while this device's date was wrong (the server refused them), and following
    /// them would keep every later post refused after the date is put right.
    static func clock(
        deviceID: String, profileID: String, me: String, changing post: Post? = nil, now: Date, in db: Database
    ) throws -> HybridLogicalClock {
        let bound = HLCTimestamp(
            wallMilliseconds: Int64(
                ((now.timeIntervalSince1970 + CommunicationLimits.maxRevisionLead) * 1000).rounded()),
            counter: HLCTimestamp.maxCounter, node: "~")
        // The wire form is fixed-width, so text order is time order.
        let last = try db.fetchScalar(
            String.self,
            """
            SELECT max(revision) FROM posts WHERE profile_id = ?1 AND (mine = 1 OR (?2 <> '' AND author_id = ?2)) AND revision <= ?3
            """, arguments: [profileID, me, bound.description])
        var clock = HybridLogicalClock(node: deviceID, last: last.flatMap(HLCTimestamp.init))
        if let post, post.revision <= bound { clock.observe(post.revision) }
        return clock
    }

    /// Refuses empty or oversized text, naming the option to fix.
    static func check(_ text: String, option: String, limit: Int) throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ClientError(.commsEmpty, option) }
        if text.utf8.count > limit { throw ClientError(.commsTooLong, option, limit) }
    }

    // MARK: - Writing

    /// Stores an announcement to `courseID` (the server accepts it from the course's teachers only).
    func announce(courseID: String, title: String, body: String, now: Date) throws -> Announcement {
        try Self.check(title, option: "--title", limit: CommunicationLimits.maxTitleBytes)
        try Self.check(body, option: "--body", limit: CommunicationLimits.maxBodyBytes)
        return try queue.write { db in
            let me = try Self.identity(of: profile, in: db)
            let note = Announcement(
                id: UUID().uuidString.lowercased(), courseID: courseID, authorID: me.id, authorName: me.name,
                title: title, body: body, createdAt: now)
            try db.execute(
                """
                INSERT INTO announcements(profile_id, id, course_id, author_name, title, body, created_at, synced) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                """, arguments: [profile.id, note.id, courseID, me.name, title, body, now])
            try Outbox.append(.announcement(note, deviceID: deviceID, profileID: profile.id, at: now), to: db)
            return note
        }
    }

    /// Starts a thread in the course's forum, or a lesson's.
    func startThread(courseID: String, lessonID: String?, title: String, body: String, now: Date) throws -> Post {
        try Self.check(title, option: "--title", limit: CommunicationLimits.maxTitleBytes)
        try Self.check(body, option: "--body", limit: CommunicationLimits.maxBodyBytes)
        return try queue.write { db in
            let me = try Self.identity(of: profile, in: db)
            var clock = try Self.clock(deviceID: deviceID, profileID: profile.id, me: me.id, now: now, in: db)
            let post = Post(
                id: UUID().uuidString.lowercased(), courseID: courseID, lessonID: lessonID, authorID: me.id,
                authorName: me.name,
                title: title, body: body, createdAt: now, revision: clock.now(now))
            try save(post, mine: true, at: now, in: db)
            return post
        }
    }

    /// Replies in the thread of post `target` (a thread, or a reply in it).
    func reply(to target: String, body: String, now: Date) throws -> Post {
        try Self.check(body, option: "--body", limit: CommunicationLimits.maxBodyBytes)
        return try queue.write { db in
            let parent = try Self.post(matching: target, profileID: profile.id, in: db)
            let thread =
                try parent.isThread ? parent : (Self.post(id: parent.thread, profileID: profile.id, in: db) ?? parent)
            if thread.deleted { throw ClientError(.commsPostDeleted, String(thread.id.prefix(8))) }
            let me = try Self.identity(of: profile, in: db)
            var clock = try Self.clock(deviceID: deviceID, profileID: profile.id, me: me.id, now: now, in: db)
            let post = Post(
                id: UUID().uuidString.lowercased(), courseID: thread.courseID, lessonID: thread.lessonID,
                threadID: thread.id,
                authorID: me.id, authorName: me.name, body: body, createdAt: now, revision: clock.now(now))
            try save(post, mine: true, at: now, in: db)
            return post
        }
    }

    /// Edits one of this profile's posts.
    func edit(_ target: String, title: String?, body: String, now: Date) throws -> Post {
        try Self.check(body, option: "--body", limit: CommunicationLimits.maxBodyBytes)
        if let title { try Self.check(title, option: "--title", limit: CommunicationLimits.maxTitleBytes) }
        return try queue.write { db in
            let stored = try Self.post(matching: target, profileID: profile.id, in: db)
            let me = try Self.identity(of: profile, in: db)
            guard try Self.isMine(stored, me: me.id, profileID: profile.id, in: db) else {
                throw ClientError(.commsNotYours, String(stored.id.prefix(8)))
            }
            if stored.deleted { throw ClientError(.commsPostDeleted, String(stored.id.prefix(8))) }
            var clock = try Self.clock(
                deviceID: deviceID, profileID: profile.id, me: me.id, changing: stored, now: now, in: db)
            let edited = stored.edited(title: title, body: body, at: clock.now(now))
            try save(edited, mine: true, at: now, in: db)
            return edited
        }
    }

    /// Deletes a post (a tombstone): one's own, or any in a course this profile teaches (the server checks).
    func delete(_ target: String, now: Date) throws -> Post {
        try queue.write { db in
            let stored = try Self.post(matching: target, profileID: profile.id, in: db)
            let me = try Self.identity(of: profile, in: db)
            if stored.deleted { throw ClientError(.commsPostDeleted, String(stored.id.prefix(8))) }
            let enrolled =
                try db.fetchOne(
                    "SELECT 1 FROM enrollments WHERE profile_id = ? AND course_id = ?",
                    arguments: [profile.id, stored.courseID]) != nil
            // A student may delete only their own; a teacher is not enrolled in the courses they teach.
            guard try Self.isMine(stored, me: me.id, profileID: profile.id, in: db) || !enrolled else {
                throw ClientError(.commsCannotDelete, stored.courseID, String(stored.id.prefix(8)))
            }
            var clock = try Self.clock(
                deviceID: deviceID, profileID: profile.id, me: me.id, changing: stored, now: now, in: db)
            let tomb = stored.deleted(by: me.id, at: clock.now(now))
            try save(tomb, mine: nil, at: now, in: db)
            return tomb
        }
    }

    /// Sends a direct message to `username` about `courseID`.
    func send(to username: String, courseID: String, body: String, now: Date) throws -> DirectMessage {
        try Self.check(body, option: "--body", limit: CommunicationLimits.maxBodyBytes)
        return try queue.write { db in
            let me = try Self.identity(of: profile, in: db)
            guard username.lowercased() != me.name.lowercased() else { throw ClientError(.commsMessageSelf) }
            let message = DirectMessage(
                id: UUID().uuidString.lowercased(), courseID: courseID, fromID: me.id, fromName: me.name,
                toID: "", toName: username, body: body, sentAt: now)
            try db.execute(
                """
                INSERT INTO messages(profile_id, id, course_id, from_id, from_name, to_id, to_name, body, sent_at, outgoing, synced)
                VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, 1, 0)
                """, arguments: [profile.id, message.id, courseID, me.id, me.name, username, body, now])
            try Outbox.append(.message(message, deviceID: deviceID, profileID: profile.id, at: now), to: db)
            return message
        }
    }

    /// Stores a post written here and appends its outbox entry. `mine` nil keeps the row's flag.
    private func save(_ post: Post, mine: Bool?, at now: Date, in db: Database) throws {
        try Self.store(post, profileID: profile.id, mine: mine, synced: false, in: db)
        try Outbox.append(.post(post, deviceID: deviceID, profileID: profile.id, at: now), to: db)
    }

    // MARK: - Rows

    /// Writes a post's row (insert or replace), keeping `mine` when nil.
    static func store(_ post: Post, profileID: String, mine: Bool?, synced: Bool, in db: Database) throws {
        try db.execute(
            """
            INSERT INTO posts(profile_id, id, course_id, lesson_id, thread_id, author_id, author_name, title, body, created_at, revision,
                              edited, deleted, deleted_by, mine, synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 0), ?)
            ON CONFLICT(profile_id, id) DO UPDATE SET author_id = excluded.author_id, author_name = excluded.author_name,
                title = excluded.title, body = excluded.body, revision = excluded.revision, edited = excluded.edited,
                deleted = excluded.deleted, deleted_by = excluded.deleted_by, mine = coalesce(?, mine), synced = excluded.synced
            """,
            arguments: [
                profileID, post.id, post.courseID, post.lessonID, post.threadID, post.authorID, post.authorName,
                post.title,
                post.body, post.createdAt, post.revision.description, post.edited, post.deleted, post.deletedBy, mine,
                synced, mine
            ])
    }

    static let columns =
        "id, course_id, lesson_id, thread_id, author_id, author_name, title, body, created_at, revision, edited, deleted, deleted_by, mine, synced"

    static func post(from row: Row) -> Post? {
        guard let id = row.string(0), let course = row.string(1),
            let revision = row.string(9).flatMap(HLCTimestamp.init)
        else { return nil }
        return Post(
            id: id, courseID: course, lessonID: row.string(2), threadID: row.string(3), authorID: row.string(4) ?? "",
            authorName: row.string(5) ?? "", title: row.string(6), body: row.string(7) ?? "",
            createdAt: row.date(8) ?? Date(timeIntervalSince1970: 0), revision: revision, edited: row.bool(10) ?? false,
            deleted: row.bool(11) ?? false, deletedBy: row.string(12))
    }

    static func post(id: String, profileID: String, in db: Database) throws -> Post? {
        try db.fetchOne("SELECT \(columns) FROM posts WHERE profile_id = ? AND id = ?", arguments: [profileID, id])
            .flatMap(post(from:))
    }

    /// The post named by its id or a unique prefix of it (listings show eight characters).
    static func post(matching text: String, profileID: String, in db: Database) throws -> Post {
        let rows = try db.fetchAll(
            "SELECT \(columns) FROM posts WHERE profile_id = ?1 AND (id = ?2 OR id LIKE ?3 ESCAPE '\\') LIMIT 6",
            arguments: [
                profileID, text,
                text.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            ])
        let posts = rows.compactMap(post(from:))
        if let exact = posts.first(where: { $0.id == text }) { return exact }
        guard !text.isEmpty, let only = posts.first else { throw ClientError(.commsPostUnknown, text) }
        guard posts.count == 1 else {
            throw ClientError(.commsPostAmbiguous, text, posts.map { String($0.id.prefix(12)) }.joined(separator: ", "))
        }
        return only
    }

    /// Whether this profile wrote `post` (here, or by the same account elsewhere).
    static func isMine(_ post: Post, me: String, profileID: String, in db: Database) throws -> Bool {
        if !me.isEmpty, post.authorID == me { return true }
        return try db.fetchScalar(
            Int.self, "SELECT mine FROM posts WHERE profile_id = ? AND id = ?", arguments: [profileID, post.id]) == 1
    }

    // MARK: - Erasure

    /// Removes what this device holds of an erased user (server id `userID`), for every profile:
    /// messages to or from them, the text and name of their posts (kept as tombstones), and their
    /// name on announcements; and the notifications that quote them (`message:ID`, `reply:ID`,
    /// `post:ID`, and replies in their threads, whose notices carry the thread's title), which is
    /// why those go first, while the rows still say whose they were. Run inside the transaction
    /// that applies the erasure.
    static func erase(userID: String, in db: Database) throws {
        guard !userID.isEmpty else { return }
        try db.execute(
            """
            DELETE FROM notifications WHERE id IN (SELECT 'message:' || id FROM messages WHERE from_id = ?1 OR to_id = ?1)
               OR id IN (SELECT 'reply:' || id FROM posts WHERE author_id = ?1 UNION SELECT 'post:' || id FROM posts WHERE author_id = ?1)
               OR id IN (SELECT 'reply:' || r.id FROM posts r JOIN posts t ON t.profile_id = r.profile_id AND t.id = r.thread_id
                         WHERE t.author_id = ?1)
            """, arguments: [userID])
        try db.execute("DELETE FROM messages WHERE from_id = ?1 OR to_id = ?1", arguments: [userID])
        try db.execute(
            """
            UPDATE posts SET author_id = '', author_name = '', title = CASE WHEN thread_id IS NULL THEN '' END, body = '', deleted = 1,
                   deleted_by = coalesce(deleted_by, 'erasure') WHERE author_id = ?
            """, arguments: [userID])
    }
}
