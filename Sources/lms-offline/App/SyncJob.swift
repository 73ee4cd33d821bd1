import Foundation

/// A sync started from the app: `lms-offline sync` run as a child (the same code path as the
/// command, its lock and its messages), watched while the screen stays live.
final class SyncJob: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var finished = false
    let startedAt: Date

    /// Starts `binary sync --home HOME`; its output is collected for the summary.
    init(binary: String, home: String, now: Date) throws {
        startedAt = now
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sync", "--home", home]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        DispatchQueue.global().async { [self] in
            let data = reader.readDataToEndOfFile()
            process.waitUntilExit()
            lock.lock()
            output = data
            finished = true
            lock.unlock()
        }
    }

    /// The summary (the last line the sync printed) once it ended; nil while it runs.
    var summary: String? {
        lock.lock()
        defer { lock.unlock() }
        guard finished else { return nil }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        return lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
    }

    /// A bar that moves while the sync runs (how long it takes is not known ahead).
    static func bar(elapsed: TimeInterval, width: Int = 12) -> String {
        let step = Int(elapsed * 4) % (2 * (width - 3))
        let position = step < width - 3 ? step : 2 * (width - 3) - step
        return (0..<width).map { $0 >= position && $0 < position + 3 ? "▰" : "▱" }.joined()
    }
}
