import CSQLite
import Foundation

/// The checkpointer thread of a `DatabaseQueue` opened with `CheckpointPolicy.background(pages:)`:
/// its own connection to the queue's file, woken by a `sqlite3_wal_hook` on the queue's connection
/// when a commit leaves `thresholdPages` or more in the WAL, and running PASSIVE checkpoints (which
/// never wait for the writer and never make it wait). A failed checkpoint is counted and kept in
/// `statistics`, never thrown: `SQLITE_BUSY` (another checkpoint running) is normal, and the next
/// commit past the threshold tries again.
///
/// The connection is opened in `init`, on the path as it is then, so the thread only ever touches
/// the file the queue opened (a restore that renames the data folder cannot redirect it). The queue
/// owns the checkpointer; the hook holds it unretained, so the queue must call `uninstall(from:)`
/// and `stop()` (which joins the thread and closes the connection) before releasing it.
final class WALCheckpointer: @unchecked Sendable {
    /// The writer checkpoints on its own connection once a commit leaves this many times
    /// `thresholdPages` in the WAL: 4 (with the server's 8,000, 32,000 pages or about 128 MiB), so
    /// that a stalled or failing thread cannot let the WAL grow without bound.
    static let hardCapFactor = 4
    /// The writer copies the rest itself when the thread has already copied all but this fraction of
    /// `thresholdPages` (1/8: 1,000 of the server's 8,000 pages, about 4 MiB). SQLite starts the WAL
    /// again from its beginning only when a write transaction *begins* with every frame copied back;
    /// under back-to-back writes the next transaction has always begun before the thread's checkpoint
    /// ends, so without this the WAL would grow to the hard cap, and the thread would copy the same
    /// hot pages again after every commit.
    static let tailDivisor = 8
    /// The checkpointer thread's name (`/proc/self/task/TID/comm`, at most 15 bytes).
    static let threadName = "lms-checkpoint"

    /// What the checkpointer has done, for tests and diagnostics.
    struct Statistics: Sendable, Equatable {
        /// Background checkpoints that returned `SQLITE_OK`.
        var backgroundCheckpoints = 0
        /// Background checkpoints that returned `SQLITE_BUSY`.
        var busyCheckpoints = 0
        /// Background checkpoints that failed otherwise.
        var failedCheckpoints = 0
        /// The last error of a background checkpoint (busy or failed).
        var lastError: DatabaseError?
        /// Checkpoints the writer ran itself because the WAL reached the hard cap.
        var writerCheckpoints = 0
        /// Checkpoints the writer ran itself to copy the last few pages the thread left.
        var writerTailCheckpoints = 0
        /// The WAL's size in pages after the last commit, and the largest seen.
        var lastCommitPages = 0
        var largestCommitPages = 0
        /// The checkpointer thread's kernel id (0 until it runs), to find it in `/proc/self/task`.
        var threadID: Int32 = 0
    }

    let thresholdPages: Int
    let hardCapPages: Int
    let tailPages: Int
    // Safety: the state below is guarded by `condition`; `connection` is touched only by the thread
    // (after `init` hands it over, until the thread ends: `stop()` joins it before anyone looks again).
    private let condition = NSCondition()
    private var pending = false
    /// The thread is copying: commits meanwhile do not queue another wake-up (the next commit after it
    /// ends decides, with what it copied), so one pass over the threshold costs one background copy.
    private var copying = false
    private var paused = false
    private var stopping = false
    private var counters = Statistics()
    /// Bumped by the hook when the WAL starts again from its beginning (a commit leaves fewer pages).
    private var generation = 0
    /// Frames the thread has copied back from the WAL of `generation` (0: none known).
    private var backfilledFrames = 0
    private var connection: Database?
    private var thread = pthread_t()
    private var running = false

