import LMSDatabase

/// The client store's schema, all of it in this one file, as numbered migrations (`PRAGMA user_version`).
///
/// Every student row carries `profile_id` and every query filters by it. Course content lives
/// in `HOME/courses/<course>/<package>/`; the tables hold what the hot commands need
/// (`courses`, `progress`) so that they answer without reading course files.
enum StoreSchema {
    /// The migrations, oldest first.
    static let migrator = DatabaseMigrator(migrations: [
        .init(version: 1, name: "client store", migrate: { db in try db.execute(sql: version1) }),
        .init(version: 2, name: "sync", migrate: { db in try db.execute(sql: version2) }),
        .init(
            version: 4, name: "grades from teachers, certificates",
            migrate: { db in try db.execute(sql: version4) }),
        .init(version: 5, name: "communication", migrate: { db in try db.execute(sql: version5) }),
        .init(version: 6, name: "results awaiting a teacher", migrate: { db in try db.execute(sql: version6) })
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

    /// The store's tables for the changelog sync (migration 2, docs/PROTOCOL.md, docs/CLIENT.md "Sync").
    ///
    /// - `sync_accounts`: per profile, the server, the account and its bearer token (stored as is so
    ///   that `sync --all` runs without PINs; the store file is 0600), the stream's `acked` seq and
    ///   the pull `cursor`. Logging out forgets the token and keeps the stream's state.
    /// - `outbox.pushed_at`: entries are kept after the server acknowledged them (a restored server
    ///   asks for them again, PROTOCOL §7); they are marked, never deleted.
    /// - `enrollments`: the courses each profile is enrolled in, as the server says.
    /// - `course_releases`: the newest version the server announced per course (device-wide), for updates.
    /// - `attempts.server_scored`, `attempts.late`: the server's score of record has arrived.
    /// - `notifications.title_es`, `body_es`: notifications made by sync carry both languages.
    static let version2 = """
        CREATE TABLE sync_accounts(
            profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            server TEXT NOT NULL,                     -- base URL, without a final /
            username TEXT NOT NULL,
            user_id TEXT NOT NULL,                    -- the server's id of the account
            token TEXT,                               -- the bearer token; NULL after logout
            token_expires_at INTEGER,                 -- unix ms
            acked INTEGER NOT NULL DEFAULT 0,         -- the server's acknowledged seq of this stream
            cursor TEXT NOT NULL DEFAULT '',          -- the pull cursor (opaque, carries the epoch)
            last_sync_at INTEGER,
            UNIQUE(server, user_id)
        );
        ALTER TABLE outbox ADD COLUMN pushed_at INTEGER;
        CREATE INDEX outbox_by_profile ON outbox(profile_id, seq);
        CREATE TABLE enrollments(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            status TEXT NOT NULL,                     -- active, removed
            latest_version TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY(profile_id, course_id)
        ) WITHOUT ROWID;
        CREATE TABLE course_releases(
            course_id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            package_id TEXT,                          -- the student build's id, when announced
            size INTEGER
        );
        ALTER TABLE attempts ADD COLUMN server_scored INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE attempts ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE notifications ADD COLUMN title_es TEXT;
        ALTER TABLE notifications ADD COLUMN body_es TEXT;
        """

    /// Client store migration 4: what teachers' grading brings to a student's device.
    ///
    /// - `grades.scores`: the rubric's points by criterion (JSON), as the teacher gave them.
    /// - `certificates`: the profile's certificates, one per course, with the verification code.
    /// - `student_work`: on a teacher's device, the pulled work of the students of the courses the
    ///   teacher teaches (submissions, attempts and their scores), so the queue can be read and graded offline.
    static let version4 = """
        ALTER TABLE grades ADD COLUMN scores TEXT;
        CREATE TABLE certificates(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            title TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            server TEXT,
            PRIMARY KEY(profile_id, course_id)
        );
        CREATE TABLE student_work(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            entity TEXT NOT NULL,
            course_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            item_id TEXT,
            submitted_at INTEGER,
            payload TEXT NOT NULL,
            PRIMARY KEY(profile_id, kind, entity)
        );
        CREATE INDEX student_work_by_course ON student_work(profile_id, course_id, kind, user_id, item_id);
        """

    /// The store's tables for communication (migration 5, docs/CLIENT.md "Communication").
    ///
    /// Rows are per profile: two profiles on one device each hold what their account may see.
    /// `synced` is 0 for what was written here and not yet seen back from the server, 1 after.
    /// Posts keep their tombstones (`deleted`), so a delete made here or pulled stays a delete.
    /// `seen_items` remembers which lessons, quizzes and assignments a profile was told of.
    static let version5 = """
        CREATE TABLE posts(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            course_id TEXT NOT NULL,
            lesson_id TEXT,
            thread_id TEXT,                           -- NULL for a thread
            author_id TEXT NOT NULL,                  -- empty until the server names the author
            author_name TEXT NOT NULL,
            title TEXT,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revision TEXT NOT NULL,                   -- hybrid logical clock (docs/PROTOCOL.md)
            edited INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            deleted_by TEXT,
            mine INTEGER NOT NULL DEFAULT 0,          -- written by this profile
            synced INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(profile_id, id)
        ) WITHOUT ROWID;
        CREATE INDEX posts_by_forum ON posts(profile_id, course_id, thread_id, lesson_id);
        CREATE TABLE announcements(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            course_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            synced INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(profile_id, id)
        ) WITHOUT ROWID;
        CREATE TABLE messages(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            course_id TEXT NOT NULL,
            from_id TEXT NOT NULL,
            from_name TEXT NOT NULL,
            to_id TEXT NOT NULL,
            to_name TEXT NOT NULL,
            body TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            outgoing INTEGER NOT NULL,
            synced INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(profile_id, id)
        ) WITHOUT ROWID;
        CREATE TABLE seen_items(                      -- course items a profile was told of (new-item notifications)
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY(profile_id, course_id, item_id)
        ) WITHOUT ROWID;
        """

    /// Migration 6: `attempts.awaiting_teacher` is 1 while the server's score of record awaits a
    /// teacher's grade (`attemptResult`'s `awaitingTeacher`, docs/PROTOCOL.md): its points are the
    /// auto-graded part only, so the score is provisional ("so far") and gives the quiz no grade yet.
    static let version6 = """
        ALTER TABLE attempts ADD COLUMN awaiting_teacher INTEGER NOT NULL DEFAULT 0;
        """
}
