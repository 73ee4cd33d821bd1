import Foundation
import LMSModel

/// The targets of links and images in a Markdown document, found by walking the document model
/// that `MarkdownParser` builds (the same one students see rendered): links and images in every
/// block (paragraphs, headings, list items at any depth, quotes, table cells), reference links
/// as resolved, and `src`/`href` in raw HTML (`<img src>`, `<a href>`, `<video src>`), each with
/// its source line. Code blocks and code spans hold no links.
enum MarkdownLinks {
    /// A link target and the line it is on.
    struct Link: Hashable {
        var target: String
        var line: Int
        var isImage: Bool
    }

    /// The links of `markdown`, whose first line is `startLine` of its file.
    static func find(in markdown: String, startLine: Int) -> [Link] {
        let document = MarkdownParser.parse(markdown, options: MarkdownOptions(firstLine: startLine))
        var walker = Walker(source: markdown, startLine: startLine)
        walker.walk(document.blocks)
        return walker.links.filter { !$0.target.isEmpty }
    }

    /// Whether a target points inside the course (not a URL, anchor or e-mail).
    static func isLocal(_ target: String) -> Bool {
        if target.hasPrefix("#") || target.hasPrefix("//") { return false }
        if let colon = target.firstIndex(of: ":") {
            let scheme = target[..<colon]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
            {
                return false
            }
        }
        return true
    }

    /// The path part of a local target: without `#fragment` or `?query`, percent-decoded.
    static func pathPart(_ target: String) -> String {
        var path = Substring(target)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        return String(path).removingPercentEncoding ?? String(path)
    }

    /// Collects links in document order.
    private struct Walker {
        let source: String
        let startLine: Int
        var links: [Link] = []
        /// The source's lines, split only when raw HTML needs a line found.
        var lines: [Substring]?

        init(source: String, startLine: Int) {
            self.source = source
            self.startLine = startLine
        }

        mutating func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block.kind {
                case .paragraph(let inlines), .heading(_, let inlines):
                    walk(inlines, blockLine: block.line)
                case .blockQuote(let children):
                    walk(children)
                case .list(let list):
                    for item in list.items { walk(item.blocks) }
                case .table(let table):
                    for cell in table.header { walk(cell, blockLine: block.line) }
                    for row in table.rows {
                        for cell in row { walk(cell, blockLine: block.line) }
                    }
                case .html(let html):
                    // Raw HTML: the fragment's images and links, each on the line that names it.
                    let start = links.count
                    walk(HTMLSubset.blocks(html, line: block.line))
                    for index in start..<links.count {
                        links[index].line = line(naming: links[index].target, from: block.line)
                    }
                case .code, .thematicBreak:
                    break
                }
            }
        }

        mutating func walk(_ inlines: [MarkdownInline], blockLine: Int) {
            var hasHTML = false
            for inline in inlines {
                if case .html = inline {
                    hasHTML = true
                    break
                }
            }
            guard hasHTML else { return collect(inlines) }
            // Inline HTML (`<img src>` in a paragraph) carries no line of its own: find the line naming it.
            let start = links.count
            collect(HTMLSubset.resolve(inlines, line: blockLine))
            for index in start..<links.count where links[index].line == blockLine {
                links[index].line = line(naming: links[index].target, from: blockLine)
            }
        }

        mutating func collect(_ inlines: [MarkdownInline]) {
            for inline in inlines {
                switch inline {
                case .link(let link):
                    links.append(Link(target: link.destination, line: link.line, isImage: false))
                    collect(link.children)
                case .image(let image):
                    links.append(Link(target: image.source, line: image.line, isImage: true))
                case .emphasis(let children), .strong(let children), .strikethrough(let children):
                    collect(children)
                case .text, .softBreak, .hardBreak, .code, .html:
                    break
                }
            }
        }

        /// The first line at or after `line` whose text holds `target`; `line` when none does.
        mutating func line(naming target: String, from line: Int) -> Int {
            if lines == nil { lines = source.split(separator: "\n", omittingEmptySubsequences: false) }
            guard let lines, !target.isEmpty else { return line }
            var index = max(0, line - startLine)
            while index < lines.count {
                if lines[index].contains(target) { return startLine + index }
                index += 1
            }
            return line
        }
    }
}
