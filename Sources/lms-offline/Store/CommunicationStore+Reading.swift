import Foundation
import LMSDatabase
import LMSModel

/// Reading what `CommunicationStore` and sync stored: announcements, threads, messages.
extension CommunicationStore {
    /// An announcement as this profile has it.
    struct AnnouncementRow: Equatable {
        var id: String
        var courseID: String
        var author: String
        var title: String
        var body: String
        var createdAt: Date?
        var synced: SyncMark
    }

    /// A direct message as this profile has it.
    struct MessageRow: Equatable {
        var id: String
        var courseID: String
        var from: String
        var to: String
        var body: String
        var sentAt: Date?
        var outgoing: Bool
        var synced: SyncMark
    }

    /// The profile's announcements, newest first, of one course or all.
    func announcements(courseID: String?) throws -> [AnnouncementRow] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT id, course_id, author_name, title, body, created_at, synced FROM announcements
                WHERE profile_id = ?1 AND (?2 IS NULL OR course_id = ?2) ORDER BY created_at DESC, id
                """, arguments: [profile.id, courseID]
            ).map {
                AnnouncementRow(
                    id: $0.string(0) ?? "", courseID: $0.string(1) ?? "", author: $0.string(2) ?? "",
                    title: $0.string(3) ?? "", body: $0.string(4) ?? "", createdAt: $0.date(5),
                    synced: SyncMark($0.int(6)))
            }
        }
    }

    /// The threads of a course's forum (or of one lesson's), newest first, with their replies not deleted.
    func threads(courseID: String, lessonID: String?) throws -> [(post: Post, synced: SyncMark, replies: Int)] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT \(Self.columns),
                       (SELECT COUNT(*) FROM posts r WHERE r.profile_id = p.profile_id AND r.thread_id = p.id AND r.deleted = 0)
                FROM posts p WHERE profile_id = ?1 AND course_id = ?2 AND thread_id IS NULL AND lesson_id IS ?3
                ORDER BY created_at DESC, id
                """, arguments: [profile.id, courseID, lessonID]
            ).compactMap { row in
                Self.post(from: row).map { (post: $0, synced: SyncMark(row.int(14)), replies: row.int(15) ?? 0) }
            }
        }
    }

    /// The thread that a post (named by id or unique prefix) belongs to: its first post, then the replies.
    func thread(of target: String) throws -> [(post: Post, synced: SyncMark)] {
        try queue.read { db in
            let first = try Self.post(matching: target, profileID: profile.id, in: db)
            return try db.fetchAll(
                """
                SELECT \(Self.columns) FROM posts WHERE profile_id = ?1 AND (id = ?2 OR thread_id = ?2)
                ORDER BY thread_id IS NOT NULL, created_at, id
                """, arguments: [profile.id, first.thread]
            ).compactMap { row in Self.post(from: row).map { (post: $0, synced: SyncMark(row.int(14))) } }
        }
    }

    /// The profile's direct messages, oldest first, all or those with one person (by username, any case).
    func messages(with other: String?) throws -> [MessageRow] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT id, course_id, from_name, to_name, body, sent_at, outgoing, synced FROM messages
                WHERE profile_id = ?1 AND (?2 IS NULL OR lower(from_name) = lower(?2) OR lower(to_name) = lower(?2)) ORDER BY sent_at, id
                """, arguments: [profile.id, other]
            ).map {
                MessageRow(
                    id: $0.string(0) ?? "", courseID: $0.string(1) ?? "", from: $0.string(2) ?? "",
                    to: $0.string(3) ?? "", body: $0.string(4) ?? "", sentAt: $0.date(5), outgoing: $0.bool(6) ?? false,
                    synced: SyncMark($0.int(7)))
            }
        }
    }

    /// The lessons of a course that have forum posts here (for a course not installed on this device).
    static func lessonsWithPosts(courseID: String, queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in
            try db.fetchColumn(
                String.self, "SELECT DISTINCT lesson_id FROM posts WHERE course_id = ? AND lesson_id IS NOT NULL",
                arguments: [courseID]
            ).compactMap { $0 }
        }
    }
}
