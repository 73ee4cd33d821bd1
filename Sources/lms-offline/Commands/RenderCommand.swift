import Foundation
import LMSModel

/// `lms-offline render FILE.md [--width N] [--html] [--safe]`: a Markdown file as the course system
/// reads it (CommonMark with GitHub's extensions), laid out for the terminal as `read` shows a
/// lesson, or printed as HTML. Front matter (`id: ...` between `---` lines) is left out, as the
/// course does. Works offline, touches no data folder.
enum RenderCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "render",
            summary: "show a Markdown file as a lesson is shown, or as HTML (--safe: only harmless HTML kept)",
            usage: "lms-offline render FILE.md [--width N] [--html] [--safe]", flags: ["html", "safe"],
            options: ["width"], run: render)
    ]

    /// A file that could not be read, with what to check.
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read \(path) as UTF-8 text; check the path and that it is a Markdown file" }
    }

    /// The Markdown of a lesson or assignment file as the course reads it: a leading block of
    /// `key: value` lines between two `---` lines is front matter, not a rule and a heading.
    /// Text whose block is not closed, or holds a line without `:`, is returned unchanged.
    static func withoutFrontMatter(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return text }
        for (offset, line) in lines.enumerated().dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" { return lines[(offset + 1)...].joined(separator: "\n") }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.contains(":") { return text }
        }
        return text
    }

    static func render(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "FILE.md")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw ReadError(path: path) }
        let document = MarkdownParser.parse(withoutFrontMatter(text))
        if !args.has("html") {
            let width =
                args.value("width").flatMap(Int.init) ?? Pager.width(environment: ProcessInfo.processInfo.environment)
            let page = MarkdownTerminalRenderer(width: width, color: console.useColor).render(document)
            page.text(color: console.useColor).forEach { console.out($0) }
            return 0
        }
        FileHandle.standardOutput.write(Data(MarkdownHTMLRenderer(isSafe: args.has("safe")).render(document).utf8))
        return 0
    }
}
