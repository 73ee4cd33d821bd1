import Foundation
import LMSModel

/// `lms-offline render FILE.md [--html] [--safe]`: a Markdown file as the course system reads it
/// (CommonMark with GitHub's extensions), printed as HTML. Works offline, touches no data folder.
enum RenderCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "render", summary: "print a Markdown file as HTML (--safe: only harmless HTML kept)",
            usage: "lms-offline render FILE.md [--html] [--safe]", flags: ["html", "safe"], run: render)
    ]

    /// A file that could not be read, with what to check.
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read \(path) as UTF-8 text; check the path and that it is a Markdown file" }
    }

    static func render(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "FILE.md")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw ReadError(path: path) }
        if !args.has("html") {
            // The terminal renderer arrives separately; until then the HTML is what there is.
            console.err("lms-offline render: terminal output is not available yet; printing HTML (--html)")
        }
        let document = MarkdownParser.parse(text)
        FileHandle.standardOutput.write(Data(MarkdownHTMLRenderer(isSafe: args.has("safe")).render(document).utf8))
        return 0
    }
}
