import Foundation
import LMSDatabase
import LMSModel

/// Forum posts, direct messages and announcements (docs/PROTOCOL.md "post", "message",
/// "announcement"). One set of rules, used by the sync (`SyncIngest+Posts`) and by the API
/// (`CommunicationRoutes`), so that both make the same records and the same server changes:
///
/// - a post is written by a member of its course (an enrolled student, its staff, an admin);
///   its text is edited only by its author; it is deleted by its author or the course's staff;
/// - an announcement is written only by the course's staff;
/// - a direct message goes between a student actively enrolled in the course and a teacher of
///   that course (or an admin), and is visible to those two only: its server change is appended
///   once for each of them, never course-wide.
struct CommunicationStore: AreaStore {
    let queue: DatabaseQueue

    /// Why a post, message or announcement was refused.
    struct CommunicationRefusal: Error, CustomStringConvertible {
        enum Kind { case forbidden, invalid, notFound, limited }
        var kind: Kind
        var reason: String
        var description: String { reason }

        /// The same refusal as an API error.
        var apiError: APIError {
            switch kind {
            case .forbidden: return .forbidden(reason)
            case .invalid: return .badRequest(reason, code: "invalid_communication")
            case .notFound: return .notFound(reason)
            case .limited:
                var error = APIError(status: 429, code: "daily_limit", message: reason)
                error.headers = [("Retry-After", String(CommunicationStore.secondsToNextDay()))]
                return error
            }
        }
    }

    static func refuse(_ kind: CommunicationRefusal.Kind, _ reason: String) -> CommunicationRefusal {
        CommunicationRefusal(kind: kind, reason: reason)
    }

    // MARK: - In one transaction each (the API's writes)

    /// A post by id.
    func post(_ id: String) throws -> Post? { try read { db in try Self.post(id, in: db) } }

    /// `savePost(_:by:lessons:in:)` in a transaction of its own.
    func savePost(_ post: Post, by user: User, lessons: Set<String>?) throws -> Post {
        try write { db in try Self.savePost(post, by: user, lessons: lessons, in: db) }
    }

    /// `saveMessage(_:by:in:)` in a transaction of its own.
    func saveMessage(_ message: DirectMessage, by user: User) throws -> DirectMessage {
        try write { db in try Self.saveMessage(message, by: user, in: db) }
    }

    /// `saveAnnouncement(_:by:in:)` in a transaction of its own.
    func saveAnnouncement(_ announcement: Announcement, by user: User) throws -> Announcement {
        try write { db in try Self.saveAnnouncement(announcement, by: user, in: db) }
    }

    // MARK: - Rights

    static func checkCourse(_ courseID: String, in db: Database) throws {
        guard try db.cachedStatement(sql: "SELECT 1 FROM courses WHERE id = ?").fetchOne(arguments: [courseID]) != nil
        else {
            throw refuse(.notFound, "there is no course \(courseID)")
        }
    }

    static func checkText(title: String?, body: String, needsTitle: Bool) throws {
        if needsTitle, (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw refuse(.invalid, "a title is needed")
        }
        if (title ?? "").utf8.count > CommunicationLimits.maxTitleBytes {
            throw refuse(.invalid, "the title is longer than \(CommunicationLimits.maxTitleBytes) bytes")
        }
        if body.utf8.count > CommunicationLimits.maxBodyBytes {
            throw refuse(.invalid, "the text is longer than \(CommunicationLimits.maxBodyBytes / 1024) KB")
        }
    }

    // MARK: - Daily limit

    /// Seconds until the next UTC day, when the daily count starts again.
    static func secondsToNextDay(now: Int64 = nowMilliseconds()) -> Int {
        Int((86_400_000 - now % 86_400_000 + 999) / 1000)
    }

