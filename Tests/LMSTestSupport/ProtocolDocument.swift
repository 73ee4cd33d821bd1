import Foundation

/// docs/PROTOCOL.md as the tests read it: its worked examples are parsed and decoded, so the
/// document and the code cannot drift apart.
public enum ProtocolDocument {
    /// The repository's docs/PROTOCOL.md.
    public static func text() throws -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return try String(contentsOf: url.appendingPathComponent("docs/PROTOCOL.md"), encoding: .utf8)
    }

    /// The entries of §6's worked attempt and submission, each as JSON text: the ```json block after
    /// "A complete attempt and submission", split where a line starts an entry (`{"seq"`).
    public static func workedEntries() throws -> [String] {
        let text = try text()
        guard let intro = text.range(of: "A complete attempt and submission"),
            let open = text.range(of: "```json\n", range: intro.upperBound..<text.endIndex),
            let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex)
        else { return [] }
        var entries: [String] = []
        for line in text[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("{\"seq\"") || entries.isEmpty {
                entries.append(String(line))
            } else {
                entries[entries.count - 1] += "\n" + line
            }
        }
        return entries
    }
}
