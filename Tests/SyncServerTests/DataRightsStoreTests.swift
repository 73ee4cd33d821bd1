import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Migration 8 from the schema before it, and the lists of data rights.
struct DataRightsStoreTests {
    @Test func migration8_AddsItsTables_AndKeepsEveryRow() throws {
        let path = NSTemporaryDirectory() + "lms-m8-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        let before = DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 8 })
        _ = try before.migrate(queue)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                    VALUES ('u1', 'ana', 'Ana', 'student', x'00', x'00', 1, 1, 1);
                    INSERT INTO devices(id, user_id, last_sync_at) VALUES ('dev-1', 'u1', 5);
                    """)
        }
        let store = try ServerStore(path: path)
        #expect(try store.read { db in try DatabaseMigrator.currentVersion(of: db) } >= 8)
        #expect(
            try store.read { db in try db.fetchScalar(String.self, "SELECT username FROM users WHERE id = 'u1'") }
                == "ana")
        store.statistics.recordSync(.init(isPush: true, items: 3, bytes: 100, site: "  camp  "))
        store.statistics.recordSync(.init(isPush: false, items: 2, bytes: 50, site: "camp"))
        store.statistics.flushSyncVolume()
        let row = try #require(
            try store.read { db in
                try db.fetchOne(
                    "SELECT site, pushes, pulls, entries_in, changes_out, bytes_in, bytes_out FROM sync_volume")
            })
        #expect(
            row.string(0) == "camp" && row.int(1) == 1 && row.int(2) == 1 && row.int(3) == 3 && row.int(4) == 2
                && row.int(5) == 100 && row.int(6) == 50)
        #expect(try store.read { db in try db.fetchScalar(Int.self, "SELECT count(*) FROM erased_tokens") } == 0)
    }

    @Test func theExport_HoldsALateAttemptAndItsCounting_ForTheStudentAndTheTeacherWhoCountedIt() throws {
        let path = NSTemporaryDirectory() + "lms-late-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try ServerStore(path: path)
        try store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users(id, username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
                    VALUES ('u1', 'ana', 'Ana', 'student', x'00', x'00', 1, 1, 1), ('t1', 'ada', 'Ada', 'teacher', x'00', x'00', 1, 1, 1),
                           ('u2', 'bo', 'Bo', 'student', x'00', x'00', 1, 1, 1);
                    INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, payload, points, late, received_at)
                    VALUES ('a1', 'u1', 'intro', '1.0.0', 'unit/exam', x'00', 3, 'the attempt took 40 minutes; the limit is 20 minutes', 7),
                           ('a2', 'u2', 'intro', '1.0.0', 'unit/exam', x'00', 2, NULL, 8);
                    INSERT INTO counted_late_attempts(attempt_id, counted_by, counted_at) VALUES ('a1', 't1', 9);
                    """)
        }
        let rights = store.dataRights
        let student = try rights.exportUser(id: "u1")
        #expect(student["attempts"]?.arrayValue?.first?["late"]?.stringValue?.contains("40 minutes") == true)
        let counted = try #require(student["countedLateAttempts"]?.arrayValue)
        #expect(counted.count == 1 && counted.first?["attemptId"]?.stringValue == "a1")
        #expect(counted.first?["countedByMe"]?.numberValue == 0, "the teacher's id is not the student's data")
        #expect(counted.first?["countedBy"] == nil)
        let teacher = try rights.exportUser(id: "t1")
        #expect(teacher["countedLateAttempts"]?.arrayValue?.first?["countedByMe"]?.numberValue == 1)
        #expect(try rights.exportUser(id: "u2")["countedLateAttempts"]?.arrayValue?.isEmpty == true)
    }

    @Test func everyListedStatement_IsValidSQL_OnTheCurrentSchema() throws {
        let path = NSTemporaryDirectory() + "lms-sql-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try ServerStore(path: path)
        try store.read { db in
            for section in DataRightsStore.exportSections { _ = try db.makeStatement(sql: section.sql) }
            for statement in DataRightsStore.erasureStatements { _ = try db.makeStatement(sql: statement.sql) }
        }
        #expect(
            Set(DataRightsStore.exportSections.map(\.name)).count == DataRightsStore.exportSections.count,
            "section names are unique")
        #expect(
            DataRightsStore.exportSections.allSatisfy {
                !$0.sql.contains("password_hash") && !$0.sql.contains("code_hash") && !$0.sql.contains("SELECT hash")
            })
        #expect(DataRightsStore.camelCase("last_sync_at") == "lastSyncAt")
    }
}
