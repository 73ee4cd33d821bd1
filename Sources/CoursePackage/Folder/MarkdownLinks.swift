import Foundation

/// Finds the targets of links and images in Markdown (`[t](x)`, `![a](x "title")`, `[id]: x`,
/// and `<img src="x">`), skipping fenced and indented code and inline code spans. Works on UTF-8
/// bytes: validating a 2,000-lesson course reads every lesson, so this is a hot path.
enum MarkdownLinks {
    /// A link target and the line it is on.
    struct Link: Hashable {
        var target: String
        var line: Int
        var isImage: Bool
    }

    private static let backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~"), space = UInt8(ascii: " ")
    private static let open = UInt8(ascii: "["), close = UInt8(ascii: "]"), bang = UInt8(ascii: "!")
    private static let lparen = UInt8(ascii: "("), rparen = UInt8(ascii: ")"), tab = UInt8(ascii: "\t")

    /// The links of `markdown`, whose first line is `startLine` of its file.
    static func find(in markdown: String, startLine: Int) -> [Link] {
        var links: [Link] = []
        var fence: UInt8 = 0
        var lineNumber = startLine - 1
        var text = markdown
        text.withUTF8 { all in
            var start = 0
            while start <= all.count {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                scanLine(line, lineNumber: lineNumber, fence: &fence, into: &links)
                start = end + 1
            }
        }
        return links.filter { !$0.target.isEmpty }
    }

    private static func scanLine(
        _ raw: UnsafeBufferPointer<UInt8>, lineNumber: Int, fence: inout UInt8, into links: inout [Link]
    ) {
        var indent = 0
        while indent < raw.count, raw[indent] == space { indent += 1 }
        if raw.count - indent >= 3, raw[indent] == raw[indent + 1], raw[indent] == raw[indent + 2],
            raw[indent] == backtick || raw[indent] == tilde
        {
            if fence == 0 { fence = raw[indent] } else if fence == raw[indent] { fence = 0 }
            return
        }
        if fence != 0 || indent >= 4 || raw.first == tab { return }
        // Drop inline code spans.
        var chars: [UInt8] = []
        chars.reserveCapacity(raw.count)
        var inCode = false
        for c in raw {
            if c == backtick {
                inCode.toggle()
                continue
            }
            if !inCode { chars.append(c) }
        }
        if let definition = referenceDefinition(chars) {
            links.append(Link(target: definition, line: lineNumber, isImage: false))
            return
        }
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == close, chars[i + 1] == lparen {
                let isImage = imageOpener(chars, before: i)
                var j = i + 2
                var depth = 0
                while j < chars.count {
                    if chars[j] == lparen {
                        depth += 1
                    } else if chars[j] == rparen {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    j += 1
                }
                links.append(Link(target: cleanTarget(chars[(i + 2)..<j]), line: lineNumber, isImage: isImage))
                i = j
            } else {
                i += 1
            }
        }
        for source in htmlSources(chars) { links.append(Link(target: source, line: lineNumber, isImage: true)) }
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

    private static func imageOpener(_ chars: [UInt8], before closeIndex: Int) -> Bool {
        var depth = 0
        var k = closeIndex - 1
        while k >= 0 {
            if chars[k] == close {
                depth += 1
            } else if chars[k] == open {
                if depth == 0 { return k > 0 && chars[k - 1] == bang }
                depth -= 1
            }
            k -= 1
        }
        return false
    }

    private static func cleanTarget(_ raw: ArraySlice<UInt8>) -> String {
        var t = raw.drop { $0 == space || $0 == tab }
        if t.first == UInt8(ascii: "<"), let end = t.firstIndex(of: UInt8(ascii: ">")) {
            return String(decoding: t[(t.startIndex + 1)..<end], as: UTF8.self)
        }
        if let cut = t.firstIndex(where: { $0 == space || $0 == tab }) { t = t[..<cut] }
        return String(decoding: t, as: UTF8.self)
    }

    private static func referenceDefinition(_ chars: [UInt8]) -> String? {
        var i = 0
        while i < chars.count, chars[i] == space { i += 1 }
        guard i < chars.count, chars[i] == open, i + 1 < chars.count, chars[i + 1] != UInt8(ascii: "^") else {
            return nil
        }
        var j = i + 1
        while j + 1 < chars.count, !(chars[j] == close && chars[j + 1] == UInt8(ascii: ":")) {
            if chars[j] == close { return nil }
            j += 1
        }
        guard j + 1 < chars.count else { return nil }
        let rest = chars[(j + 2)...]
        guard rest.contains(where: { $0 != space && $0 != tab }) else { return nil }
        return cleanTarget(rest)
    }

    private static func htmlSources(_ chars: [UInt8]) -> [String] {
        let needle = Array("src=\"".utf8)
        guard chars.count >= needle.count else { return [] }
        var found: [String] = []
        var i = 0
        while i + needle.count <= chars.count {
            if chars[i] == needle[0], chars[i..<(i + needle.count)].elementsEqual(needle) {
                let start = i + needle.count
                guard let end = chars[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                found.append(String(decoding: chars[start..<end], as: UTF8.self))
                i = end + 1
            } else {
                i += 1
            }
        }
        return found
    }
}
