import Foundation
import LMSModel

/// Makes the `TerminalPage` a lesson viewer shows, at a width. Until the Markdown renderer of
/// the content work produces pages, the page is made from `TerminalMarkdown`'s plain lines:
/// headings (a line underlined with `=` or `-`) become anchors, and the rendered forms of
/// images (`[image: label] → /path`) and links (`text <target>`) become links.
struct LessonPage: Sendable {
    /// The lesson's Markdown body (front matter removed).
    var markdown: String
    /// The front matter's keys (title, media, url).
    var keys: [String: String]
    /// The course folder and the lesson's path inside it.
    var folder: String
    var path: String
    /// Item ids by the absolute path of their file, to turn links between lessons into item links.
    var itemsByPath: [String: String]

    /// The page at `width` columns.
    func render(width: Int) -> TerminalPage {
        let view = LessonView(folder: folder, path: path)
        let folder = folder
        // Paths are shown relative to the course (media/diagram.png), not inside the storage folder.
        let renderer = TerminalMarkdown(width: max(20, width), color: false) { target in
            let resolved = view.resolve(target)
            return resolved.hasPrefix(folder + "/") ? String(resolved.dropFirst(folder.count + 1)) : resolved
        }
        var lines: [String] = []
        if let title = keys["title"] { lines += renderer.render("# " + title) }
        if let media = keys["media"], !media.isEmpty {
            let resolved = view.resolve(media)
            let shown = resolved.hasPrefix(folder + "/") ? String(resolved.dropFirst(folder.count + 1)) : resolved
            lines += ["[\(keys["type"] ?? "file")] → " + shown, ""]
        }
        if let url = keys["url"], !url.isEmpty { lines += ["[url] <\(url)>", ""] }
        lines += renderer.render(markdown)
        return page(lines)
    }

    /// Styles, anchors and links of plain rendered lines.
    func page(_ lines: [String]) -> TerminalPage {
        var page = TerminalPage()
        for (index, text) in lines.enumerated() {
            var line = TerminalLine(text)
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            if !text.isEmpty, !next.isEmpty, Set(next) == ["="] || Set(next) == ["-"],
                next.count == min(text.count, next.count)
            {
                line.spans = [TerminalSpan(0..<text.count, .heading)]
                page.anchors[Self.slug(text)] = page.anchors[Self.slug(text)] ?? index
            }
            for link in links(in: text, line: index) {
                page.links.append(link)
                line.spans.append(TerminalSpan(link.columns, .link))
            }
            line.spans.sort { $0.range.lowerBound < $1.range.lowerBound }
            page.lines.append(line)
        }
        return page
    }

    /// The links of one rendered line.
    private func links(in text: String, line: Int) -> [TerminalPageLink] {
        let characters = Array(text)
        var out: [TerminalPageLink] = []
        var i = 0
        while i < characters.count {
            if characters[i] == "→", i + 2 < characters.count, characters[i + 1] == " " {
                var end = i + 2
                while end < characters.count, characters[end] != " " { end += 1 }
                let target = String(characters[(i + 2)..<end])
                let isImage = out.isEmpty && text.hasPrefix("[image")
                out.append(
                    TerminalPageLink(line: line, columns: (i + 2)..<end, target: self.target(target), isImage: isImage))
                i = end
            } else if characters[i] == "<", let close = characters[i...].firstIndex(of: ">"), close > i + 1 {
                let target = String(characters[(i + 1)..<close])
                if !target.contains(" ") {
                    out.append(
                        TerminalPageLink(
                            line: line, columns: (i + 1)..<close, target: self.target(target), isImage: false))
                }
                i = close + 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// What a written target is: another item, an anchor, a file of the course, or the web.
    func target(_ text: String) -> LinkTarget {
        if text.hasPrefix("#") { return .anchor(String(text.dropFirst())) }
        if text.contains("://") || text.hasPrefix("mailto:") { return .external(text) }
        var relative = text
        var anchor: String?
        if let hash = text.firstIndex(of: "#") {
            relative = String(text[..<hash])
            anchor = String(text[text.index(after: hash)...])
        }
        let file = relative.hasPrefix("/") ? relative : folder + "/" + relative
        if let id = itemsByPath[file] { return .item(id: id, anchor: anchor) }
        return .file(path: relative, absolutePath: FileManager.default.fileExists(atPath: file) ? file : nil)
    }

    /// GitHub's heading slug: lower case, spaces to `-`, punctuation dropped.
    static func slug(_ heading: String) -> String {
        String(
            heading.lowercased().compactMap { c -> Character? in
                if c == " " { return "-" }
                return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
            })
    }
}
