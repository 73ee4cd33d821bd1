import LMSDatabase

/// The client store's schema as numbered migrations (`PRAGMA user_version`).
///
/// Every student row carries `profile_id` and every query filters by it. Course content lives
/// in `HOME/courses/<course>/<package>/`; the tables hold what the hot commands need
/// (`courses`, `progress`) so that they answer without reading course files.
enum StoreSchema {
    /// The migrations, oldest first.
    static let migrator = DatabaseMigrator(migrations: [
        .init(version: 1, name: "client store", migrate: { db in try db.execute(sql: version1) }),
        .init(version: 2, name: "sync", migrate: { db in try db.execute(sql: SyncSchema.version2) }),
        .init(
            version: 4, name: "grades from teachers, certificates",
            migrate: { db in try db.execute(sql: GradingSchema.version4) }),
        .init(version: 5, name: "communication", migrate: { db in try db.execute(sql: CommsSchema.version5) })
    ])

    static let version1 = """
        CREATE TABLE profiles(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,           -- lowercased name: names are unique ignoring case
            salt BLOB NOT NULL,
            iterations INTEGER NOT NULL,
            pin_hash BLOB NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER NOT NULL DEFAULT 0, -- unix ms
            created_at INTEGER NOT NULL
        );
        CREATE TABLE courses(
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            package_id TEXT NOT NULL,
            title TEXT NOT NULL,
            language TEXT,
            folder TEXT NOT NULL,                    -- relative to HOME
            position INTEGER NOT NULL,               -- install order, for listing
            prerequisites TEXT NOT NULL DEFAULT '[]',-- JSON array of course ids
            installed_at INTEGER NOT NULL
        );
        CREATE TABLE course_versions(
            course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
            package_id TEXT NOT NULL,
            version TEXT NOT NULL,
            folder TEXT NOT NULL,
            installed_at INTEGER NOT NULL,
            PRIMARY KEY(course_id, package_id)
        );
        CREATE TABLE course_items(
            course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL,                      -- lesson, quiz, assignment
            module_id TEXT NOT NULL,
            module_title TEXT NOT NULL,
            title TEXT NOT NULL,
            position INTEGER NOT NULL,               -- course order
            path TEXT NOT NULL,                      -- the item's file inside the course folder
            sha256 TEXT NOT NULL,                    -- of that file, to tell what an update changed
            due INTEGER,                             -- assignments: unix ms
            points REAL,
            removed INTEGER NOT NULL DEFAULT 0,      -- gone from the installed version; records kept
            PRIMARY KEY(course_id, item_id)
        );
        CREATE TABLE progress(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            completed INTEGER NOT NULL DEFAULT 0,
            seconds_by_device TEXT NOT NULL DEFAULT '{}',
            total_seconds INTEGER NOT NULL DEFAULT 0,
            last_opened_at INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY(profile_id, course_id, lesson_id)
        ) WITHOUT ROWID;
        CREATE TABLE open_lessons(
            profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            opened_at INTEGER NOT NULL
        );
        CREATE TABLE attempts(
            id TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            course_version TEXT NOT NULL,
            package_id TEXT NOT NULL,                -- the version the attempt is graded against
            quiz_id TEXT NOT NULL,
            mode TEXT NOT NULL,
            seed INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            deadline INTEGER,
            submitted_at INTEGER,
            question_order TEXT NOT NULL,
            responses TEXT NOT NULL DEFAULT '{}',
            result TEXT,
            points REAL,
            max_points REAL,
            status TEXT NOT NULL                     -- draft, graded, awaiting
        );
        CREATE INDEX attempts_by_quiz ON attempts(profile_id, course_id, quiz_id);
        CREATE TABLE submissions(
            id TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            assignment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            text TEXT,
            submitted_at INTEGER NOT NULL,
            late INTEGER NOT NULL DEFAULT 0,
            UNIQUE(profile_id, course_id, assignment_id, version)
        );
        CREATE TABLE submission_files(
            submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY(submission_id, position)
        );
        CREATE INDEX submission_files_by_hash ON submission_files(sha256);
        CREATE TABLE grades(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            feedback TEXT,
            graded_by TEXT NOT NULL,
            graded_at INTEGER NOT NULL,
            PRIMARY KEY(profile_id, course_id, item_id)
        );
        CREATE TABLE notifications(
            id TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            read_at INTEGER
        );
        CREATE INDEX notifications_by_profile ON notifications(profile_id, created_at);
        CREATE TABLE outbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            profile_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        """
}
