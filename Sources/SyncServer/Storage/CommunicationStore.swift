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
}
