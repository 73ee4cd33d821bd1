import Foundation
import LMSDatabase
import LMSModel

/// A notification as the study app's inbox lists it.
struct NotificationLine: Sendable, Equatable {
    var id: String
    var title: String
    var body: String
    var createdAt: Date?
    var unread: Bool
}

extension Notifications {
    /// The most notifications the inbox screen lists (the newest).
    static let appInboxLimit = 200

    /// The newest notifications of `profile`, in the reader's language: those made by sync carry
    /// English and Spanish, and `language` picks one (as `lms-offline inbox` does).
    static func recent(_ queue: DatabaseQueue, profile: Profile, language: Language = .current) throws
        -> [NotificationLine]
    {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT id, CASE WHEN ?1 THEN coalesce(title_es, title) ELSE title END,
                       CASE WHEN ?1 THEN coalesce(body_es, body) ELSE body END, created_at, read_at IS NULL
                FROM notifications WHERE profile_id = ?2 ORDER BY created_at DESC LIMIT ?3
                """, arguments: [language == .spanish, profile.id, appInboxLimit]
            ).map {
                NotificationLine(
                    id: $0.string(0) ?? "", title: $0.string(1) ?? "", body: $0.string(2) ?? "",
                    createdAt: $0.date(3), unread: $0.bool(4) ?? false)
            }
        }
    }

    /// Marks notifications read (the student saw them in the inbox).
    static func markRead(_ queue: DatabaseQueue, profile: Profile, ids: [String], now: Date) throws {
        guard !ids.isEmpty else { return }
        try queue.write { db in
            for id in ids {
                try db.execute(
                    "UPDATE notifications SET read_at = ? WHERE profile_id = ? AND id = ? AND read_at IS NULL",
                    arguments: [now, profile.id, id])
            }
        }
    }
}