    /// Counts one new post or message by `user` in today's (UTC) total, refusing it past
    /// `ServerLimits.maxPostsAndMessagesPerDay`.
    static func countPosting(by user: User, in db: Database, now: Int64 = nowMilliseconds()) throws {
        let day = now / 86_400_000
        let used =
            try db.cachedStatement(sql: "SELECT count FROM posting_days WHERE user_id = ? AND day = ?")
            .fetchScalar(Int.self, arguments: [user.id, day]) ?? 0
        guard used < ServerLimits.maxPostsAndMessagesPerDay else {
            throw refuse(
                .limited,
                """
                \(user.username) has written \(ServerLimits.maxPostsAndMessagesPerDay) posts and messages today, the most for one \
                person in a day: write again after 00:00 UTC
                """)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO posting_days(user_id, day, count) VALUES (?, ?, 1) ON CONFLICT(user_id, day) DO UPDATE SET count = count + 1
                """
        ).execute(arguments: [user.id, day])
    }

    // MARK: - Posts

    /// Refuses a revision whose wall time is more than `CommunicationLimits.maxRevisionLead`
    /// ahead of the server's clock (unless the stored revision is already that far: an edit or a
    /// delete of such a post orders after it without going further).
    static func checkRevision(_ revision: HLCTimestamp, stored: HLCTimestamp?, now: Int64 = nowMilliseconds()) throws {
        let limit = now + Int64(CommunicationLimits.maxRevisionLead * 1000)
        guard revision.wallMilliseconds > limit, revision.wallMilliseconds > stored?.wallMilliseconds ?? Int64.min
        else { return }
        throw refuse(
            .invalid,
            """
            the post's revision \(revision) is more than \(Int(CommunicationLimits.maxRevisionLead / 60)) minutes ahead of the server's \
            clock: set this device's date and time, then edit the post again
            """)
    }

    /// Stores a post's new state from `user` (made, edited or deleted) with the merge rule
    /// `Post.merged(with:)`, and appends a course-wide `post` change when anything changed.
    /// `lessons` are the course's lesson ids, when known, to check a lesson forum's lesson.
    @discardableResult
    static func savePost(_ incoming: Post, by user: User, lessons: Set<String>?, in db: Database) throws -> Post {
        try checkCourse(incoming.courseID, in: db)
        let staff = try Rights.isStaff(user, of: incoming.courseID, in: db)
        guard try staff || Rights.mayPost(user, in: incoming.courseID, in: db) else {
            throw refuse(.forbidden, "you are not a member of \(incoming.courseID)")
        }
        guard !incoming.id.isEmpty, incoming.id.utf8.count <= 64 else {
            throw refuse(.invalid, "a post needs an id of 1 to 64 bytes")
        }
        let existing = try post(incoming.id, in: db)
        try checkRevision(incoming.revision, stored: existing?.revision)
        var merged: Post
        if let stored = existing {
            guard stored.courseID == incoming.courseID else {
                throw refuse(.invalid, "post \(stored.id) is not in \(incoming.courseID)")
            }
            if stored.deleted { return stored } // a delete is final: nothing can change a tombstone
            merged = stored.merged(with: incoming)
            // Who wrote it, where and when never change, whatever the device sent.
            merged.authorID = stored.authorID
            merged.authorName = stored.authorName
            merged.lessonID = stored.lessonID
            merged.threadID = stored.threadID
            merged.createdAt = stored.createdAt
            if stored.threadID != nil { merged.title = nil }
            if merged == stored { return stored } // nothing new (a repeat, or an edit older than what is here)
            if merged.deleted && !stored.deleted {
                guard Rights.mayChange(stored, by: user, deleting: true, isStaff: staff) else {
                    throw refuse(
                        .forbidden, "only its author or a teacher of \(stored.courseID) may delete post \(stored.id)")
                }
                merged.deletedBy = user.id
            } else {
                guard Rights.mayChange(stored, by: user, deleting: false, isStaff: staff) else {
                    throw refuse(.forbidden, "only its author may edit post \(stored.id)")
                }
                try checkText(title: merged.title, body: merged.body, needsTitle: false)
            }
        } else {
            merged = incoming
            merged.authorID = user.id
            merged.authorName = user.username
            if merged.deleted { merged.deletedBy = user.id }
            if let threadID = incoming.threadID {
                guard let thread = try post(threadID, in: db), thread.courseID == incoming.courseID else {
                    throw refuse(.notFound, "there is no thread \(threadID) in \(incoming.courseID)")
                }
                guard thread.isThread else {
                    throw refuse(.invalid, "post \(threadID) is a reply: reply to its thread \(thread.thread)")
                }
                guard !thread.deleted else { throw refuse(.invalid, "thread \(threadID) was deleted") }
                merged.lessonID = thread.lessonID
                merged.title = nil
            } else if let lesson = incoming.lessonID, let lessons, !lessons.contains(lesson) {
                throw refuse(.notFound, "\(incoming.courseID) has no lesson \(lesson)")
            }
            if !merged.deleted { try checkText(title: merged.title, body: merged.body, needsTitle: merged.isThread) }
            try countPosting(by: user, in: db)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO posts(id, course_id, lesson_id, thread_id, author_id, author_name, title, body, created_at, revision,
                                  edited, deleted, deleted_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body, revision = excluded.revision,
                    edited = excluded.edited, deleted = excluded.deleted, deleted_by = excluded.deleted_by, updated_at = excluded.updated_at
                """
        ).execute(arguments: [
            merged.id, merged.courseID, merged.lessonID, merged.threadID, merged.authorID, merged.authorName,
            merged.title, merged.body, merged.createdAt, merged.revision.description, merged.edited,
            merged.deleted, merged.deletedBy, nowMilliseconds()
        ])
        // The latest change carries the post's whole state: the earlier ones go, so that an edited
        // or deleted text is not served again to a device pulling from an older cursor
        // (docs/PROTOCOL.md §6.1). `kind = 'post'` is literal so that SQLite uses the partial index
        // `changes_post_entity` (migration 9).
        try db.cachedStatement(sql: "DELETE FROM changes WHERE kind = 'post' AND entity = ?").execute(arguments: [
            merged.id
        ])
        try ChangelogStore.appendChange(
            kind: "post", entity: merged.id, userID: nil, courseID: merged.courseID, payload: merged.payload, in: db)
        return merged
    }

