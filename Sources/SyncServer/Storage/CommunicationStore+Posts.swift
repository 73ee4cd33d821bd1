import Foundation
import LMSDatabase
import LMSModel

// Forum posts: who may write, edit and delete them, and the threads a course shows.
extension CommunicationStore {
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
}
