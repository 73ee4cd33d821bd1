import Foundation
import LMSDatabase
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
