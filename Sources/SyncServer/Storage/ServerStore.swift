import Foundation
import LMSDatabase

/// The server's database: one SQLite file in WAL mode behind this one type, so that the SQL
/// stays in one place (and a PostgreSQL backend could follow behind the same methods).
/// Access is serialised by `DatabaseQueue`; every method is one transaction.
final class ServerStore: @unchecked Sendable {
    /// The database file's name inside the data folder.
    static let fileName = "lms.sqlite"

    let queue: DatabaseQueue
    let path: String
    /// Sync volume not written yet (`recordSync`, `flushSyncVolume`).
    let syncVolume = SyncVolumeCounter()

    /// Opens (creating and migrating) the store at `path`.
    init(path: String) throws {
        self.path = path
        // FULL: a commit is fsync'd before it returns, so what a push acknowledged and the change
        // numbers a pull handed out survive a power cut (NORMAL in WAL mode may lose the last
        // commits, and a device's cursor could then point past changes made again under the same
        // numbers). It costs one fsync of the WAL per write transaction.
        queue = try DatabaseQueue(path: path, options: DatabaseOptions(synchronous: .full))
        try Self.migrator.migrate(queue)
    }

    /// Runs `body` in an immediate write transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T { try queue.write(body) }

    /// Runs `body` for reading.
    func read<T>(_ body: (Database) throws -> T) throws -> T { try queue.read(body) }

    /// The server's epoch: a random id made at `init` and made anew by `restore`, so that devices
    /// can tell a restored server from the one they synced with (DESIGN.md, "The changelog sync").
    func epoch() throws -> String {
        try read { db in try db.fetchScalar(String.self, "SELECT value FROM meta WHERE key = 'epoch'") } ?? ""
    }

