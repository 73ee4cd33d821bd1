import Foundation
import LMSDatabase

/// The server's database: one SQLite file in WAL mode, its schema (`ServerSchema`), and the
/// stores of each area, which hold the SQL of their tables (docs/ARCHITECTURE.md, "Tables and
/// their owners"). Access is serialised by `DatabaseQueue`; every store method is one transaction.
final class ServerStore: @unchecked Sendable {
    /// The database file's name inside the data folder.
    static let fileName = "lms.sqlite"

    let queue: DatabaseQueue
    let path: String
    /// Users, tokens, reset codes, login throttling.
    let accounts: AccountStore
    /// Courses, their staff and published versions.
    let courses: CourseStore
    /// Enrollments, groups and completions.
    let enrollments: EnrollmentStore
    /// Server changes, devices and their sync streams.
    let changelog: ChangelogStore
    /// Grades, their history, essay grading, certificates; the gradebook's reads.
    let grading: GradingStore
    /// Forum posts, announcements, direct messages.
    let communication: CommunicationStore
    /// Sync volume and the system figures.
    let statistics: StatisticsStore
    /// A user's export and erasure.
    let dataRights: DataRightsStore
    /// Submitted files uploaded by each user: the quota, and the files nothing refers to.
    let uploads: UploadStore

    /// WAL pages written before the checkpointer thread copies them back into the database file:
    /// 8,000 (about 32 MiB; SQLite's default is 1,000). A push of 1,000 entries writes about 300
    /// pages, and the same index and table pages again and again: a longer interval copies each of
    /// them once instead of once per 1,000 pages. The copy runs on a thread of its own with its own
    /// connection (`CheckpointPolicy.background`), so no push waits for it while holding the write lock.
    static let walCheckpointPages = 8_000

    /// Opens (creating and migrating) the store at `path`.
    init(path: String) throws {
        self.path = path
        // FULL: a commit is fsync'd before it returns, so what a push acknowledged and the change
        // numbers a pull handed out survive a power cut (NORMAL in WAL mode may lose the last
        // commits, and a device's cursor could then point past changes made again under the same
        // numbers). It costs one fsync of the WAL per write transaction.
        queue = try DatabaseQueue(
            path: path, options: DatabaseOptions(synchronous: .full),
            checkpoint: .background(pages: Self.walCheckpointPages))
        try ServerSchema.migrator.migrate(queue)
        accounts = AccountStore(queue: queue)
        courses = CourseStore(queue: queue)
        enrollments = EnrollmentStore(queue: queue)
        changelog = ChangelogStore(queue: queue)
        grading = GradingStore(queue: queue)
        communication = CommunicationStore(queue: queue)
        statistics = StatisticsStore(queue: queue)
        dataRights = DataRightsStore(queue: queue)
        uploads = UploadStore(queue: queue)
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
}

/// Milliseconds since 1970, the unit of every stored time.
func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
