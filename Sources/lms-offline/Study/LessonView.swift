import Foundation
import LMSModel

/// A lesson's file made ready for the terminal: front matter read, Markdown parsed and laid
/// out by `MarkdownTerminalRenderer`, links resolved against the installed course.
struct LessonView {
    /// The course folder.
    let folder: String
    /// The lesson's file inside it.
    let path: String
    /// The course's item ids by file path, so that a link to another lesson's file shows its id.
    var itemIDsByPath: [String: String] = [:]

    /// The widest a lesson is laid out, in columns: longer lines are hard to read.
    static let maximumWidth = 100

    /// The Markdown body (without front matter) and the front matter's keys.
    func read() throws -> (body: String, keys: [String: String]) {
        guard let data = FileManager.default.contents(atPath: folder + "/" + path) else {
            throw ClientError(.fileUnreadable, folder + "/" + path)
        }
        return Self.split(String(decoding: data, as: UTF8.self))
    }

    /// Splits `---` front matter (flat `key: value` lines) from the body.
    static func split(_ text: String) -> (body: String, keys: [String: String]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            return (text, [:])
        }
        var keys: [String: String] = [:]
        for line in lines[1..<end] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            keys[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return (lines[(end + 1)...].joined(separator: "\n"), keys)
    }

    /// The absolute path of a link target written in the lesson; web addresses stay as they are.
    func resolve(_ target: String) -> String {
        if target.contains("://") || target.hasPrefix("mailto:") || target.hasPrefix("#") { return target }
        let base = URL(fileURLWithPath: folder + "/" + path).deletingLastPathComponent()
        let resolved = base.appendingPathComponent(target).standardizedFileURL.path
        return resolved.hasPrefix(folder + "/") ? resolved : target
    }

    /// Where a link written in this file goes on this device.
    func target(_ destination: String) -> LinkTarget {
        let target = CourseLinkResolver(itemIDsByPath: itemIDsByPath, documentPath: path, folder: folder)
            .target(destination)
        if case .file(let relative, let absolute?) = target, !FileManager.default.fileExists(atPath: absolute) {
            return .file(path: relative, absolutePath: nil)
        }
        return target
    }

    /// The lesson laid out at `width`: its title, the media or link of the lesson, then its Markdown.
    func page(width: Int, color: Bool) throws -> TerminalPage {
        let (body, keys) = try read()
        return page(markdown: body, keys: keys, width: width, color: color)
    }

    /// `markdown` (with `keys` from its front matter) laid out at `width`: the title, then the
    /// lesson's media file or web address on lines of their own (never wrapped, so a path can be
    /// copied whole), then the body.
    func page(markdown: String, keys: [String: String] = [:], width: Int, color: Bool) -> TerminalPage {
        let view = self
        let renderer = MarkdownTerminalRenderer(width: min(width, Self.maximumWidth), color: color) { view.target($0) }
        var page = TerminalPage()
        if let title = keys["title"] {
            page = renderer.render(
                MarkdownDocument(blocks: [MarkdownBlock(.heading(level: 1, [.text(title)]), line: 1)]))
            page.lines.append(TerminalLine(""))
        }
        if let media = keys["media"], !media.isEmpty {
            let label = "[\(TerminalText.sanitize(keys["type"] ?? "file"))]"
            let line = label + " " + Messages.t(.openMedia, TerminalText.sanitize(resolve(media)))
            let target = self.target(media)
            page.links.append(
                TerminalPageLink(line: page.lines.count, columns: 0..<label.count, target: target, isImage: true))
            page.lines += [TerminalLine(line, spans: [TerminalSpan(0..<label.count, .link)]), TerminalLine("")]
        }
        if let url = keys["url"], !url.isEmpty {
            let line = "[url] " + Messages.t(.openLink, TerminalText.sanitize(url))
            page.links.append(
                TerminalPageLink(line: page.lines.count, columns: 0..<5, target: .external(url), isImage: false))
            page.lines += [TerminalLine(line, spans: [TerminalSpan(0..<5, .link)]), TerminalLine("")]
        }
        let body = renderer.render(MarkdownParser.parse(markdown))
        let offset = page.lines.count
        page.lines += body.lines
        page.links += body.links.map { link in
            var moved = link
            moved.line += offset
            return moved
        }
        for (anchor, line) in body.anchors where page.anchors[anchor] == nil { page.anchors[anchor] = line + offset }
        return page
    }

    /// The lines to show, styled when `color` is on.
    func lines(width: Int, color: Bool) throws -> [String] {
        try page(width: width, color: color).text(color: color)
    }
}
