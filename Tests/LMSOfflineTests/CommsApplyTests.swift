import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// Pulled announcements, posts and messages against a store in memory: merged, idempotent, and
/// notified once; messages of others never stored.
struct CommsApplyTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func change(_ kind: String, _ entity: String, _ payload: JSONValue) -> JSONValue {
        .obj([("kind", .str(kind)), ("entity", .str(entity)), ("payload", payload)])
    }

    static func post(
        _ id: String, author: String, thread: String? = nil, body: String = "text", wall: Int64 = 1_800_000_000_000,
        deleted: Bool = false
    ) -> JSONValue {
        Post(
            id: id, courseID: "intro", threadID: thread, authorID: author, authorName: author == "u1" ? "sam" : "ada",
            title: thread == nil ? "Question" : nil, body: body, createdAt: t0,
            revision: HLCTimestamp(wallMilliseconds: wall, node: "n"),
            deleted: deleted
        ).payload
    }

    func apply(_ queue: DatabaseQueue, _ changes: [JSONValue]) throws {
        _ = try ChangeApplier.applyPage(
            changes, cursor: "v1.e.9", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: Self.t0)
    }

    func count(_ queue: DatabaseQueue, _ sql: String) throws -> Int {
        try queue.read { try $0.fetchScalar(Int.self, sql) ?? -1 }
    }

    @Test func replies_AndMessagesToMe_AreNotifiedOnce_OthersMessagesAreSkipped() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO enrollments(profile_id, course_id, status, updated_at) VALUES ('p1', 'intro', 'active', 0)"
            )
        }
        let page = [
            Self.change("post", "t1", Self.post("t1", author: "u1")),
            Self.change("post", "r1", Self.post("r1", author: "u9", thread: "t1", body: "an answer")),
            Self.change("post", "t2", Self.post("t2", author: "u9")), // a classmate's thread: no news for a student
            Self.change(
                "announcement", "a1",
                Announcement(
                    id: "a1", courseID: "intro", authorID: "u9", authorName: "ada", title: "Hi",
                    body: "Welcome", createdAt: Self.t0
                ).payload),
            Self.change(
                "message", "m1",
                DirectMessage(
                    id: "m1", courseID: "intro", fromID: "u9", fromName: "ada", toID: "u1", toName: "sam",
                    body: "see me", sentAt: Self.t0
                ).payload),
            Self.change(
                "message", "m2",
                DirectMessage(
                    id: "m2", courseID: "intro", fromID: "u9", fromName: "ada", toID: "u7", toName: "kim",
                    body: "private", sentAt: Self.t0
                ).payload)
        ]
        try apply(queue, page)
        try apply(queue, page)
        #expect(try count(queue, "SELECT count(*) FROM posts WHERE profile_id = 'p1'") == 3)
        #expect(try count(queue, "SELECT count(*) FROM messages") == 1, "a message between others is never stored")
        #expect(try count(queue, "SELECT count(*) FROM notifications") == 3)
        #expect(
            try count(queue, "SELECT count(*) FROM notifications WHERE kind IN ('reply', 'announcement', 'message')")
                == 3)
        #expect(try count(queue, "SELECT mine FROM posts WHERE id = 't1'") == 1)
        // A later edit merges by revision; an older one changes nothing; a delete is final.
        try apply(
            queue,
            [
                Self.change(
                    "post", "r1", Self.post("r1", author: "u9", thread: "t1", body: "newer", wall: 1_800_000_000_500))
            ])
        try apply(
            queue,
            [
                Self.change(
                    "post", "r1", Self.post("r1", author: "u9", thread: "t1", body: "older", wall: 1_800_000_000_100))
            ])
        #expect(try queue.read { try $0.fetchScalar(String.self, "SELECT body FROM posts WHERE id = 'r1'") } == "newer")
        try apply(
            queue,
            [
                Self.change(
                    "post", "r1",
                    Self.post("r1", author: "u9", thread: "t1", body: "", wall: 1_800_000_000_200, deleted: true))
            ])
        try apply(
            queue,
            [
                Self.change(
                    "post", "r1", Self.post("r1", author: "u9", thread: "t1", body: "revived?", wall: 1_800_000_009_000)
                )
            ])
        #expect(try count(queue, "SELECT deleted FROM posts WHERE id = 'r1'") == 1)
        #expect(try queue.read { try $0.fetchScalar(String.self, "SELECT body FROM posts WHERE id = 'r1'") } == "")
    }

    @Test func teachers_HearOfNewPosts_ButNotOfHistoryOnTheirFirstPull() throws {
        let queue = try SyncApplyTests.store() // p1 is not enrolled in intro: it teaches it
        try apply(queue, [Self.change("post", "old", Self.post("old", author: "u9"))])
        #expect(try count(queue, "SELECT count(*) FROM notifications") == 0, "the first pull brings history")
        try apply(
            queue,
            [
                Self.change("post", "new", Self.post("new", author: "u9")),
                Self.change("post", "own", Self.post("own", author: "u1"))
            ])
        #expect(try count(queue, "SELECT count(*) FROM notifications WHERE kind = 'forum-post'") == 1)
    }

    @Test func migration5_KeepsEarlierData() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        try queue.inDatabase { db in
            try db.execute(sql: StoreSchema.version1)
            try db.execute(sql: StoreSchema.version2)
            try db.execute(sql: "PRAGMA user_version = 2")
            try db.execute(
                "INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at) VALUES ('d', 'p', 'progress', 'e', '{}', 0)"
            )
        }
        try StoreSchema.migrator.migrate(queue)
        #expect(try count(queue, "SELECT count(*) FROM outbox") == 1)
        #expect(try count(queue, "SELECT count(*) FROM posts") == 0)
    }

    @Test func erasure_RemovesTheUsersMessagesAndPostText_ForEveryProfile() throws {
        let queue = try SyncApplyTests.store()
        try apply(
            queue,
            [
                Self.change("post", "t9", Self.post("t9", author: "u9", body: "personal")),
                Self.change("post", "t1", Self.post("t1", author: "u1")),
                Self.change(
                    "message", "m1",
                    DirectMessage(
                        id: "m1", courseID: "intro", fromID: "u9", fromName: "ada", toID: "u1", toName: "sam",
                        body: "private", sentAt: Self.t0
                    ).payload)
            ])
        try queue.write { db in try CommunicationStore.erase(userID: "u9", in: db) }
        #expect(try count(queue, "SELECT count(*) FROM messages") == 0)
        #expect(try count(queue, "SELECT count(*) FROM posts WHERE body LIKE '%personal%' OR author_name = 'ada'") == 0)
        #expect(try count(queue, "SELECT deleted FROM posts WHERE id = 't9'") == 1)
        #expect(try count(queue, "SELECT deleted FROM posts WHERE id = 't1'") == 0)
    }

    @Test func erasure_RemovesTheNotificationsThatQuoteTheUser_OnEveryProfile() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO enrollments(profile_id, course_id, status, updated_at) VALUES ('p1', 'intro', 'active', 0)"
            )
        }
        try apply(
            queue,
            [
                Self.change("post", "t1", Self.post("t1", author: "u1")),
                Self.change("post", "t9", Self.post("t9", author: "u9", body: "their thread")),
                Self.change("post", "r9", Self.post("r9", author: "u9", thread: "t1", body: "personal reply")),
                Self.change(
                    "message", "m1",
                    DirectMessage(
                        id: "m1", courseID: "intro", fromID: "u9", fromName: "ada", toID: "u1", toName: "sam",
                        body: "private words", sentAt: Self.t0
                    ).payload),
                Self.change(
                    "message", "m2",
                    DirectMessage(
                        id: "m2", courseID: "intro", fromID: "u7", fromName: "kim", toID: "u1", toName: "sam",
                        body: "kept", sentAt: Self.t0
                    ).payload)
            ])
        // A notice of a new post by u9 on another profile (a teacher's) of the same device.
        try queue.write { db in
            try CommunicationStore.store(
                try #require(Post(id: "t9", payload: Self.post("t9", author: "u9", body: "their thread"))),
                profileID: "p2", mine: false, synced: true, in: db)
            try Notifications.add(
                db, id: "post:t9", profileID: "p2", kind: "forum-post",
                title: .init(.notePostTitle, ["ada", "intro", "Question"]),
                body: .init(.noteBody, ["their thread"]), now: Self.t0)
        }
        #expect(
            try count(queue, "SELECT count(*) FROM notifications WHERE id IN ('reply:r9', 'message:m1', 'post:t9')")
                == 3)
        try queue.write { db in try CommunicationStore.erase(userID: "u9", in: db) }
        #expect(
            try count(queue, "SELECT count(*) FROM notifications WHERE id IN ('reply:r9', 'message:m1', 'post:t9')")
                == 0)
        #expect(
            try count(
                queue,
                "SELECT count(*) FROM notifications WHERE title LIKE '%ada%' OR body LIKE '%personal%' OR body LIKE '%private%'"
            ) == 0)
        #expect(
            try count(queue, "SELECT count(*) FROM notifications WHERE id = 'message:m2'") == 1,
            "another person's message stays")
    }

    @Test func othersFarFutureRevision_DoesNotDragThisProfilesClock_AndEditsKeepOrdering() throws {
        let queue = try SyncApplyTests.store()
        try apply(
            queue,
            [
                Self.change("post", "t1", Self.post("t1", author: "u1")),
                Self.change(
                    "post", "t9",
                    Post(
                        id: "t9", courseID: "intro", authorID: "u9", authorName: "ada", title: "Q", body: "x",
                        createdAt: Self.t0,
                        revision: try #require(HLCTimestamp("9999999999999-999999-evil"))
                    ).payload)
            ])
        let store = CommunicationStore(queue: queue, deviceID: "dev", profile: SyncApplyTests.profile)
        let now = Date()
        let first = try store.edit("t1", title: nil, body: "one", now: now)
        let second = try store.edit("t1", title: nil, body: "two", now: now)
        #expect(first.revision.wallMilliseconds < 9_000_000_000_000, "not dragged to the year 2286: \(first.revision)")
        #expect(first.revision.description < second.revision.description)
        #expect(try queue.read { try $0.fetchScalar(String.self, "SELECT body FROM posts WHERE id = 't1'") } == "two")
        // Deleting the far-future post (a teacher) still orders after it.
        let tomb = try store.delete("t9", now: now)
        #expect(
            tomb.revision > HLCTimestamp(wallMilliseconds: 9_999_999_999_999, counter: 999_999, node: "evil")
                || tomb.deleted)
    }

    @Test func ownPostsFromADateSetAhead_DoNotKeepLaterPostsAhead_OnceTheDateIsRight() throws {
        let queue = try SyncApplyTests.store()
        let store = CommunicationStore(queue: queue, deviceID: "dev", profile: SyncApplyTests.profile)
        let now = Date()
        let wrong = try store.startThread(
            courseID: "intro", lessonID: nil, title: "Q", body: "written a year ahead",
            now: now.addingTimeInterval(365 * 86_400))
        let right = try store.startThread(
            courseID: "intro", lessonID: nil, title: "Q2", body: "written with the date put right", now: now)
        #expect(wrong.revision.wallMilliseconds > right.revision.wallMilliseconds)
        #expect(
            abs(Double(right.revision.wallMilliseconds) - now.timeIntervalSince1970 * 1000) < 1000, "\(right.revision)")
        let edited = try store.edit(
            String(right.id.prefix(8)), title: nil, body: "edited", now: now.addingTimeInterval(1))
        #expect(edited.revision > right.revision && edited.revision.wallMilliseconds < wrong.revision.wallMilliseconds)
    }
}
