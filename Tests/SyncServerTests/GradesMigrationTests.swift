import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Server migration 6 (grades, history, certificates) from the schema before it.
struct GradesMigrationTests {
    @Test func migration6_FromTheEarlierSchema_KeepsWork_AndAddsTheTables() throws {
        let path = NSTemporaryDirectory() + "lms-migrate-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 6 }).migrate(queue)
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                VALUES ('u', 'ana', 'Ana', 'student', x'00', x'00', 1, 0, 0)
                """)
            try db.execute(
                """
                INSERT INTO submissions(id, user_id, course_id, assignment_id, version, payload, submitted_at, received_at, late)
                VALUES ('s1', 'u', 'c', 'a', 1, x'00', 0, 0, 0)
                """)
        }
        let applied = try ServerSchema.migrator.migrate(queue)
        #expect(applied.contains(6))
        try queue.read { db in
            #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM submissions") == 1)
            for table in ["grades", "grade_history", "attempt_grades", "certificates"] {
                #expect(
                    try db.fetchScalar(
                        Int.self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                        arguments: [table]) == 1)
            }
            let plan = try db.fetchAll(
                "EXPLAIN QUERY PLAN SELECT user_id, quiz_id, MAX(points) FROM attempts WHERE course_id = 'c' AND awaiting_teacher = 0 GROUP BY user_id, quiz_id"
            )
            .map { $0.string("detail") ?? "" }.joined(separator: " ")
            #expect(plan.contains("attempts_course"), "the gradebook reads attempts by the course index: \(plan)")
        }
    }
}

// MARK: - Edge cases (each failed before its fix)

extension GradesMigrationTests {
    @Test func migration10_FromTheSchemaBefore_IndexesTheHistoryByTarget() throws {
        let path = NSTemporaryDirectory() + "lms-m10-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 10 }).migrate(queue)
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                VALUES ('u', 'ana', 'Ana', 'student', x'00', x'00', 1, 0, 0)
                """)
            try db.execute(
                """
                INSERT INTO grade_history(course_id, user_id, item_id, target_id, new_points, scores, changed_by, changed_at)
                VALUES ('c', 'u', 'q', 'att-1', 2, '{}', 't', 1)
                """)
        }
        #expect(try ServerSchema.migrator.migrate(queue).contains(10))
        try queue.read { db in
            #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM grade_history") == 1)
            let plan = try db.fetchAll(
                "EXPLAIN QUERY PLAN SELECT new_feedback FROM grade_history WHERE target_id = 'att-1' ORDER BY id DESC LIMIT 1"
            )
            .map { $0.string("detail") ?? "" }.joined(separator: " ")
            #expect(plan.contains("grade_history_target"), "\(plan)")
        }
    }
}

extension GradesMigrationTests {
    @Test func migration12_FromTheSchemaBefore_KeepsLateAttempts_NotCounted() throws {
        let path = NSTemporaryDirectory() + "lms-m12-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 12 }).migrate(queue)
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                VALUES ('u', 'ana', 'Ana', 'student', x'00', x'00', 1, 0, 0)
                """)
            try db.execute(
                """
                INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, payload, points, max_points, received_at, late)
                VALUES ('a1', 'u', 'c', '1.0.0', 'q', x'00', 3, 4, 0, 'the attempt took 180 minutes; the limit is 20 minutes')
                """)
        }
        #expect(try ServerSchema.migrator.migrate(queue).contains(12))
        let store = GradingStore(queue: queue)
        let late = try store.lateAttempts(courseID: "c")
        #expect(late.map(\.id) == ["a1"] && late.first?.counted == false)
        let data = try store.gradeData(courseID: "c", renamed: [:], lessons: [])
        #expect(data.scores["u"]?["q"] == nil, "a late attempt from before the migration does not count either")
    }
}

extension GradesMigrationTests {
    /// Migration 13: attempts are stored once. The index that `attempts_quiz` covers goes; an attempt
    /// change written before it (payload in the change) and one written after (spliced from the
    /// attempt's row) pull alike.
    @Test func migration13_DropsTheCoveredIndex_AndOldAttemptChangesStillPull() throws {
        let path = NSTemporaryDirectory() + "lms-m13-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 13 }).migrate(queue)
        let payload = ChangelogStore.changeFrame(["user": "u", "quiz": "q", "responses": [:]])
        let result = ChangelogStore.changeFrame(["user": "u", "quiz": "q", "maxPoints": 1])
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                VALUES ('u', 'ana', 'Ana', 'student', x'00', x'00', 1, 0, 0)
                """)
            for id in ["old", "new", "newer"] {
                try db.execute(
                    """
                    INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, payload, received_at)
                    VALUES (?, 'u', 'c', '1.0.0', 'q', ?, 0)
                    """, arguments: [id, payload])
            }
            try ChangelogStore.appendChange(
                kind: "attempt", entity: "old", userID: "u", courseID: "c", encodedPayload: payload, in: db)
        }
        #expect(try ServerSchema.migrator.migrate(queue).contains(13))
        try queue.write { db in
            try ChangelogStore.appendChange(
                kind: "attempt", entity: "new", userID: "u", courseID: "c",
                encodedPayload: ChangelogStore.splicedAttempt,
                in: db)
            // Written since: the attempt and its first result as one change (`attemptWithResult`).
            try ChangelogStore.appendChange(
                kind: ChangelogStore.attemptWithResult, entity: "newer", userID: "u", courseID: "c",
                encodedPayload: result, in: db)
            #expect(
                try db.fetchScalar(Int.self, "SELECT count(*) FROM sqlite_master WHERE name = 'attempts_user'") == 0)
            let plan = try db.fetchAll(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM attempts WHERE user_id = 'u' AND course_id = 'c'"
            ).map { $0.string("detail") ?? "" }.joined(separator: " ")
            #expect(plan.contains("attempts_quiz"), "\(plan)")
        }
        let user = User(id: "u", username: "ana", displayName: "Ana", role: .student)
        let page = try ChangelogStore(queue: queue).changes(for: user, after: 0, limit: 10, maxBytes: 1 << 20)
        // A log of all three forms pulls as it always did.
        #expect(
            page.changes.map { "\($0.kind)/\($0.entity)" } == [
                "attempt/old", "attempt/new", "attempt/newer", "attemptResult/newer"
            ])
        #expect(page.changes.prefix(3).allSatisfy { $0.payloadFrame == [UInt8](payload) })
        #expect(page.changes.last?.payloadFrame == [UInt8](result))
        #expect(page.changes[2].sseq == page.changes[3].sseq)
    }
}