    /// Sets a new epoch (after a restore).
    func renewEpoch() throws {
        try write { db in
            try db.execute(
                "INSERT INTO meta(key, value) VALUES ('epoch', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [UUID().uuidString.lowercased()])
        }
    }

    /// The numbered schema migrations.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.register(version: 1, name: "accounts, courses, versions, enrollments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT INTO meta(key, value) VALUES ('epoch', lower(hex(randomblob(16))));
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        display_name TEXT NOT NULL,
                        email TEXT,
                        role TEXT NOT NULL CHECK (role IN ('student', 'teacher', 'admin')),
                        disabled INTEGER NOT NULL DEFAULT 0,
                        password_hash BLOB NOT NULL,
                        password_salt BLOB NOT NULL,
                        password_iterations INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE tokens (
                        hash BLOB PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        revoked_at INTEGER,
                        last_used_at INTEGER
                    );
                    CREATE INDEX tokens_user ON tokens(user_id);
                    CREATE TABLE reset_codes (
                        code_hash BLOB PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        created_by TEXT NOT NULL,
                        expires_at INTEGER NOT NULL,
                        used_at INTEGER
                    );
                    CREATE TABLE login_failures (
                        key TEXT PRIMARY KEY,
                        failures INTEGER NOT NULL,
                        last_failure_at INTEGER NOT NULL,
                        locked_until INTEGER NOT NULL
                    );
                    CREATE TABLE courses (
                        id TEXT PRIMARY KEY,
                        owner_id TEXT NOT NULL REFERENCES users(id),
                        title TEXT NOT NULL,
                        description TEXT,
                        language TEXT,
                        instructors TEXT NOT NULL DEFAULT '[]',
                        tags TEXT NOT NULL DEFAULT '[]',
                        start_date TEXT,
                        end_date TEXT,
                        prerequisites TEXT NOT NULL DEFAULT '[]',
                        enrollment_mode TEXT NOT NULL DEFAULT 'teacher' CHECK (enrollment_mode IN ('open', 'key', 'teacher')),
                        enrollment_key_hash BLOB,
                        latest_version TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE course_staff (
                        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        role TEXT NOT NULL CHECK (role IN ('owner', 'teacher')),
                        PRIMARY KEY (course_id, user_id)
                    );
                    CREATE TABLE versions (
                        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
                        version TEXT NOT NULL,
                        major INTEGER NOT NULL, minor INTEGER NOT NULL, patch INTEGER NOT NULL, prerelease TEXT NOT NULL,
                        package_id TEXT NOT NULL,
                        package_blob TEXT NOT NULL,
                        package_size INTEGER NOT NULL,
                        student_package_id TEXT NOT NULL,
                        student_blob TEXT NOT NULL,
                        student_size INTEGER NOT NULL,
                        manifest TEXT NOT NULL,
                        student_manifest TEXT NOT NULL,
                        changelog TEXT,
                        changes TEXT NOT NULL DEFAULT '{}',
                        published_by TEXT NOT NULL REFERENCES users(id),
                        published_at INTEGER NOT NULL,
                        PRIMARY KEY (course_id, version)
                    );
                    CREATE TABLE enrollments (
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
                        source TEXT NOT NULL CHECK (source IN ('self', 'key', 'teacher')),
                        status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
                        groups TEXT NOT NULL DEFAULT '[]',
                        completed_at INTEGER,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, course_id)
                    );
                    CREATE INDEX enrollments_course ON enrollments(course_id, status);
                    CREATE TABLE devices (
                        id TEXT PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        site TEXT,
                        last_sync_at INTEGER
                    );
                    """)
        }
        migrator.register(version: 2, name: "the version a student completed a course at") { db in
            try db.execute(sql: "ALTER TABLE enrollments ADD COLUMN completed_version TEXT")
        }
        migrator.register(version: 3, name: "the changelog sync: streams, server changes, student work") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sync_streams (
                        device_id TEXT NOT NULL,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        acked_seq INTEGER NOT NULL DEFAULT 0,
                        last_sync_at INTEGER,
                        last_skew_ms INTEGER,
                        PRIMARY KEY (device_id, user_id)
                    );
                    CREATE TABLE changes (
                        sseq INTEGER PRIMARY KEY AUTOINCREMENT,
                        user_id TEXT,
                        course_id TEXT,
                        kind TEXT NOT NULL,
                        entity TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX changes_user ON changes(user_id, sseq);
                    CREATE INDEX changes_course ON changes(course_id, sseq);
                    CREATE TABLE progress (
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        course_id TEXT NOT NULL,
                        lesson_id TEXT NOT NULL,
                        completed INTEGER NOT NULL,
                        seconds TEXT NOT NULL,
                        last_opened_at INTEGER,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, course_id, lesson_id)
                    );
                    CREATE TABLE attempts (
                        id TEXT PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        course_id TEXT NOT NULL,
                        course_version TEXT NOT NULL,
                        quiz_id TEXT NOT NULL,
                        started_at INTEGER,
                        submitted_at INTEGER,
                        payload BLOB NOT NULL,
                        points REAL,
                        max_points REAL,
                        awaiting_teacher INTEGER NOT NULL DEFAULT 0,
                        received_at INTEGER NOT NULL
                    );
                    CREATE INDEX attempts_user ON attempts(user_id, course_id);
                    CREATE TABLE submissions (
                        id TEXT PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        course_id TEXT NOT NULL,
                        assignment_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        payload BLOB NOT NULL,
                        submitted_at INTEGER NOT NULL,
                        received_at INTEGER NOT NULL,
                        late INTEGER NOT NULL
                    );
                    CREATE INDEX submissions_user ON submissions(user_id, course_id, assignment_id);
                    """)
        }
        migrator.register(version: 4, name: "an index for course-wide changes") { db in
            try db.execute(sql: "CREATE INDEX changes_course_wide ON changes(course_id, sseq) WHERE user_id IS NULL")
        }
        migrator.register(
            version: 6, name: "grades and their history, essay grading, certificates, course-wide indexes"
        ) { db in
            try db.execute(sql: ServerStore.gradesSchema)
        }
        migrator.register(version: 7, name: "communication: forum posts, announcements, direct messages") { db in
            try db.execute(sql: communicationSchema)
        }
        registerAdminMigration(&migrator) // 8 (admin): sync volume, erasures
        migrator.register(
            version: 9, name: "communication: partial indexes on changes by entity; posts and messages per user and day"
        ) { db in
            try db.execute(sql: communicationChangeIndexes)
        }
        migrator.register(version: 10, name: "grade history by graded submission or attempt") { db in
            try db.execute(sql: ServerStore.gradeHistoryTargetIndex)
        }
        return migrator
    }()
}

/// Milliseconds since 1970, the unit of every stored time.
func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
