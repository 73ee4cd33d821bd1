import Foundation

/// A counting semaphore in front of costly work (issue 13, item 4): at most `limit` callers run
/// it at once; the others queue. Pushes and uploads queue for a bounded time and are then answered
/// 503 with `Retry-After` (`enter()`); short work such as a PBKDF2 computation queues until its
/// turn (`run`). Thread-safe.
final class WorkGate: @unchecked Sendable {
    /// What the gate guards, for the busy answer.
    let name: String
    /// How many may run at once.
    let limit: Int
    /// Seconds a caller of `enter()` waits for a place before it is turned away.
    let maxWaitSeconds: TimeInterval
    private let semaphore: DispatchSemaphore

    init(name: String, limit: Int, maxWaitSeconds: TimeInterval) {
        self.name = name
        self.limit = limit
        self.maxWaitSeconds = maxWaitSeconds
        semaphore = DispatchSemaphore(value: limit)
    }

    /// Takes a place, waiting up to `maxWaitSeconds`; throws 503 `busy` when none is freed in time.
    /// Every successful `enter()` must be followed by one `leave()` (use `defer`).
    func enter() throws {
        guard semaphore.wait(timeout: .now() + maxWaitSeconds) == .success else {
            throw APIError(
                status: 503, code: "busy",
                message: "the server is busy with other \(name); try again in a few seconds",
                headers: [("Retry-After", "5")])
        }
    }

    /// Gives back a place taken by `enter()`.
    func leave() { semaphore.signal() }

    /// Runs `work` in a place, waiting as long as it takes for one.
    func run<T>(_ work: () throws -> T) rethrows -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return try work()
    }
}

/// A server's gates, one per kind of costly work; their limits are in `ServerLimits`. Each
/// `ServerApp` has its own (tests run several at once); PBKDF2's is the process's.
final class WorkGates: Sendable {
    /// Pushes being inflated, decoded and applied.
    let push = WorkGate(
        name: "pushes", limit: ServerLimits.maxConcurrentPushes, maxWaitSeconds: ServerLimits.maxQueueWaitSeconds)
    /// Uploads (course packages and submitted files) being hashed, checked and stored.
    let upload = WorkGate(
        name: "uploads", limit: ServerLimits.maxConcurrentUploads, maxWaitSeconds: ServerLimits.maxQueueWaitSeconds)
    /// PBKDF2 computations (logins, password changes, new users): the cores are the process's.
    static let passwordHashing = WorkGate(
        name: "password checks", limit: ServerLimits.maxConcurrentPasswordHashes,
        maxWaitSeconds: ServerLimits.maxQueueWaitSeconds)
}