    /// The columns `post(from:)` reads, qualified so that they also serve a query with subqueries on `posts`.
    static let postColumns = """
        p.id, p.course_id, p.lesson_id, p.thread_id, p.author_id, p.author_name, p.title, p.body, p.created_at, p.revision,
        p.edited, p.deleted, p.deleted_by
        """

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

    /// One post by id.
    static func post(_ id: String, in db: Database) throws -> Post? {
        try db.cachedStatement(sql: "SELECT \(postColumns) FROM posts p WHERE id = ?").fetchOne(arguments: [id])
            .flatMap(post(from:))
    }

    /// One page of the threads of a course's forum (`lesson` nil: the course-wide forum), newest
    /// first, each with its number of live replies; a thread's `body` holds only its first
    /// `ServerLimits.threadExcerptCharacters` characters (and one more when there are more).
    func threads(courseID: String, lesson: String?, page: CommunicationPage = CommunicationPage()) throws
        -> (threads: [(post: Post, replies: Int)], next: String?)
    {
        try read { db in
            let columns = Self.postColumns.replacingOccurrences(
                of: "p.body", with: "substr(p.body, 1, \(ServerLimits.threadExcerptCharacters + 1))")
            let rows = try db.fetchAll(
                """
                SELECT \(columns), (SELECT COUNT(*) FROM posts r WHERE r.thread_id = p.id AND r.deleted = 0)
                FROM posts p WHERE p.course_id = ?1 AND p.thread_id IS NULL AND p.lesson_id IS ?2
                  AND (?3 IS NULL OR p.created_at < ?3 OR (p.created_at = ?3 AND p.id < ?4))
                ORDER BY p.created_at DESC, p.id DESC LIMIT ?5
                """, arguments: [courseID, lesson ?? (nil as String?), page.beforeAt, page.beforeID, page.limit + 1])
            let kept = rows.prefix(page.limit)
            return (
                kept.compactMap { row in Self.post(from: row).map { ($0, row.int(13) ?? 0) } },
                page.next(fetched: rows.count, lastAt: kept.last?.int64(8), lastID: kept.last?.string(0))
            )
        }
    }

    /// A thread and its replies, oldest first; nil when there is no such post in the course.
    func thread(_ id: String, courseID: String) throws -> [Post]? {
        try read { db in
            guard let first = try Self.post(id, in: db), first.courseID == courseID else { return nil }
            let root = first.thread
            return try db.fetchAll(
                "SELECT \(Self.postColumns) FROM posts p WHERE id = ?1 OR thread_id = ?1 ORDER BY thread_id IS NOT NULL, created_at, id",
                arguments: [root]
            ).compactMap(Self.post(from:))
        }
    }

