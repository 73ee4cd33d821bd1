import Foundation

/// The application's limits (the HTTP layer's own are in `HTTPLimits`).
enum ServerLimits {
    /// The largest course package accepted by publish: 2 GiB, under the package reader's 4 GiB total.
    /// Allocations of at least 256 KiB are mapped on their own and given back to the system when
    /// freed (`ProcessMemory.mapAllocations`, set once by `serve`): a burst of large pushes then leaves
    /// no tens of megabytes behind in each thread's arena.
    static let mappedAllocationBytes = 256 * 1024
    static let maxPackageBytes: Int64 = 2 << 30
    /// The largest CSV import: 5 MiB (about 50,000 users).
    static let maxCSVBytes = 5 << 20
    /// Rows in one CSV import.
    static let maxCSVRows = 50_000
    /// How long a login token lives: 30 days, so a field-site laptop that syncs nightly stays logged in.
    static let tokenLifetimeSeconds: Int64 = 30 * 24 * 3600
    /// How long a reset code lives: 72 hours (a teacher may read it out days later).
    static let resetCodeLifetimeSeconds: Int64 = 72 * 3600
    /// Live sessions (tokens) one user keeps: 20, a phone, laptops and a few browsers; a 21st login
    /// ends the oldest, so that repeated logins cannot grow the tokens table.
    static let maxSessionsPerUser = 20
    /// The bytes of submitted files one user may keep on the server: 1 GiB (a year of essays,
    /// photos and small projects; `PUT /sync/blobs` answers 507 `quota_exceeded` past it).
    static let maxUploadBytesPerUser: Int64 = 1 << 30
    /// How long an uploaded file may wait for the submission that names it before `gc` removes
    /// it: 7 days (a device uploads, then pushes in the same sync; a week covers any cut).
    static let unreferencedUploadGraceSeconds: Int64 = 7 * 24 * 3600
    /// How often a running `serve` collects unreferenced uploads (`UploadCollector`): daily, so a
    /// server that runs for months frees what a week's grace let go within a day of it.
    static let uploadCollectionIntervalSeconds: TimeInterval = 24 * 3600
    /// Failed logins for one username before throttling starts.
    static let freeLoginFailures = 5
    /// Failed logins from one address before throttling starts: higher, since a school's NAT or a
    /// proxy puts many people behind one address, and a few typos must not lock the whole site.
    static let freeAddressFailures = 50
    /// The shortest enrollment key.
    static let minimumEnrollmentKeyLength = 6
    /// The first lockout after `freeLoginFailures`, doubled with each further failure.
    static let firstLockoutSeconds: Int64 = 30
    /// The longest lockout.
    static let maxLockoutSeconds: Int64 = 15 * 60
    /// Failures older than this are forgotten.
    static let failureMemorySeconds: Int64 = 60 * 60
    /// Catalogue page size.
    static let maxCatalogueResults = 500
    /// The longest sync volume waits in memory before it is written: 60 seconds, so that syncs
    /// cost no write of their own and a crash loses at most a minute of figures.
    static let syncVolumeFlushSeconds: Int64 = 60
    /// Sites (`X-LMS-Site`, outside input) counted apart per day: 100, more than a deployment has
    /// field sites; the rest are counted together under `StatisticsStore.otherSite`.
    static let maxSyncSitesPerDay = 100
    /// Pushes inflated, decoded and applied at once: 2, the target's cores (applying is one write
    /// transaction at a time anyway). A push decodes into at most `SyncLimits.maxPushValues`
    /// values, so pushes in flight hold a bounded amount of memory; the rest queue (`WorkGate`).
    static let maxConcurrentPushes = 2
    /// Uploads (packages, submitted files) checked and stored at once: 2, the target's cores.
    static let maxConcurrentUploads = 2
    /// PBKDF2 computations at once: 2, the target's cores; more would only slow each one down
    /// while other requests starve.
    static let maxConcurrentPasswordHashes = 2
    /// Seconds a push or an upload waits in the queue for its turn before it is answered 503 with
    /// `Retry-After`: 30 s, several pushes' worth on a slow day.
    static let maxQueueWaitSeconds: TimeInterval = 30
}
