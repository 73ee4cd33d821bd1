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
        /// The WAL's size in pages after the last commit, and the largest seen.
        var lastCommitPages = 0
        var largestCommitPages = 0
        /// The checkpointer thread's kernel id (0 until it runs), to find it in `/proc/self/task`.
        var threadID: Int32 = 0
    }

    let thresholdPages: Int
    let hardCapPages: Int
    // Safety: the state below is guarded by `condition`; `connection` is touched only by the thread
    // (after `init` hands it over, until the thread ends: `stop()` joins it before anyone looks again).
    private let condition = NSCondition()
    private var pending = false
    private var paused = false
    private var stopping = false
    private var counters = Statistics()
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
        counters.lastCommitPages = pages
        counters.largestCommitPages = max(counters.largestCommitPages, pages)
        if pages >= hardCapPages {
            condition.unlock()
            // What SQLite's own hook does at the `wal_autocheckpoint` mark; its errors are the thread's to retry.
            let code = sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if code == SQLITE_OK {
                condition.lock()
                counters.writerCheckpoints += 1
                condition.unlock()
            }
            return
        }
        if pages >= thresholdPages {
            pending = true
            condition.signal()
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
            condition.unlock()
            checkpoint()
        }
        connection = nil // closes it, before `stop()` returns
    }

    private func checkpoint() {
        guard let connection else { return }
        let failure: DatabaseError?
        do {
            try connection.checkpoint(.passive)
            failure = nil
        } catch let error as DatabaseError {
            failure = error
        } catch {
            failure = DatabaseError(resultCode: SQLITE_ERROR, message: "\(error)")
        }
        condition.lock()
        defer { condition.unlock() }
        guard let failure else {
            counters.backgroundCheckpoints += 1
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
