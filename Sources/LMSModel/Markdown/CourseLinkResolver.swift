import Foundation

/// Where the links of one course document go: the resolver a terminal renderer is given by
/// whoever knows the course (`read` on a device, the study app, the validator, the export).
/// A relative link to another lesson's, quiz's or assignment's file is that item; `#x` is an
/// anchor in the page; another file of the course is a file (with its path on this device when
/// the course has a folder); a URL is external. Pure: whether the file exists is the caller's
/// to check (`absolutePath` is where it would be).
public struct CourseLinkResolver: Sendable {
    /// Item ids by their file's path in the course (`01-basics/02-why.md` → `basics/why`).
    public var itemIDsByPath: [String: String]
    /// The path of the document being rendered, relative to the course folder.
    public var documentPath: String
    /// The course folder on this device (absolute), when there is one.
    public var folder: String?

    /// Makes a resolver for the document at `documentPath`.
    public init(itemIDsByPath: [String: String], documentPath: String, folder: String?) {
        self.itemIDsByPath = itemIDsByPath
        self.documentPath = documentPath
        self.folder = folder
    }

    /// The target of a destination as written in the document.
    public func target(_ destination: String) -> LinkTarget {
        let trimmed = destination.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") { return .anchor(String(trimmed.dropFirst())) }
        if MarkdownTerminalRenderer.isExternal(trimmed) || trimmed.isEmpty { return .external(trimmed) }
        var path = Substring(trimmed)
        var anchor: String?
        if let hash = path.firstIndex(of: "#") {
            anchor = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        guard let resolved = Self.resolve(decoded, from: documentPath) else {
            return .file(path: decoded, absolutePath: nil)
        }
        if resolved == documentPath, let anchor { return .anchor(anchor) }
        if let id = itemIDsByPath[resolved] { return .item(id: id, anchor: anchor.flatMap { $0.isEmpty ? nil : $0 }) }
        return .file(path: resolved, absolutePath: folder.map { $0 + "/" + resolved })
    }

    /// `target` relative to the folder holding `file`, normalised; nil when it leaves the course.
    public static func resolve(_ target: String, from file: String) -> String? {
        if target.hasPrefix("/") { return nil }
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(segment))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
