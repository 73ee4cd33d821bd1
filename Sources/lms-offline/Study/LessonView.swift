import Foundation
import LMSModel

/// A lesson's file made ready for the terminal: front matter read, media shown as paths.
struct LessonView {
    /// The course folder.
    let folder: String
    /// The lesson's file inside it.
    let path: String

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

    /// The lines to show: the media or link of the lesson first, then its rendered Markdown.
    func lines(width: Int, color: Bool) throws -> [String] {
        let (body, keys) = try read()
        let folder = self.folder
        let path = self.path
        let renderer = TerminalMarkdown(width: width, color: color) {
            LessonView(folder: folder, path: path).resolve($0)
        }
        var out: [String] = []
        if let title = keys["title"] { out += renderer.render("# " + title) + [""] }
        if let media = keys["media"], !media.isEmpty {
            out.append("[\(keys["type"] ?? "file")] " + Messages.t(.openMedia, resolve(media)))
            out.append("")
        }
        if let url = keys["url"], !url.isEmpty {
            out.append("[url] " + Messages.t(.openLink, url))
            out.append("")
        }
        return out + renderer.render(body)
    }
}
