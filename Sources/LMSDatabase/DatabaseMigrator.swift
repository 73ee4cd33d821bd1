/// Applies schema migrations tracked by `PRAGMA user_version`.
///
/// Each migration has a positive version, strictly greater than the previous one. A
/// database at `user_version` N gets every migration with version > N, in order, each in
/// its own IMMEDIATE transaction that also sets `user_version` to that version — so a
/// failed migration leaves the database at the last successful one. Opening a database
/// whose `user_version` is newer than the last known migration throws
/// `MigrationError.databaseIsNewer`.
///
/// ```swift
/// var migrator = DatabaseMigrator()
/// migrator.register(version: 1, name: "create users") { db in
///     try db.execute(sql: "CREATE TABLE user(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
/// }
/// try migrator.migrate(db)
/// ```
public struct DatabaseMigrator: Sendable {
    /// One schema step.
    public struct Migration: Sendable {
        /// The `user_version` the database has after this migration.
        public let version: Int
        /// A short description, used in errors.
        public let name: String
        /// The schema change. Runs inside a transaction; must not open/commit its own.
        public let migrate: @Sendable (Database) throws -> Void

        /// Creates a migration.
        public init(version: Int, name: String, migrate: @escaping @Sendable (Database) throws -> Void) {
            self.version = version
            self.name = name
            self.migrate = migrate
        }
    }

    /// The registered migrations, in order.
    public private(set) var migrations: [Migration] = []

    /// Creates an empty migrator.
    public init() {}

    /// Creates a migrator from an ordered list of migrations.
    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Appends a migration (order is validated when migrating).
    public mutating func register(
        version: Int, name: String, _ migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        migrations.append(Migration(version: version, name: name, migrate: migrate))
    }

    /// The version of the newest registered migration (0 when there is none).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The database's current `PRAGMA user_version`.
    public static func currentVersion(of db: Database) throws -> Int {
        try db.fetchScalar(Int.self, "PRAGMA user_version") ?? 0
    }

    /// Checks the order of migrations and that the database is not newer than this code.
    public func validate(_ db: Database) throws {
        var previous = 0
        for migration in migrations {
            guard migration.version > previous else {
                throw MigrationError.invalidVersionOrder(version: migration.version, previous: previous)
            }
            previous = migration.version
        }
        let current = try Self.currentVersion(of: db)
        if current > latestVersion {
            throw MigrationError.databaseIsNewer(found: current, known: latestVersion)
        }
    }

    /// Runs the pending migrations and returns the versions applied (in order).
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        try validate(db)
        var applied: [Int] = []
        for migration in migrations {
            try db.transaction(.immediate) { db in
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let current = try Self.currentVersion(of: db)
                if current > latestVersion {
                    throw MigrationError.databaseIsNewer(found: current, known: latestVersion)
                }
                guard migration.version > current else { return .commit }
                try migration.migrate(db)
                if let violation = try db.fetchOne("PRAGMA foreign_key_check") {
                    throw MigrationError.foreignKeyViolation(
                        version: migration.version, name: migration.name, table: violation.string(0) ?? "?")
                }
                try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                applied.append(migration.version)
                return .commit
            }
        }
        return applied
    }

    /// Runs the pending migrations through a queue's connection.
    @discardableResult
    public func migrate(_ queue: DatabaseQueue) throws -> [Int] {
        try queue.inDatabase { db in try migrate(db) }
    }
}
