import Foundation
import LMSDatabase
import LMSModel

// Announcements: written by a course's staff, read by its members.
extension CommunicationStore {
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
}
