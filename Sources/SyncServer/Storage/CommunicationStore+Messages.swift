import Foundation
import LMSDatabase
import LMSModel

// Direct messages: between an enrolled student and a teacher of the course, seen by those two only.
extension CommunicationStore {
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
