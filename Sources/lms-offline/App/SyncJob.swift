import Foundation
import LMSModel

/// A sync started from the app: `lms-offline sync` run as a child (the same code path as the
/// command, its lock and its messages), watched while the screen stays live.
final class SyncJob: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private var finished = false
    let startedAt: Date

    /// Starts `binary sync --json --home HOME`; its report is collected for the summary.
    init(binary: String, home: String, now: Date) throws {
        startedAt = now
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sync", "--json", "--home", home]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errReader = err.fileHandleForReading
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { [self] in
            let data = errReader.readDataToEndOfFile()
            lock.lock()
            errors = data
            lock.unlock()
        }
        let reader = out.fileHandleForReading
        DispatchQueue.global().async { [self] in
            let data = reader.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            lock.lock()
            output = data
            finished = true
            lock.unlock()
        }
    }

    /// The summary (what came and went, or why not) once it ended; nil while it runs.
    var summary: String? {
        lock.lock()
        defer { lock.unlock() }
        guard finished else { return nil }
        return Self.summary(json: output, errors: errors)
    }

    /// What a sync's `--json` report says for people, in one line: sent, received, grades and
    /// course updates; when it failed, a calm line (nothing is lost). Without a report, the last
    /// line of its standard error (e.g. not logged in).
    static func summary(json: Data, errors: Data) -> String {
        let report = try? JSONParser.parse(bytes: [UInt8](json))
        guard let first = report?["profiles"]?.arrayValue?.first, first.objectMembers != nil else {
            let lines = String(decoding: errors, as: UTF8.self).split(separator: "\n").map(String.init)
            guard let last = lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                return AppText.syncNothing.text
            }
            // The app is not a command line: the program's name only takes room.
            for prefix in ["lms-offline sync: ", "lms-offline: "] where last.hasPrefix(prefix) {
                return String(last.dropFirst(prefix.count))
            }
            return last
        }
        if let failure = first["error"]?.stringValue {
            let line = failure.split(separator: "\n").first.map(String.init) ?? failure
            if first["loginExpired"]?.boolValue == true { return line }
            return AppText.syncFailed.t(line)
        }
        let number = { (key: String) in first[key]?.numberValue.map { Int(exactly: $0) ?? 0 } ?? 0 }
        var parts = [AppText.syncSent.t(number("pushed")), AppText.syncReceived.t(number("pulled"))]
        if number("grades") > 0 { parts[1] += " " + AppText.syncGrades.count(number("grades")) }
        if number("rejected") + number("rejections") > 0 {
            parts.append(AppText.syncRefused.t(number("rejected") + number("rejections")))
        }
        for update in first["updates"]?.arrayValue ?? [] {
            let course = update["course"]?.stringValue ?? "?"
            let version = update["to"]?.stringValue ?? "?"
            parts.append(
                update["from"]?.stringValue != nil
                    ? AppText.syncUpdated.t(course, version) : AppText.syncInstalled.t(course, version))
        }
        return AppText.syncDone.t(parts.joined(separator: ", "))
    }

    /// A bar that moves while the sync runs (how long it takes is not known ahead).
    static func bar(elapsed: TimeInterval, width: Int = 12) -> String {
        let step = Int(elapsed * 4) % (2 * (width - 3))
        let position = step < width - 3 ? step : 2 * (width - 3) - step
        return (0..<width).map { $0 >= position && $0 < position + 3 ? "▰" : "▱" }.joined()
    }
}
