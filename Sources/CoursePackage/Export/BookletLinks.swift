import Foundation
import LMSModel

/// The rewriting a lesson's document needs in a booklet: raw HTML turned into the model
/// (`HTMLSubset`, so `<img>` and `<a>` become images and links), every link and image
/// destination passed through one function, and headings moved down under the booklet's own.
enum BookletLinks {
    /// `document` with destinations mapped by `destination` and heading levels raised by `shift`
    /// (at most 6).
    static func rewrite(
        _ document: MarkdownDocument, shift: Int, destination: (String) -> String
    ) -> MarkdownDocument {
        MarkdownDocument(blocks: blocks(document.blocks, shift: shift, destination))
    }

    /// What Moodle's GIFT export writes for a question's file (the file itself is left out).
    static let moodleFilePrefix = "@@PLUGINFILE@@"

    /// `document` with images of files Moodle left out of a GIFT export shown as `[image: alt]`.
    static func withoutMoodleFiles(_ document: MarkdownDocument) -> MarkdownDocument {
        MarkdownDocument(
            blocks: document.blocks.map { block in
                guard case .paragraph(let children) = block.kind else { return block }
                let replaced = children.map { inline -> MarkdownInline in
                    guard case .image(let image) = inline, image.source.hasPrefix(moodleFilePrefix) else {
                        return inline
                    }
                    return .emphasis([.text("[image: " + QuestionText.plainText(image.alt) + "]")])
                }
                return MarkdownBlock(.paragraph(replaced), line: block.line)
            })
    }

    private static func blocks(_ blocks: [MarkdownBlock], shift: Int, _ map: (String) -> String) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        for block in blocks {
            var kind = block.kind
            switch block.kind {
            case .paragraph(let children):
                kind = .paragraph(inlines(HTMLSubset.resolve(children, line: block.line), map))
            case .heading(let level, let children):
                kind = .heading(
                    level: min(6, level + shift), inlines(HTMLSubset.resolve(children, line: block.line), map))
            case .blockQuote(let children):
                kind = .blockQuote(self.blocks(children, shift: shift, map))
            case .list(var list):
                list.items = list.items.map {
                    MarkdownListItem(task: $0.task, blocks: self.blocks($0.blocks, shift: shift, map))
                }
                kind = .list(list)
            case .table(var table):
                table.header = table.header.map { inlines(HTMLSubset.resolve($0, line: block.line), map) }
                table.rows = table.rows.map { row in
                    row.map { inlines(HTMLSubset.resolve($0, line: block.line), map) }
                }
                kind = .table(table)
            case .html(let raw):
                out += self.blocks(HTMLSubset.blocks(raw, line: block.line), shift: shift, map)
                continue
            case .code, .thematicBreak:
                break
            }
            out.append(MarkdownBlock(kind, line: block.line))
        }
        return out
    }

    private static func inlines(_ inlines: [MarkdownInline], _ map: (String) -> String) -> [MarkdownInline] {
        inlines.map { inline in
            switch inline {
            case .emphasis(let children): return .emphasis(self.inlines(children, map))
            case .strong(let children): return .strong(self.inlines(children, map))
            case .strikethrough(let children): return .strikethrough(self.inlines(children, map))
            case .link(var link):
                link.destination = map(link.destination)
                link.children = self.inlines(link.children, map)
                return .link(link)
            case .image(var image):
                image.source = map(image.source)
                return .image(image)
            default:
                return inline
            }
        }
    }

    /// A course path for `destination` written in the file at `path`: relative to the file's folder,
    /// `.`/`..` resolved, percent escapes decoded, `#fragment` and `?query` dropped; nil for a web
    /// address, an in-page anchor, or a path that leaves the course.
    static func coursePath(_ destination: String, from path: String) -> String? {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//")
            || MarkdownTerminalRenderer.isExternal(destination)
        {
            return nil
        }
        var target = destination
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
        target = target.removingPercentEncoding ?? target
        var parts = target.hasPrefix("/") ? [] : path.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// A relative URL for a file copied under `assets/`.
    static func assetURL(_ coursePath: String) -> String {
        "assets/"
            + coursePath.split(separator: "/").map {
                String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"]))
                    ?? String($0)
            }.joined(separator: "/")
    }
}
