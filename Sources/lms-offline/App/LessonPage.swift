import Foundation
import LMSModel

/// Makes the `TerminalPage` a lesson viewer shows, at a width: the lesson's Markdown (with its
/// front matter's title, media and address first) parsed and laid out by
/// `MarkdownTerminalRenderer`, its links resolved against the installed course (another item,
/// an anchor, a file of the course, or the web) as `LessonView` resolves them. The file is read
/// by `LessonView.read`.
struct LessonPage: Sendable {
    /// The lesson's Markdown body (front matter removed).
    var markdown: String
    /// The front matter's keys (title, media, type, url).
    var keys: [String: String]
    /// The course folder and the lesson's path inside it.
    var folder: String
    var path: String
    /// Item ids by their file's path in the course, to turn links between lessons into item links.
    var itemIDsByPath: [String: String]
    /// Whether styles will show (without them code keeps its backticks).
    var color = true

    /// The Markdown shown: a title, media and address from the front matter, then the body.
    var document: String {
        var head = ""
        if let title = keys["title"], !title.isEmpty, !markdown.hasPrefix("# ") { head += "# " + title + "\n\n" }
        if let media = keys["media"], !media.isEmpty {
            let name = (media as NSString).lastPathComponent
            head += "[\(keys["type"] ?? "file"): \(name)](<\(media)>)\n\n"
        }
        if let url = keys["url"], !url.isEmpty { head += "<\(url)>\n\n" }
        return head + markdown
    }

    /// The page at `width` columns.
    func render(width: Int) -> TerminalPage {
        let renderer = MarkdownTerminalRenderer(width: width, color: color) { target($0) }
        return renderer.render(MarkdownParser.parse(document))
    }

    /// The first part of the document for a quick first page of a long lesson: up to the first
    /// blank line after `bytes` that is outside a code fence; nil when the document is short
    /// enough to render whole at once.
    func prefix(bytes: Int) -> String? {
        let text = document
        guard text.utf8.count > 2 * bytes else { return nil }
        // Lines are read only up to the cut: a 200 KB lesson is not split whole for its first page.
        var count = 0
        var fence: Substring?
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if line.isEmpty, count >= bytes {
                return String(text[..<lineStart].dropLast())
            }
            count += line.utf8.count + 1
            guard lineEnd < text.endIndex else { break }
            lineStart = text.index(after: lineEnd)
        }
        return nil
    }

    /// The page of the document's first part (see `prefix`), or nil for a short lesson.
    func renderFirstPart(width: Int, bytes: Int) -> TerminalPage? {
        guard let part = prefix(bytes: bytes) else { return nil }
        let renderer = MarkdownTerminalRenderer(width: width, color: color) { target($0) }
        return renderer.render(MarkdownParser.parse(part))
    }

    /// Where a destination written in the lesson goes: the line-mode viewer's resolver
    /// (`LessonView.target`, over `CourseLinkResolver`), so both viewers follow a link alike.
    func target(_ destination: String) -> LinkTarget {
        LessonView(folder: folder, path: path, itemIDsByPath: itemIDsByPath).target(destination)
    }
}
