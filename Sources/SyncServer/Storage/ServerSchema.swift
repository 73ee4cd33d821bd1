import LMSDatabase

/// The server's schema, all of it in this one file: every table is made by a numbered migration
/// below (`PRAGMA user_version`), each tested from the version before it, so a data folder of any
/// earlier release opens. Which store owns (is the only writer of) each table is listed in
/// docs/ARCHITECTURE.md, "Tables and their owners".
enum ServerSchema {
    /// The numbered migrations (`PRAGMA user_version`); a new database runs them all in order.
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
            try db.execute(sql: gradesAndCertificates)
        }
        migrator.register(version: 7, name: "communication: forum posts, announcements, direct messages") { db in
            try db.execute(sql: communication)
        }
        migrator.register(version: 8, name: "sync volume per day and site; erasures") { db in
            try db.execute(sql: syncVolumeAndErasures)
        }
        migrator.register(
            version: 9, name: "communication: partial indexes on changes by entity; posts and messages per user and day"
        ) { db in
            try db.execute(sql: communicationIndexesAndDailyCounts)
        }
        migrator.register(version: 10, name: "grade history by graded submission or attempt") { db in
            try db.execute(sql: gradeHistoryTargetIndex)
        }
        migrator.register(version: 11, name: "exams: late attempts and released reviews; uploads per user") { db in
            try db.execute(
                sql: """
                    ALTER TABLE attempts ADD COLUMN late TEXT;
                    ALTER TABLE attempts ADD COLUMN full_result BLOB;
                    CREATE INDEX attempts_quiz ON attempts(user_id, course_id, quiz_id);
                    CREATE TABLE uploads (
                        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        uploaded_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, sha256)
                    );
                    CREATE INDEX uploads_sha256 ON uploads(sha256);
                    CREATE TABLE quiz_reviews (
                        course_id TEXT NOT NULL,
                        quiz_id TEXT NOT NULL,
                        released_by TEXT NOT NULL,
                        released_at INTEGER NOT NULL,
                        PRIMARY KEY (course_id, quiz_id)
                    );
                    """)
        }
        migrator.register(version: 12, name: "late attempts a teacher counted") { db in
            // A late attempt does not count in the gradebook unless a teacher counted it (docs/PROTOCOL.md §8).
            try db.execute(
                sql: """
                    CREATE TABLE counted_late_attempts (
                        attempt_id TEXT PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
                        counted_by TEXT NOT NULL,
                        counted_at INTEGER NOT NULL
                    );
                    """)
        }
        migrator.register(version: 13, name: "attempts stored once: the index that attempts_quiz covers dropped") {
            db in
            // `attempts_quiz (user_id, course_id, quiz_id)` answers every query `attempts_user
            // (user_id, course_id)` did; one index fewer to update per pushed attempt. Attempt
            // changes written from now on hold no payload: the pull splices `attempts.payload`.
            try db.execute(sql: "DROP INDEX IF EXISTS attempts_user")
        }
        return migrator
    }()

    // MARK: - The SQL of the larger migrations

    /// Migration 6: grades and their history, teachers' grading of attempts, certificates, and the
    /// course-wide indexes that the grading queue, gradebook and reports read by (no per-student queries).
    static let gradesAndCertificates = """
        CREATE TABLE grades (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            submission_id TEXT NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            scores TEXT NOT NULL DEFAULT '{}',
            feedback TEXT,
            graded_by TEXT NOT NULL,
            graded_at INTEGER NOT NULL,
            PRIMARY KEY (course_id, user_id, item_id)
        );
        CREATE TABLE attempt_grades (
            attempt_id TEXT PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
            auto_points REAL NOT NULL,
            scores TEXT NOT NULL DEFAULT '{}',
            feedback TEXT,
            graded_by TEXT NOT NULL,
            graded_at INTEGER NOT NULL
        );
        CREATE TABLE grade_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            course_id TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            target_id TEXT NOT NULL,
            old_points REAL,
            new_points REAL NOT NULL,
            old_feedback TEXT,
            new_feedback TEXT,
            scores TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at INTEGER NOT NULL
        );
        CREATE INDEX grade_history_course ON grade_history(course_id, user_id, item_id);
        CREATE TABLE certificates (
            code TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            name TEXT NOT NULL,
            course_title TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            UNIQUE (user_id, course_id)
        );
        CREATE INDEX attempts_course ON attempts(course_id, awaiting_teacher, user_id, quiz_id);
        CREATE INDEX submissions_course ON submissions(course_id, user_id, assignment_id);
        CREATE INDEX progress_course ON progress(course_id, completed);
        """

    /// Migration 7: the tables of communication.
    static let communication = """
        CREATE TABLE posts (
            id TEXT PRIMARY KEY,
            course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
            lesson_id TEXT,
            thread_id TEXT,
            author_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            title TEXT,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revision TEXT NOT NULL,
            edited INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            deleted_by TEXT,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX posts_forum ON posts(course_id, thread_id, lesson_id);
        CREATE INDEX posts_thread ON posts(thread_id);
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
            author_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL
        );
        CREATE INDEX announcements_course ON announcements(course_id, created_at);
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
            from_id TEXT NOT NULL,
            from_name TEXT NOT NULL,
            to_id TEXT NOT NULL,
            to_name TEXT NOT NULL,
            body TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL
        );
        CREATE INDEX messages_from ON messages(from_id, sent_at);
        CREATE INDEX messages_to ON messages(to_id, sent_at);
        """

    /// Migration 8: daily sync volume (`StatisticsStore`), and what an erasure leaves (`DataRightsStore`).
    static let syncVolumeAndErasures = """
        CREATE TABLE sync_volume (
            day TEXT NOT NULL,
            site TEXT NOT NULL DEFAULT '',
            pushes INTEGER NOT NULL DEFAULT 0,
            pulls INTEGER NOT NULL DEFAULT 0,
            entries_in INTEGER NOT NULL DEFAULT 0,
            changes_out INTEGER NOT NULL DEFAULT 0,
            bytes_in INTEGER NOT NULL DEFAULT 0,
            bytes_out INTEGER NOT NULL DEFAULT 0,
            last_sync_at INTEGER,
            PRIMARY KEY (day, site)
        );
        CREATE TABLE erased_tokens (hash BLOB PRIMARY KEY, erased_at INTEGER NOT NULL);
        CREATE TABLE erasures (user_id TEXT PRIMARY KEY, erased_at INTEGER NOT NULL);
        """

    /// Migration 9: partial indexes on the changes of communication by entity, so that replacing
    /// a post's change (`savePost`) or erasing a user's messages and posts (`eraseCommunication`)
    /// does not scan the changelog. They are partial so that the hot path (progress, attempts)
    /// does not pay for them; SQLite uses one only when the query says `kind = '…'` literally.
    /// And `posting_days`: new posts and messages per user and UTC day (`countPosting`).
    static let communicationIndexesAndDailyCounts = """
        CREATE INDEX changes_post_entity ON changes(entity) WHERE kind = 'post';
        CREATE INDEX changes_message_entity ON changes(entity) WHERE kind = 'message';
        CREATE INDEX changes_announcement_entity ON changes(entity) WHERE kind = 'announcement';
        CREATE TABLE posting_days (
            user_id TEXT NOT NULL,
            day INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (user_id, day)
        );
        """

    /// Migration 10: essay grading reads an attempt's last history entry by its target.
    static let gradeHistoryTargetIndex = "CREATE INDEX grade_history_target ON grade_history(target_id, id)"
}