    // MARK: - Announcements

    /// Stores an announcement from `user` (staff only) and appends a course-wide `announcement` change.
    @discardableResult
    static func saveAnnouncement(_ incoming: Announcement, by user: User, in db: Database) throws -> Announcement {
        try checkCourse(incoming.courseID, in: db)
        guard try Rights.mayAnnounce(user, in: incoming.courseID, in: db) else {
            throw refuse(.forbidden, "only the teachers of \(incoming.courseID) may announce")
        }
        guard !incoming.id.isEmpty, incoming.id.utf8.count <= 64 else {
            throw refuse(.invalid, "an announcement needs an id of 1 to 64 bytes")
        }
        let author = try db.cachedStatement(sql: "SELECT author_id FROM announcements WHERE id = ?").fetchScalar(
            String.self, arguments: [incoming.id])
        switch Rights.claim(ofIDHeldBy: author, by: user) {
        case .free: break
        case .repeated: return incoming // the same announcement again: once
        case .taken: throw refuse(.forbidden, "announcement \(incoming.id) belongs to someone else")
        }
        try checkText(title: incoming.title, body: incoming.body, needsTitle: true)
        var stored = incoming
        stored.authorID = user.id
        stored.authorName = user.username
        try db.cachedStatement(
            sql: """
                INSERT INTO announcements(id, course_id, author_id, author_name, title, body, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            stored.id, stored.courseID, stored.authorID, stored.authorName, stored.title, stored.body,
            stored.createdAt, nowMilliseconds()
        ])
        try ChangelogStore.appendChange(
            kind: "announcement", entity: stored.id, userID: nil, courseID: stored.courseID, payload: stored.payload,
            in: db)
        return stored
    }

    /// One page of a course's announcements, newest first.
    func announcements(courseID: String, page: CommunicationPage = CommunicationPage()) throws -> (
        announcements: [Announcement], next: String?
    ) {
        try read { db in
            let rows = try db.fetchAll(
                """
                SELECT id, course_id, author_id, author_name, title, body, created_at FROM announcements WHERE course_id = ?1
                  AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
                ORDER BY created_at DESC, id DESC LIMIT ?4
                """, arguments: [courseID, page.beforeAt, page.beforeID, page.limit + 1])
            let kept = rows.prefix(page.limit)
            return (
                kept.map { r in
                    Announcement(
                        id: r.string(0) ?? "", courseID: r.string(1) ?? "", authorID: r.string(2) ?? "",
                        authorName: r.string(3) ?? "",
                        title: r.string(4) ?? "", body: r.string(5) ?? "",
                        createdAt: r.date(6) ?? Date(timeIntervalSince1970: 0))
                }, page.next(fetched: rows.count, lastAt: kept.last?.int64(6), lastID: kept.last?.string(0))
            )
        }
    }

    // MARK: - Direct messages

    /// Stores a direct message from `user` to the student or teacher it names (by id, else by
    /// username), after checking that the two are a student and a teacher of its course, and
    /// appends one `message` change for each of the two.
    @discardableResult
    static func saveMessage(_ incoming: DirectMessage, by user: User, in db: Database) throws -> DirectMessage {
        guard !incoming.id.isEmpty, incoming.id.utf8.count <= 64 else {
            throw refuse(.invalid, "a message needs an id of 1 to 64 bytes")
        }
        let sender = try db.cachedStatement(sql: "SELECT from_id FROM messages WHERE id = ?").fetchScalar(
            String.self, arguments: [incoming.id])
        switch Rights.claim(ofIDHeldBy: sender, by: user) {
        case .free: break
        case .repeated: return incoming
        case .taken: throw refuse(.forbidden, "message \(incoming.id) belongs to someone else")
        }
        try checkCourse(incoming.courseID, in: db)
        let row =
            incoming.toID.isEmpty
            ? try db.cachedStatement(
                sql: "SELECT id, username, role, disabled FROM users WHERE username = ? COLLATE NOCASE"
            ).fetchOne(arguments: [incoming.toName])
            : try db.cachedStatement(sql: "SELECT id, username, role, disabled FROM users WHERE id = ?").fetchOne(
                arguments: [incoming.toID])
        // No such user and a user one may not write to get the same answer, in the words the
        // sender used, so that messages cannot list usernames (issue 13, item 13).
        let named = incoming.toName.isEmpty ? incoming.toID : incoming.toName
        let notAllowed = refuse(
            .forbidden,
            "direct messages go between a student and a teacher of \(incoming.courseID); \(user.username) and \(named) are not (or there is no such user)"
        )
        guard let row, let toID = row.string(0), let toName = row.string(1),
            let role = row.string(2).flatMap(Role.init(rawValue:))
        else { throw notAllowed }
        let recipient = User(
            id: toID, username: toName, displayName: toName, role: role, disabled: row.bool(3) ?? false)
        guard recipient.id != user.id else { throw refuse(.invalid, "a message needs someone else to go to") }
        guard try Rights.mayMessage(from: user, to: recipient, in: incoming.courseID, in: db) else { throw notAllowed }
        // Nobody would read it: a disabled account cannot log in, and an erased one is gone for good.
        if recipient.disabled {
            let erased =
                try db.cachedStatement(sql: "SELECT 1 FROM erasures WHERE user_id = ?").fetchOne(arguments: [
                    recipient.id
                ]) != nil
            throw refuse(
                .forbidden,
                erased
                    ? "the account \(recipient.username) was erased: a message cannot reach it"
                    : "the account \(recipient.username) is disabled: a message cannot reach it until an administrator enables it again"
            )
        }
        try checkText(title: nil, body: incoming.body, needsTitle: false)
        guard !incoming.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refuse(.invalid, "a message needs text")
        }
        try countPosting(by: user, in: db)
        var stored = incoming
        stored.fromID = user.id
        stored.fromName = user.username
        stored.toID = recipient.id
        stored.toName = recipient.username
        try db.cachedStatement(
            sql: """
                INSERT INTO messages(id, course_id, from_id, from_name, to_id, to_name, body, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            stored.id, stored.courseID, stored.fromID, stored.fromName, stored.toID, stored.toName, stored.body,
            stored.sentAt, nowMilliseconds()
        ])
        // Visible to its two participants only: one change for each, never course-wide.
        for participant in [stored.fromID, stored.toID] {
            try ChangelogStore.appendChange(
                kind: "message", entity: stored.id, userID: participant, courseID: stored.courseID,
                payload: stored.payload, in: db)
        }
        return stored
    }

