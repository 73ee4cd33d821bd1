import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseMigratorTests {
    static let all: [DatabaseMigrator.Migration] = [
        .init(version: 1, name: "create item") { db in
            try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        },
        .init(version: 2, name: "add qty") { db in
            try db.execute(sql: "ALTER TABLE item ADD COLUMN qty INTEGER NOT NULL DEFAULT 0")
        },
        .init(version: 5, name: "create tag") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tag(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id), label TEXT);
                    CREATE INDEX tag_item ON tag(item_id);
                    """)
        }
    ]

    private func schema(_ db: Database) throws -> [String?] {
        try db.fetchColumn(String.self, "SELECT sql FROM sqlite_schema ORDER BY name")
    }

    @Test func migratesAnEmptyDatabase() throws {
        let db = try Database.inMemory()
        let migrator = DatabaseMigrator(migrations: Self.all)
        #expect(migrator.latestVersion == 5)
        #expect(try migrator.migrate(db) == [1, 2, 5])
        #expect(try DatabaseMigrator.currentVersion(of: db) == 5)
        try db.execute("INSERT INTO item(name) VALUES ('a')")
        try db.execute("INSERT INTO tag(item_id, label) VALUES (1, 'x')")
        #expect(try migrator.migrate(db) == [])
    }

    @Test(arguments: [0, 1, 2])
    func migratesFromEachPreviousVersion(knownCount: Int) throws {
        let reference = try Database.inMemory()
        try DatabaseMigrator(migrations: Self.all).migrate(reference)

        let db = try Database.inMemory()
        let old = DatabaseMigrator(migrations: Array(Self.all.prefix(knownCount)))
        try old.migrate(db)
        let start = try DatabaseMigrator.currentVersion(of: db)
        #expect(start == old.latestVersion)
        let applied = try DatabaseMigrator(migrations: Self.all).migrate(db)
        #expect(applied == Self.all.map(\.version).filter { $0 > start })
        #expect(try DatabaseMigrator.currentVersion(of: db) == 5)
        #expect(try schema(db) == schema(reference))
    }

    @Test func refusesANewerDatabase() throws {
        let db = try Database.inMemory()
        try db.execute(sql: "PRAGMA user_version = 9")
        let error = capture { try DatabaseMigrator(migrations: Self.all).migrate(db) }
        #expect(error as? MigrationError == .databaseIsNewer(found: 9, known: 5))
        #expect(
            "\(error.map { "\($0)" } ?? "")".contains(
                "the database was written by a newer version (9); upgrade the program"))
        #expect(try DatabaseMigrator.currentVersion(of: db) == 9)
    }

    @Test func failingMigrationRollsBackToLastGoodVersion() throws {
        struct Broken: Error {}
        var migrator = DatabaseMigrator(migrations: Array(Self.all.prefix(1)))
        migrator.register(version: 2, name: "broken") { db in
            try db.execute(sql: "CREATE TABLE half(x)")
            throw Broken()
        }
        let db = try Database.inMemory()
        #expect(throws: Broken.self) { try migrator.migrate(db) }
        #expect(try DatabaseMigrator.currentVersion(of: db) == 1)
        #expect(try db.fetchOne("SELECT 1 FROM sqlite_schema WHERE name = 'half'") == nil)
    }

    @Test func rejectsOutOfOrderVersions() throws {
        let migrator = DatabaseMigrator(migrations: [Self.all[1], Self.all[0]])
        let error = capture { try migrator.migrate(try Database.inMemory()) }
        #expect(error as? MigrationError == .invalidVersionOrder(version: 1, previous: 2))
    }

    @Test func detectsForeignKeyViolationsLeftByAMigration() throws {
        var migrator = DatabaseMigrator(migrations: Self.all)
        migrator.register(version: 6, name: "orphan") { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON; INSERT INTO tag(item_id) VALUES (99);")
        }
        let db = try Database.inMemory()
        let error = capture { try migrator.migrate(db) }
        #expect(error as? MigrationError == .foreignKeyViolation(version: 6, name: "orphan", table: "tag"))
        #expect(try DatabaseMigrator.currentVersion(of: db) == 5)
    }

    @Test func migratesThroughAQueue() throws {
        let queue = try DatabaseQueue(inMemory: DatabaseOptions())
        #expect(try DatabaseMigrator(migrations: Self.all).migrate(queue) == [1, 2, 5])
    }
}
