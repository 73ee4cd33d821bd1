/// Finds the targets of links and images in Markdown (`[t](x)`, `![a](x "title")`, `[id]: x`,
/// and `<img src="x">`), skipping fenced and indented code and inline code spans.
enum MarkdownLinks {
    /// A link target and the line it is on.
    struct Link: Hashable {
        var target: String
        var line: Int
        var isImage: Bool
    }

    /// The links of `markdown`, whose first line is `startLine` of its file.
    static func find(in markdown: String, startLine: Int) -> [Link] {
        var links: [Link] = []
        var inFence = false
        var fenceMarker = ""
        for (offset, rawLine) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = startLine + offset
            let trimmed = rawLine.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = String(trimmed.prefix(3))
                if !inFence { inFence = true; fenceMarker = marker } else if marker == fenceMarker { inFence = false }
                continue
            }
            if inFence || rawLine.hasPrefix("    ") || rawLine.hasPrefix("\t") { continue }
            let chars = Array(withoutCodeSpans(String(rawLine)))
            if let def = referenceDefinition(chars) {
                links.append(Link(target: def, line: lineNumber, isImage: false))
                continue
            }
            var i = 0
            while i < chars.count {
                if chars[i] == "]", i + 1 < chars.count, chars[i + 1] == "(" {
                    let isImage = imageOpener(chars, before: i)
                    var j = i + 2
                    var depth = 0
                    var target = ""
                    while j < chars.count {
                        let c = chars[j]
                        if c == "(" { depth += 1 } else if c == ")" { if depth == 0 { break }; depth -= 1 }
                        target.append(c)
                        j += 1
                    }
                    links.append(Link(target: cleanTarget(target), line: lineNumber, isImage: isImage))
                    i = j
                } else {
                    i += 1
                }
            }
            links.append(contentsOf: htmlSources(String(chars)).map { Link(target: $0, line: lineNumber, isImage: true) })
        }
        return links.filter { !$0.target.isEmpty }
    }

    /// Whether a target points inside the course (not a URL, anchor or e-mail).
    static func isLocal(_ target: String) -> Bool {
        if target.hasPrefix("#") || target.hasPrefix("//") { return false }
        if let colon = target.firstIndex(of: ":") {
            let scheme = target[..<colon]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
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

    private static func imageOpener(_ chars: [Character], before close: Int) -> Bool {
        var depth = 0
        var k = close - 1
        while k >= 0 {
            if chars[k] == "]" { depth += 1 } else if chars[k] == "[" {
                if depth == 0 { return k > 0 && chars[k - 1] == "!" }
                depth -= 1
            }
            k -= 1
        }
        return false
    }

    private static func cleanTarget(_ raw: String) -> String {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("<"), let end = t.firstIndex(of: ">") { return String(t[t.index(after: t.startIndex)..<end]) }
        if let space = t.firstIndex(of: " ") { t = String(t[..<space]) }
        return t
    }

    private static func referenceDefinition(_ chars: [Character]) -> String? {
        let line = String(chars).trimmingCharacters(in: .whitespaces)
        guard line.hasPrefix("["), !line.hasPrefix("[^"), let close = line.range(of: "]:") else { return nil }
        let rest = line[close.upperBound...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : cleanTarget(rest)
    }

    private static func withoutCodeSpans(_ line: String) -> String {
        var out = ""
        var inCode = false
        for c in line {
            if c == "`" { inCode.toggle(); continue }
            if !inCode { out.append(c) }
        }
        return out
    }

    private static func htmlSources(_ line: String) -> [String] {
        var found: [String] = []
        var rest = Substring(line)
        while let range = rest.range(of: "src=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            found.append(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return found
    }
}

import Foundation
