import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Reading and marking one profile's notifications (`inbox`); `Notifications` makes them.
struct NotificationStore {
    let queue: DatabaseQueue
    let profileID: String

    /// A notification in the reader's language.
    struct Entry: Equatable {
        var id: String
        var kind: String
        var title: String
        var body: String
        var createdAt: Date?
        var readAt: Date?
    }

    /// Every notification, newest first; those made by sync carry both languages and `spanish` picks one.
    func all(spanish: Bool) throws -> [Entry] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT id, kind, CASE WHEN ?1 THEN coalesce(title_es, title) ELSE title END,
                       CASE WHEN ?1 THEN coalesce(body_es, body) ELSE body END, created_at, read_at
                FROM notifications WHERE profile_id = ?2 ORDER BY created_at DESC
                """, arguments: [spanish, profileID]
            ).map {
                Entry(
                    id: $0.string(0) ?? "", kind: $0.string(1) ?? "", title: $0.string(2) ?? "",
                    body: $0.string(3) ?? "", createdAt: $0.date(4), readAt: $0.date(5))
            }
        }
    }

    /// The ids of every notification.
    func ids() throws -> [String] {
        try queue.read { db in
            try db.fetchColumn(String.self, "SELECT id FROM notifications WHERE profile_id = ?", arguments: [profileID])
                .compactMap { $0 }
        }
    }

    /// Marks one notification read (kept as first read).
    func markRead(id: String, now: Date) throws {
        try queue.write { db in
            try db.execute(
                "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE profile_id = ? AND id = ?",
                arguments: [now, profileID, id])
        }
    }

    /// Marks every unread notification read.
    func markAllRead(now: Date) throws {
        try queue.write { db in
            try db.execute(
                "UPDATE notifications SET read_at = ? WHERE profile_id = ? AND read_at IS NULL",
                arguments: [now, profileID])
        }
    }

    /// Short handles to type for `ids` (`3f1c`): the hex SHA-256 of each id, cut at the shortest prefix
    /// (at least `minimumHandleLength`) that no other handle shares. Stable as long as the ids are.
    static func handles(of ids: [String]) -> [String: String] {
        let hashes = Dictionary(ids.map { ($0, SHA256.hash(Data($0.utf8)).hex) }) { first, _ in first }
        let short = shortIDs(Array(hashes.values), minimum: minimumHandleLength)
        return hashes.mapValues { short[$0] ?? $0 }
    }

    /// The fewest hex digits of a handle.
    static let minimumHandleLength = 4

    /// The one id that `text` names: a whole id, a prefix of one handle, or a prefix of one id.
    /// Throws with the candidates' handles when it names several, and when it names none.
    static func resolve(_ text: String, among ids: [String]) throws -> String {
        if ids.contains(text) { return text }
        let handles = handles(of: ids)
        var matches = ids.filter { handles[$0]?.hasPrefix(text.lowercased()) == true }
        if matches.isEmpty { matches = ids.filter { $0.hasPrefix(text) } }
        guard !matches.isEmpty else { throw ClientError(.notificationUnknown, text) }
        guard matches.count == 1 else {
            throw ClientError(
                .notificationAmbiguous, text,
                matches.prefix(5).map { handles[$0] ?? $0 }.sorted().joined(separator: ", "))
        }
        return matches[0]
    }
}
