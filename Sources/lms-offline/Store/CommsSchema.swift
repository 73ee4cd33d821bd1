/// The store's tables for communication (migration 5, docs/CLIENT.md "Communication").
///
/// Rows are per profile: two profiles on one device each hold what their account may see.
/// `synced` is 0 for what was written here and not yet seen back from the server, 1 after.
/// Posts keep their tombstones (`deleted`), so a delete made here or pulled stays a delete.
/// `seen_items` remembers which lessons, quizzes and assignments a profile was told of.
enum CommsSchema {
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
}