    /// One page of the messages `userID` sent or received (with `other`, when given): the latest
    /// `page.limit` before the page's cursor, oldest first within the page (`next` goes further back).
    func messages(userID: String, with other: String?, page: CommunicationPage = CommunicationPage()) throws
        -> (messages: [DirectMessage], next: String?)
    {
        try read { db in
            let rows = try db.fetchAll(
                """
                SELECT id, course_id, from_id, from_name, to_id, to_name, body, sent_at FROM messages
                WHERE (from_id = ?1 OR to_id = ?1) AND (?2 IS NULL OR (from_id = ?2 AND to_id = ?1) OR (to_id = ?2 AND from_id = ?1))
                  AND (?3 IS NULL OR sent_at < ?3 OR (sent_at = ?3 AND id < ?4))
                ORDER BY sent_at DESC, id DESC LIMIT ?5
                """, arguments: [userID, other, page.beforeAt, page.beforeID, page.limit + 1])
            let kept = rows.prefix(page.limit)
            return (
                kept.reversed().map { r in
                    DirectMessage(
                        id: r.string(0) ?? "", courseID: r.string(1) ?? "", fromID: r.string(2) ?? "",
                        fromName: r.string(3) ?? "",
                        toID: r.string(4) ?? "", toName: r.string(5) ?? "", body: r.string(6) ?? "",
                        sentAt: r.date(7) ?? Date(timeIntervalSince1970: 0))
                }, page.next(fetched: rows.count, lastAt: kept.last?.int64(7), lastID: kept.last?.string(0))
            )
        }
    }

}
