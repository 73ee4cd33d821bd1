import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// The `erasure` change against a store in memory, and the admin messages' catalogue.
struct LocalErasureTests {
    /// p1 (server user u1) and p2 (u2) on server s; p3 (u2 too) on another server.
    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO profiles(id, name, name_key, salt, iterations, pin_hash, created_at) VALUES ('p3', 'p3', 'p3', x'00', 1, x'00', 0)"
            )
            try db.execute(
                "INSERT INTO sync_accounts(profile_id, server, username, user_id, token) VALUES ('p2', 'http://s', 'lia', 'u2', 't2')"
            )
            try db.execute(
                "INSERT INTO sync_accounts(profile_id, server, username, user_id, token) VALUES ('p3', 'http://other', 'lia', 'u2', 't3')"
            )
            for profile in ["p1", "p2", "p3"] {
                try db.execute(
                    """
                    INSERT INTO progress(profile_id, course_id, lesson_id, completed, seconds_by_device, total_seconds, updated_at)
                    VALUES (?, 'c', 'l', 1, '{}', 0, 0)
                    """, arguments: [profile])
                try db.execute(
                    "INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at) VALUES ('d', ?, 'progress', 'e', '{}', 0)",
                    arguments: [profile])
            }
        }
        return queue
    }

    static func erasure(_ user: String) -> JSONValue {
        .obj([
            ("sseq", .num(9)), ("kind", .str("erasure")), ("entity", .str(user)), ("course", .str("c")),
            ("payload", .obj([("erasedUser", .str(user))]))
        ])
    }

    static func profiles(_ queue: DatabaseQueue) throws -> [String] {
        try queue.read { try $0.fetchColumn(String.self, "SELECT id FROM profiles ORDER BY id").compactMap { $0 } }
    }

    @Test func erasure_RemovesEveryProfileOfThatAccountOnThisServer_Only() throws {
        let queue = try Self.store()
        let counts = try ChangeApplier.applyPage(
            [Self.erasure("u2")], cursor: "v1.e.9", profile: SyncApplyTests.profile, userID: "u1",
            queue: queue, now: Date())
        #expect(counts.changes == 1)
        #expect(try Self.profiles(queue) == ["p1", "p3"], "p2 is gone; p3 is the same name on another server")
        func scalar(_ sql: String) throws -> String? { try queue.read { try $0.fetchScalar(String.self, sql) } }
        #expect(try scalar("SELECT CAST(count(*) AS TEXT) FROM progress WHERE profile_id = 'p2'") == "0")
        #expect(try scalar("SELECT CAST(count(*) AS TEXT) FROM outbox WHERE profile_id = 'p2'") == "0")
        #expect(try scalar("SELECT CAST(count(*) AS TEXT) FROM sync_accounts WHERE profile_id = 'p2'") == "0")
        #expect(try scalar("SELECT cursor FROM sync_accounts WHERE profile_id = 'p1'") == "v1.e.9")
        // Twice: nothing more goes.
        _ = try ChangeApplier.applyPage(
            [Self.erasure("u2")], cursor: "v1.e.10", profile: SyncApplyTests.profile, userID: "u1", queue: queue,
            now: Date())
        #expect(try Self.profiles(queue) == ["p1", "p3"])
        // An unknown id touches nothing.
        _ = try ChangeApplier.applyPage(
            [Self.erasure("u9")], cursor: "v1.e.11", profile: SyncApplyTests.profile, userID: "u1", queue: queue,
            now: Date())
        #expect(try Self.profiles(queue) == ["p1", "p3"])
    }

    @Test func ownAccountErased_RemovesTheProfile() throws {
        let queue = try Self.store()
        let home = ClientHome(path: NSTemporaryDirectory() + "lms-erase-\(UUID().uuidString)")
        try LocalErasure.eraseOwnAccount(profileID: "p1", queue: queue, home: home)
        #expect(try Self.profiles(queue) == ["p2", "p3"])
        try LocalErasure.eraseOwnAccount(profileID: "p1", queue: queue, home: home) // nothing left: no error
    }
}
