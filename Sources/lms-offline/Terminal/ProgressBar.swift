import Foundation

/// A one-line progress bar on standard error, redrawn in place, only when standard error is a
/// terminal (never in cron mail or a pipe) and the command is not `--quiet` or `--json`.
final class ProgressBar {
    /// Cells of the bar.
    static let width = 24
    /// Whether it draws at all.
    let enabled: Bool
    private var drawn = false
    private var lastBytes: Int64 = -1

    /// A bar that draws when `enabled` and standard error is a terminal.
    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }

    /// Shows a step with a count (`pushing 12/40`).
    func step(_ label: String, _ done: Int, of total: Int) {
        draw(label, fraction: total == 0 ? 1 : Double(done) / Double(total), detail: "\(done)/\(total)")
    }

    /// Shows a download (`downloading intro-programming 1.2/3.4 MB`), redrawn every few hundred KB.
    func bytes(_ done: Int64, of total: Int64, course: String) {
        guard enabled, done == total || lastBytes < 0 || done - lastBytes >= Int64(SyncLimits.progressStepBytes) else {
            return
        }
        lastBytes = done
        let mb = { (n: Int64) in String(format: "%.1f", Double(n) / 1_048_576) }
        draw(
            Messages.t(.progressDownloading, course), fraction: total == 0 ? 1 : Double(done) / Double(total),
            detail: "\(mb(done))/\(mb(total)) MB")
    }

    /// Shows a label alone (`pulling`).
    func note(_ label: String) { draw(label, fraction: nil, detail: "") }

    /// Clears the line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        drawn = false
        lastBytes = -1
    }

    private func draw(_ label: String, fraction: Double?, detail: String) {
        guard enabled else { return }
        var line = "\r\u{1B}[2K" + label
        if let fraction {
            let filled = max(0, min(Self.width, Int((fraction * Double(Self.width)).rounded(.down))))
            line +=
                " [" + String(repeating: "█", count: filled) + String(repeating: "░", count: Self.width - filled) + "] "
                + detail
        }
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }
}