    /// Opens the checkpointer's connection to `path` and starts its thread.
    init(path: String, options: DatabaseOptions, thresholdPages: Int) throws {
        guard thresholdPages > 0 else {
            throw DatabaseError(
                resultCode: SQLITE_MISUSE, message: "background checkpoints need a threshold of 1 page or more")
        }
        self.thresholdPages = thresholdPages
        self.hardCapPages = thresholdPages * Self.hardCapFactor
        self.tailPages = max(1, thresholdPages / Self.tailDivisor)
        connection = try Database(path: path, options: options)
        let context = Unmanaged.passRetained(self).toOpaque()
        let code = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context)
        guard code == 0 else {
            Unmanaged<WALCheckpointer>.fromOpaque(context).release()
            throw DatabaseError(
                resultCode: SQLITE_ERROR,
                message: "cannot start the checkpointer thread (\(String(cString: strerror(code)))) for \(path)")
        }
        running = true
    }

    /// What the checkpointer has done so far.
    var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return counters
    }

    /// Holds the thread's checkpoints back while `true` (tests of the hard cap); commits still wake it.
    func setPaused(_ value: Bool) {
        condition.lock()
        paused = value
        condition.broadcast()
        condition.unlock()
    }

    // MARK: - The writer's hook

    /// Makes `database`'s commits report the WAL's size to this checkpointer. The caller keeps the
    /// checkpointer alive until `uninstall(from:)`.
    func install(on database: Database) throws {
        try database.execute(sql: "PRAGMA wal_autocheckpoint = 0") // before the hook: the pragma replaces it
        sqlite3_wal_hook(
            database.handle,
            { context, connection, schema, pages in
                guard let context else { return SQLITE_OK }
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                checkpointer.didCommit(connection: connection, schema: schema, pages: Int(pages))
                return SQLITE_OK // an error here would fail a COMMIT that has already happened
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the hook from `database`.
    func uninstall(from database: Database) {
        sqlite3_wal_hook(database.handle, nil, nil)
    }

    /// Runs on the writer's thread after each commit, with `pages` in the WAL.
    private func didCommit(connection: OpaquePointer?, schema: UnsafePointer<CChar>?, pages: Int) {
        condition.lock()
        if pages < counters.lastCommitPages {
            generation += 1
            backfilledFrames = 0
        }
        counters.lastCommitPages = pages
        counters.largestCommitPages = max(counters.largestCommitPages, pages)
        let copiedByThread = backfilledFrames
        guard pages >= thresholdPages else {
            condition.unlock()
            return
        }
        if pages < hardCapPages && (copying || copiedByThread == 0 || pages - copiedByThread > tailPages) {
            if !copying {
                pending = true
                condition.signal()
            }
            condition.unlock()
            return
        }
        condition.unlock()
        // At the hard cap, what SQLite's own hook does at the `wal_autocheckpoint` mark; for a tail,
        // the few pages the thread left. SQLITE_BUSY (the thread is copying) leaves it to the thread.
        let code = sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        guard code == SQLITE_OK else { return }
        condition.lock()
        if pages >= hardCapPages {
            counters.writerCheckpoints += 1
        } else {
            counters.writerTailCheckpoints += 1
        }
        condition.unlock()
    }

    // MARK: - The thread

    private func run() {
        Thread.current.name = Self.threadName
        // "/proc/thread-self" names "PID/task/TID" (Glibc's gettid is not imported into Swift).
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        condition.lock()
        counters.threadID = link.split(separator: "/").last.flatMap { Int32($0) } ?? -1
        condition.unlock()
        while true {
            condition.lock()
            while !stopping && (!pending || paused) { condition.wait() }
            if stopping {
                condition.unlock()
                break
            }
            pending = false
            copying = true
            let walGeneration = generation
            condition.unlock()
            checkpoint(walGeneration: walGeneration)
        }
        connection = nil // closes it, before `stop()` returns
    }

    /// Runs one PASSIVE checkpoint and records what it copied, if the WAL is still of `walGeneration`.
    private func checkpoint(walGeneration: Int) {
        guard let connection else { return }
        let failure: DatabaseError?
        var copied = 0
        do {
            copied = try connection.checkpoint(.passive).checkpointedFrames
            failure = nil
        } catch let error as DatabaseError {
            failure = error
        } catch {
            failure = DatabaseError(resultCode: SQLITE_ERROR, message: "\(error)")
        }
        condition.lock()
        defer { condition.unlock() }
        copying = false
        guard let failure else {
            counters.backgroundCheckpoints += 1
            if generation == walGeneration { backfilledFrames = max(backfilledFrames, copied) }
            return
        }
        counters.lastError = failure
        if failure.resultCode == SQLITE_BUSY {
            counters.busyCheckpoints += 1
        } else {
            counters.failedCheckpoints += 1
        }
    }

    /// Stops the thread and waits until it has ended and closed its connection. Idempotent.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        if running {
            pthread_join(thread, nil)
            running = false
        }
    }
}
