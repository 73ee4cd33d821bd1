import Foundation

/// A forum post: a thread (it has a title and no `threadID`) or a reply in a thread. Posts are
/// made with random ids, so two devices never write the same new post; an edit rewrites title and
/// body with a newer hybrid-logical-clock `revision`, and a delete leaves a tombstone.
///
/// The merge rule (`merged(with:)`, docs/PROTOCOL.md "post"): the text of the later revision wins;
/// a delete is final: once either replica is deleted the merge is deleted, whatever edit came
/// later (an edit made offline cannot bring back what the author or a teacher took down).
public struct Post: Hashable, Sendable {
    /// A random id.
    public var id: String
    /// The course whose forum it is in.
    public var courseID: String
    /// The lesson, for a lesson's forum; nil for the course-wide forum.
    public var lessonID: String?
    /// The thread it replies in; nil when it starts a thread.
    public var threadID: String?
    /// The author's user id (the server's; set by the server from the pushing account).
    public var authorID: String
    /// The author's name as shown.
    public var authorName: String
    /// The title (threads).
    public var title: String?
    /// The text (Markdown).
    public var body: String
    /// When it was first written, on the writer's clock.
    public var createdAt: Date
    /// The revision of `title` and `body`: the later wins.
    public var revision: HLCTimestamp
    /// Whether it was ever edited (grow-only).
    public var edited: Bool
    /// Whether it was deleted (grow-only: a tombstone).
    public var deleted: Bool
    /// Who deleted it, when deleted.
    public var deletedBy: String?

    /// Makes a post.
    public init(
        id: String, courseID: String, lessonID: String? = nil, threadID: String? = nil, authorID: String,
        authorName: String, title: String? = nil, body: String, createdAt: Date, revision: HLCTimestamp,
        edited: Bool = false, deleted: Bool = false, deletedBy: String? = nil
    ) {
        self.id = id
        self.courseID = courseID
        self.lessonID = lessonID
        self.threadID = threadID
        self.authorID = authorID
        self.authorName = authorName
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.revision = revision
        self.edited = edited
        self.deleted = deleted
        self.deletedBy = deletedBy
    }

    /// Whether it starts a thread.
    public var isThread: Bool { threadID == nil }

    /// The thread it belongs to (its own id for a thread).
    public var thread: String { threadID ?? id }

    /// This post with new text at `revision`.
    public func edited(title: String?, body: String, at revision: HLCTimestamp) -> Post {
        var out = self
        if isThread, let title { out.title = title }
        out.body = body
        out.revision = revision
        out.edited = true
        return out
    }

    /// This post's tombstone, deleted by `userID` at `revision`: the text is gone.
    public func deleted(by userID: String, at revision: HLCTimestamp) -> Post {
        var out = self
        out.title = isThread ? "" : nil
        out.body = ""
        out.revision = revision
        out.deleted = true
        out.deletedBy = userID
        return out
    }

    /// Combines two replicas of the same post: the later revision's text wins (ties broken by the
    /// text itself, so the rule never depends on the order of the arguments); `edited` and
    /// `deleted` only grow, and a deleted post has no text. Commutative, associative, idempotent.
    public func merged(with other: Post) -> Post {
        let (_, newer) = Self.order(self, other)
        var out = newer
        out.edited = edited || other.edited
        if deleted || other.deleted {
            // The tombstone that says who deleted: the later deleted replica's.
            let tombstones = [self, other].filter(\.deleted)
            let last = tombstones.count == 2 ? Self.order(tombstones[0], tombstones[1]).1 : tombstones[0]
            out.deleted = true
            out.deletedBy = last.deletedBy
            out.title = out.isThread ? "" : nil
            out.body = ""
        }
        return out
    }

    /// The two replicas as (older, newer): by revision, then by text.
    static func order(_ a: Post, _ b: Post) -> (Post, Post) {
        if a.revision != b.revision { return a.revision < b.revision ? (a, b) : (b, a) }
        let ka = (a.deleted ? 1 : 0, a.title ?? "", a.body, a.deletedBy ?? "")
        let kb = (b.deleted ? 1 : 0, b.title ?? "", b.body, b.deletedBy ?? "")
        return ka <= kb ? (a, b) : (b, a)
    }
}

/// A direct message between a teacher and a student who share a course. Append-only, random ids.
public struct DirectMessage: Hashable, Sendable {
    /// A random id.
    public var id: String
    /// The course the two share (it decides who may write to whom).
    public var courseID: String
    /// The sender's user id.
    public var fromID: String
    /// The sender's name.
    public var fromName: String
    /// The recipient's user id (empty until the server resolves `toName`).
    public var toID: String
    /// The recipient's username.
    public var toName: String
    /// The text.
    public var body: String
    /// When it was written, on the sender's clock.
    public var sentAt: Date

    /// Makes a message.
    public init(
        id: String, courseID: String, fromID: String, fromName: String, toID: String, toName: String,
        body: String, sentAt: Date
    ) {
        self.id = id
        self.courseID = courseID
        self.fromID = fromID
        self.fromName = fromName
        self.toID = toID
        self.toName = toName
        self.body = body
        self.sentAt = sentAt
    }
}

/// A course announcement. It belongs to the server: a teacher writes it (offline too), and the
/// server accepts it only from the course's staff. Append-only, random ids.
public struct Announcement: Hashable, Sendable {
    /// A random id.
    public var id: String
    /// The course.
    public var courseID: String
    /// The author's user id.
    public var authorID: String
    /// The author's name.
    public var authorName: String
    /// The title.
    public var title: String
    /// The text (Markdown).
    public var body: String
    /// When it was written, on the author's clock.
    public var createdAt: Date

    /// Makes an announcement.
    public init(
        id: String, courseID: String, authorID: String, authorName: String, title: String, body: String, createdAt: Date
    ) {
        self.id = id
        self.courseID = courseID
        self.authorID = authorID
        self.authorName = authorName
        self.title = title
        self.body = body
        self.createdAt = createdAt
    }
}

/// Bounds on what people write, checked by the client before storing and by the server on receipt.
public enum CommunicationLimits {
    /// The longest title, in bytes of UTF-8.
    public static let maxTitleBytes = 200
    /// The longest body, in bytes of UTF-8 (64 KiB: a long post, never a file).
    public static let maxBodyBytes = 64 * 1024
    /// How far ahead of the server's clock a post's revision may be, in seconds (the sync's
    /// trusted skew, 5 minutes): a revision from a clock set far ahead (or made up) would win every
    /// later edit of the post, for everyone, until real time caught up.
    public static let maxRevisionLead: TimeInterval = SyncMerge.trustedSkew
}
