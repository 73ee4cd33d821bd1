/// Who copies a file database's WAL back into the database file, and when (a `DatabaseQueue` option).
///
/// In WAL mode every commit appends pages to `NAME-wal`; a *checkpoint* copies them back into `NAME`
/// so that the next writer can start the WAL again from its beginning.
public enum CheckpointPolicy: Sendable, Equatable {
    /// SQLite's automatic checkpoint: the commit that takes the WAL to 1,000 pages (or what
    /// `PRAGMA wal_autocheckpoint` says) copies it back before it returns, on the committing thread
    /// while it still holds the queue's lock. The default.
    case onCommit
    /// A checkpointer thread with its own connection to the same file copies the WAL back once a
    /// commit leaves it holding at least `pages` pages (`PRAGMA wal_autocheckpoint = 0` on the
    /// queue's connection; a `sqlite3_wal_hook` wakes the thread). Its checkpoints are PASSIVE: they
    /// never wait for, nor block, the writer. When the thread has copied all but a few pages (at most
    /// `pages / WALCheckpointer.tailDivisor`), the next commit copies those itself, so that the
    /// following transaction can start the WAL again. Should the thread fall behind, the commit that leaves
    /// `WALCheckpointer.hardCapFactor` × `pages` or more in the WAL checkpoints on the writer's own
    /// connection, as `.onCommit` does, so the WAL stays bounded. (A reader that keeps one snapshot
    /// open, like a long backup, still holds every checkpoint back, as with `.onCommit`.)
    ///
    /// The thread stops and its connection closes when the queue is released, before the queue's
    /// own connection. Do not set `PRAGMA wal_autocheckpoint` on such a queue: it would replace the hook.
    case background(pages: Int)
}
