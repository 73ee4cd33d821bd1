import Foundation
import LMSDatabase
import LMSModel

/// Erasing a user's communication (for the admin's erasure of a user, DESIGN.md "Data rights"):
/// their direct messages are deleted, their posts become tombstones with no author (threads keep
/// their replies), and the announcements they made stay for the course with no author. The server
/// changes that carried the old text go too; devices get the tombstones and the anonymous
/// announcements as new changes (the client applies an erasure with `CommunicationStore.erase`).
extension CommunicationStore {
    /// Erases `userID`'s messages, posts and name on announcements, inside the caller's transaction.
    /// Returns how many posts were turned into tombstones.
    @discardableResult
    static func eraseCommunication(of userID: String, in db: Database) throws -> Int {
        // Messages, and the changes that carried them.
        try db.execute(
            """
            DELETE FROM changes WHERE kind = 'message' AND entity IN (SELECT id FROM messages WHERE from_id = ?1 OR to_id = ?1)
            """, arguments: [userID])
        try db.execute("DELETE FROM messages WHERE from_id = ?1 OR to_id = ?1", arguments: [userID])
        // Announcements: kept, without the author.
        let notes = try db.fetchAll(
            """
            SELECT id, course_id, title, body, created_at FROM announcements WHERE author_id = ?
            """, arguments: [userID])
        for row in notes {
            guard let id = row.string(0), let course = row.string(1) else { continue }
            let note = Announcement(
                id: id, courseID: course, authorID: "", authorName: "", title: row.string(2) ?? "",
                body: row.string(3) ?? "",
                createdAt: row.date(4) ?? Date(timeIntervalSince1970: 0))
            try db.execute("UPDATE announcements SET author_id = '', author_name = '' WHERE id = ?", arguments: [id])
            try db.execute("DELETE FROM changes WHERE kind = 'announcement' AND entity = ?", arguments: [id])
            try ChangelogStore.appendChange(
                kind: "announcement", entity: id, userID: nil, courseID: course, payload: note.payload, in: db)
        }
        // Posts: tombstones without the author; their earlier states' changes go.
        let posts = try db.fetchAll("SELECT \(postColumns) FROM posts p WHERE author_id = ?", arguments: [userID])
            .compactMap(post(from:))
        for stored in posts {
            var clock = HybridLogicalClock(node: "server", last: stored.revision)
            var tomb = stored.merged(with: stored.deleted(by: "erasure", at: clock.now(Date())))
            tomb.authorID = ""
            tomb.authorName = ""
            try db.execute(
                """
                UPDATE posts SET author_id = '', author_name = '', title = ?, body = '', revision = ?, deleted = 1,
                       deleted_by = ?, updated_at = ? WHERE id = ?
                """, arguments: [tomb.title, tomb.revision.description, tomb.deletedBy, nowMilliseconds(), tomb.id])
            try db.execute("DELETE FROM changes WHERE kind = 'post' AND entity = ?", arguments: [tomb.id])
            try ChangelogStore.appendChange(
                kind: "post", entity: tomb.id, userID: nil, courseID: tomb.courseID, payload: tomb.payload, in: db)
        }
        try db.execute("DELETE FROM posting_days WHERE user_id = ?", arguments: [userID])
        return posts.count
    }
}
