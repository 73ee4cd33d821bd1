import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// The pure parts of the sync client against a store in memory: `prev`, acknowledgement, and
/// applying pulled pages (idempotent, cursor moved in the same transaction).
struct SyncApplyTests {
    /// A migrated store with two profiles, `p1` logged in as server user `u1`.
    static func store() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        try StoreSchema.migrator.migrate(queue)
        try queue.write { db in
            for id in ["p1", "p2"] {
                try db.execute(
                    "INSERT INTO profiles(id, name, name_key, salt, iterations, pin_hash, created_at) VALUES (?, ?, ?, x'00', 1, x'00', 0)",
                    arguments: [id, id, id])
            }
            try db.execute(
                "INSERT INTO sync_accounts(profile_id, server, username, user_id, token) VALUES ('p1', 'http://s', 'sam', 'u1', 't')"
            )
        }
        return queue
    }

    static let profile = Profile(id: "p1", name: "p1")

    static func outbox(_ queue: DatabaseQueue, _ profiles: [String]) throws {
        try queue.write { db in
            for (i, profile) in profiles.enumerated() {
                try db.execute(
                    "INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at) VALUES ('d', ?, 'progress', ?, '{}', 0)",
                    arguments: [profile, "e\(i)"])
            }
        }
    }

    @Test func prev_IsThePreviousEntryOfTheSameProfile() throws {
        let queue = try Self.store()
        try Self.outbox(queue, ["p1", "p2", "p2", "p1", "p1", "p2"])
        let p1 = try queue.read { try OutboxReader.entries(profileID: "p1", after: 0, limit: 10, in: $0) }
        #expect(p1.map(\.seq) == [1, 4, 5])
        #expect(p1.map(\.prev) == [0, 1, 4])
        let p2 = try queue.read { try OutboxReader.entries(profileID: "p2", after: 2, limit: 10, in: $0) }
        #expect(p2.map(\.seq) == [3, 6])
        #expect(p2.map(\.prev) == [2, 3], "prev is stable whatever was acknowledged")
        let limited = try queue.read { try OutboxReader.entries(profileID: "p1", after: 0, limit: 2, in: $0) }
        #expect(limited.count == 2)
    }

    @Test func entry_NamesTheKindAndEntityOfAStoredSeq() throws {
        let queue = try Self.store()
        try Self.outbox(queue, ["p1", "p2"])
        let second = try queue.read { try OutboxReader.entry(seq: 2, in: $0) }
        #expect(second?.kind == "progress" && second?.entity == "e1")
        #expect(try queue.read { try OutboxReader.entry(seq: 9, in: $0) } == nil)
    }

    @Test func acknowledgement_MarksPushed_AndALowerAckAfterARestoreUnmarks() throws {
        let queue = try Self.store()
        try Self.outbox(queue, ["p1", "p1", "p1", "p2"])
        try queue.write { try OutboxReader.markAcknowledged(profileID: "p1", acked: 3, now: Date(), in: $0) }
        let count = { (sql: String) in try queue.read { try $0.fetchScalar(Int.self, sql) ?? -1 } }
        #expect(try count("SELECT count(*) FROM outbox WHERE pushed_at IS NOT NULL") == 3)
        try queue.write { try OutboxReader.markAcknowledged(profileID: "p1", acked: 1, now: Date(), in: $0) }
        #expect(try count("SELECT count(*) FROM outbox WHERE pushed_at IS NOT NULL") == 1)
        #expect(try count("SELECT acked FROM sync_accounts") == 1)
        #expect(try count("SELECT count(*) FROM outbox") == 4, "entries are never deleted")
    }

    /// A page with one change of every kind, and one the client does not know.
    static let page: [JSONValue] = [
        .obj([
            ("sseq", .int(1)), ("kind", .str("enrollment")), ("entity", .str("u1/intro")), ("course", .str("intro")),
            ("payload", .obj([("status", .str("active")), ("latestVersion", .str("1.2.0"))]))
        ]),
        .obj([
            ("sseq", .int(2)), ("kind", .str("progress")), ("entity", .str("u1/intro/unit/welcome")),
            ("course", .str("intro")),
            (
                "payload",
                .obj([
                    ("course", .str("intro")), ("lesson", .str("unit/welcome")), ("completed", .flag(true)),
                    ("secondsByDevice", .obj([("other", .int(40))])), ("lastOpenedAt", .int(1_000))
                ])
            )
        ]),
        .obj([
            ("sseq", .int(3)), ("kind", .str("attempt")), ("entity", .str("a1")), ("course", .str("intro")),
            (
                "payload",
                .obj([
                    ("quiz", .str("unit/exam")), ("course", .str("intro")), ("courseVersion", .str("1.2.0")),
                    ("startedAt", .int(1_000)), ("submittedAt", .int(2_000)), ("questionOrder", .list([.str("e1")])),
                    ("responses", .obj([]))
                ])
            )
        ]),
        .obj([
            ("sseq", .int(4)), ("kind", .str("attemptResult")), ("entity", .str("a1")), ("course", .str("intro")),
            ("payload", .obj([("quiz", .str("unit/exam")), ("points", .num(3)), ("maxPoints", .num(4))]))
        ]),
        .obj([
            ("sseq", .int(5)), ("kind", .str("submission")), ("entity", .str("s1")), ("course", .str("intro")),
            (
                "payload",
                .obj([
                    ("course", .str("intro")), ("assignment", .str("unit/hello")), ("version", .int(1)),
                    ("text", .str("hi")), ("submittedAt", .int(3_000)), ("late", .flag(true)),
                    (
                        "files",
                        .list([
                            .obj([
                                ("name", .str("a.py")), ("size", .int(3)),
                                ("sha256", .str(String(repeating: "a", count: 64)))
                            ])
                        ])
                    )
                ])
            )
        ]),
        .obj([
            ("sseq", .int(6)), ("kind", .str("rejection")), ("entity", .str("d9/7")),
            ("payload", .obj([("kind", .str("attempt")), ("entity", .str("zz")), ("reason", .str("not enrolled"))]))
        ]),
        .obj([
            ("sseq", .int(7)), ("kind", .str("courseVersion")), ("entity", .str("intro/1.3.0")),
            ("course", .str("intro")),
            ("payload", .obj([("version", .str("1.3.0")), ("packageId", .str("abc")), ("size", .int(10))]))
        ]),
        .obj([
            ("sseq", .int(8)), ("kind", .str("announcementFromTheFuture")), ("entity", .str("x")), ("payload", .obj([]))
        ]),
        .obj([
            ("sseq", .int(9)), ("kind", .str("progress")), ("entity", .str("u2/intro/unit/welcome")),
            ("payload", .obj([("completed", .flag(true))]))
        ])
    ]

    @Test func applyingAPageTwice_HasTheEffectOfOnce_AndMovesTheCursor() throws {
        let queue = try Self.store()
        let first = try ChangeApplier.applyPage(
            Self.page, cursor: "v1.e.9", profile: Self.profile, userID: "u1", queue: queue, now: Date())
        #expect(first.changes == 9 && first.grades == 1 && first.rejections == 1)
        let snapshot = { () throws -> [String] in
            try queue.read { db in
                try [
                    "progress", "attempts", "grades", "submissions", "submission_files", "notifications", "enrollments",
                    "course_releases"
                ]
                .map { table in
                    "\(table): "
                        + (try db.fetchAll("SELECT * FROM \(table) ORDER BY 1")
                            .map { row in (0..<row.count).map { "\(row[$0])" }.joined(separator: ",") }.joined(
                                separator: " | "))
                }
            }
        }
        let once = try snapshot()
        let second = try ChangeApplier.applyPage(
            Self.page, cursor: "v1.e.9", profile: Self.profile, userID: "u1", queue: queue, now: Date())
        #expect(second.grades == 0 && second.rejections == 0, "nothing is new the second time")
        #expect(try snapshot() == once)
        let read = { (sql: String) in try queue.read { try $0.fetchScalar(String.self, sql) } }
        #expect(try read("SELECT cursor FROM sync_accounts") == "v1.e.9")
        #expect(try read("SELECT status FROM attempts WHERE id = 'a1'") == "graded")
        #expect(try read("SELECT profile_id || ' ' || points || '/' || max_points FROM grades") == "p1 3.0/4.0")
        #expect(
            try read("SELECT CAST(count(*) AS TEXT) FROM progress WHERE profile_id = 'p1' AND completed = 1") == "1",
            "the server's user is mapped to the local profile; another user's progress is skipped")
        #expect(try read("SELECT CAST(late AS TEXT) FROM submissions WHERE id = 's1'") == "1")
        #expect(try read("SELECT version FROM course_releases WHERE course_id = 'intro'") == "1.3.0")
        #expect(
            try read("SELECT CAST(count(*) AS TEXT) FROM notifications WHERE title_es IS NOT NULL") == "2",
            "score and rejection, in both languages")
    }

    @Test func progress_MergesWithLocalWork() throws {
        let queue = try Self.store()
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO progress(profile_id, course_id, lesson_id, completed, seconds_by_device, total_seconds, last_opened_at, updated_at)
                VALUES ('p1', 'intro', 'unit/welcome', 0, '{"here":100}', 100, 5000, 0)
                """)
        }
        _ = try ChangeApplier.applyPage(
            [Self.page[1]], cursor: "v1.e.2", profile: Self.profile, userID: "u1", queue: queue, now: Date())
        let row = try #require(
            try queue.read { try $0.fetchOne("SELECT completed, total_seconds, last_opened_at FROM progress") })
        #expect(row.bool(0) == true)
        #expect(row.int(1) == 140, "each device's counter is kept and summed")
        #expect(row.int64(2) == 5000, "the later opening wins")
    }

    @Test func removedEnrollment_IsShownOnce() throws {
        let queue = try Self.store()
        let removed: JSONValue = .obj([
            ("sseq", .int(1)), ("kind", .str("enrollment")), ("entity", .str("u1/intro")), ("course", .str("intro")),
            ("payload", .obj([("status", .str("removed"))]))
        ])
        let first = try ChangeApplier.applyPage(
            [Self.page[0], removed], cursor: "c", profile: Self.profile, userID: "u1", queue: queue, now: Date())
        let again = try ChangeApplier.applyPage(
            [removed], cursor: "c", profile: Self.profile, userID: "u1", queue: queue, now: Date())
        #expect(first.removedEnrollments == ["intro"] && again.removedEnrollments.isEmpty)
        #expect(
            try queue.read {
                try $0.fetchScalar(Int.self, "SELECT count(*) FROM notifications WHERE kind = 'enrollment-removed'")
            } == 1)
    }

    @Test func migration2_KeepsVersion1Data() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        try queue.inDatabase { db in
            try db.execute(sql: StoreSchema.version1)
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(
                "INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at) VALUES ('d', 'p', 'progress', 'e', '{}', 0)"
            )
        }
        try StoreSchema.migrator.migrate(queue)
        #expect(
            try queue.read { try $0.fetchScalar(Int.self, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL") } == 1)
        #expect(
            try queue.read { try $0.fetchScalar(Int.self, "PRAGMA user_version") } == StoreSchema.migrator.latestVersion
        )
    }
}
