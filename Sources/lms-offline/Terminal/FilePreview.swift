import Foundation
import LMSModel

/// A submitted file shown inline while grading, so grading needs one terminal: a text file's first
/// page, a line saying what any other file is. Text is valid UTF-8 without NUL bytes.
enum FilePreview {
    /// The most lines of one file shown inline (a page).
    static let maximumLines = 40

    /// The lines to show for the file `name` holding `data`, each prefixed like a quoted essay.
    static func lines(_ data: Data, name: String) -> [String] {
        let header = "  ── \(TerminalText.sanitize(name)) (\(SubmissionStore.size(Double(data.count)))) ──"
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            return [header, "  │ " + Messages.t(.previewBinary)]
        }
        var lines = TerminalText.sanitize(text).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        if lines.last == "" { lines.removeLast() }
        var out = [header] + lines.prefix(maximumLines).map { "  │ " + $0 }
        if lines.count > maximumLines { out.append("  │ " + Messages.t(.previewMore, lines.count - maximumLines)) }
        return out
    }
}
