import Dispatch
import Foundation

/// Collects unreferenced uploads while `serve` runs (issue 13, item 5): every `interval` seconds
/// (`ServerLimits.uploadCollectionIntervalSeconds`, daily) on a background queue of its own, so a
/// server that runs for months does not keep what `lms-server gc` would remove. The queue is
/// serial and the timer's handler runs on it, so one collection never overlaps another; a run that
/// outlasts the interval delays the next instead. Each run is logged on standard error, and a
/// failed run (a busy or full disk) is logged and tried again at the next tick.
final class UploadCollector: @unchecked Sendable {
    // @unchecked: `timer` is set once in init and only touched through its own thread-safe API.
    private let queue = DispatchQueue(label: "lms-server.upload-collection", qos: .utility)
    private let timer: DispatchSourceTimer
    /// Where each run's line goes (standard error by default).
    private let log: @Sendable (String) -> Void

    /// Collects `app`'s uploads every `interval` seconds from now on (the first run one interval
    /// from now: `serve` collects once at start), until `stop()` or the end of the collector.
    init(
        app: ServerApp, interval: TimeInterval = ServerLimits.uploadCollectionIntervalSeconds,
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        self.log = log
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(Int(interval * 50)))
        timer.setEventHandler { [log] in
            do {
                log("lms-server: upload collection: \(try app.collectUnreferencedUploads())")
            } catch {
                log("lms-server: upload collection failed (tried again in \(Int(interval)) s): \(error)")
            }
        }
        // Resumed at once: a dispatch source released while suspended is a crash.
        timer.resume()
    }

    /// Stops it; a run in progress finishes first (the call waits for it).
    func stop() {
        timer.cancel()
        queue.sync {}
    }

    deinit { timer.cancel() }
}
