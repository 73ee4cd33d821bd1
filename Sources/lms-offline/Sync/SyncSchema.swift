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
enum SyncSchema {
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
}
