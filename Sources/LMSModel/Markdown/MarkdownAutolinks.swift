/// GitHub's extended autolinks (GFM §6.9): `www.` addresses, `http://`, `https://` and `ftp://`
/// URLs and e-mail addresses written without `<>`, found in text outside links, trimmed of
/// trailing punctuation and unbalanced `)` as cmark-gfm does.
enum MarkdownAutolinks {
    typealias C = MarkdownCharacters

    /// Splits the UTF-8 text `s` into text and links; the links carry `line`.
    static func split(_ s: [UInt8], line: Int) -> [MarkdownInline] {
        guard s.count >= 4, s.contains(UInt8(ascii: ".")) else { return [.text(String(decoding: s, as: UTF8.self))] }
        var result: [MarkdownInline] = []
        var textStart = 0
        var i = 0
        while i < s.count {
            let b = s[i]
            var found: (start: Int, end: Int, destination: String)?
            if b == UInt8(ascii: "w"), isBoundary(s, i) {
                found = scanURL(s, i)
            } else if b == UInt8(ascii: "h") || b == UInt8(ascii: "f"), i == 0 || !C.isAlphanumeric(s[i - 1]) {
                found = scanURL(s, i)
            } else if b == UInt8(ascii: "@") {
                found = scanEmail(s, i, notBefore: textStart)
            }
            if let (start, end, destination) = found {
                if start > textStart { result.append(.text(String(decoding: s[textStart..<start], as: UTF8.self))) }
                let label = String(decoding: s[start..<end], as: UTF8.self)
                result.append(.link(MarkdownLink(destination: destination, children: [.text(label)], line: line)))
                textStart = end
                i = end
            } else {
                i += 1
            }
        }
        guard !result.isEmpty else { return [.text(String(decoding: s, as: UTF8.self))] }
        if textStart < s.count { result.append(.text(String(decoding: s[textStart...], as: UTF8.self))) }
        return result
    }

    /// A `www.` address may start at the text's start, after whitespace, or after `*`, `_`, `~`
    /// or `(`; a URL with a scheme after anything but a letter or digit.
    private static func isBoundary(_ s: [UInt8], _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let b = s[i - 1]
        return C.isWhitespace(b) || b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
            || b == UInt8(ascii: "(")
    }

    private static func scanURL(_ s: [UInt8], _ start: Int) -> (Int, Int, String)? {
        var domainStart: Int
        var prefix = ""
        if MarkdownScanner.hasPrefix(s, "www.", at: start) {
            domainStart = start
            prefix = "http://"
        } else if MarkdownScanner.hasPrefix(s, "http://", at: start) {
            domainStart = start + 7
        } else if MarkdownScanner.hasPrefix(s, "https://", at: start) {
            domainStart = start + 8
        } else if MarkdownScanner.hasPrefix(s, "ftp://", at: start) {
            domainStart = start + 6
        } else {
            return nil
        }
        guard let domainEnd = scanDomain(s, domainStart, needsPeriod: prefix != "") else { return nil }
        var end = domainEnd
        while end < s.count, !C.isWhitespace(s[end]), s[end] != UInt8(ascii: "<") { end += 1 }
        end = trimEnd(s, start, end)
        guard end > domainStart else { return nil }
        return (start, end, prefix + String(decoding: s[start..<end], as: UTF8.self))
    }

    /// A valid domain: segments of alphanumerics, `_` and `-` separated by periods (at least one
    /// for `www.`), no underscore in the last two segments.
    private static func scanDomain(_ s: [UInt8], _ start: Int, needsPeriod: Bool) -> Int? {
        var i = start
        var periods = 0
        var underscoreInLast = false
        var underscoreInPrevious = false
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: ".") {
                underscoreInPrevious = underscoreInLast
                underscoreInLast = false
                periods += 1
            } else if b == UInt8(ascii: "_") {
                underscoreInLast = true
            } else if !(C.isAlphanumeric(b) || b == UInt8(ascii: "-") || b >= 0x80) {
                break
            }
            i += 1
        }
        guard i > start, periods > 0 || !needsPeriod, !underscoreInLast, !underscoreInPrevious else { return nil }
        return i
    }

    /// Trailing punctuation, an unbalanced `)` and an entity-like `&name;` are not part of a link.
    private static func trimEnd(_ s: [UInt8], _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start {
            let last = s[end - 1]
            switch last {
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                end -= 1
            case UInt8(ascii: ";"):
                var k = end - 2
                while k > start, C.isAlphanumeric(s[k]) { k -= 1 }
                if k < end - 2, s[k] == UInt8(ascii: "&") { end = k } else { end -= 1 }
            case UInt8(ascii: ")"):
                var opening = 0
                var closing = 0
                for k in start..<end {
                    if s[k] == UInt8(ascii: "(") { opening += 1 } else if s[k] == UInt8(ascii: ")") { closing += 1 }
                }
                if closing <= opening { return end }
                end -= 1
            default:
                return end
            }
        }
        return end
    }

    private static func scanEmail(_ s: [UInt8], _ at: Int, notBefore: Int) -> (Int, Int, String)? {
        var start = at
        while start > notBefore {
            let b = s[start - 1]
            guard
                C.isAlphanumeric(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                    || b == UInt8(ascii: "_")
            else { break }
            start -= 1
        }
        guard start < at else { return nil }
        var end = at + 1
        var periods = 0
        while end < s.count {
            let b = s[end]
            if b == UInt8(ascii: ".") {
                guard end + 1 < s.count, C.isAlphanumeric(s[end + 1]) else { break }
                periods += 1
            } else if !(C.isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) {
                break
            }
            end += 1
        }
        guard periods > 0, end > at + 1 else { return nil }
        let last = s[end - 1]
        guard last != UInt8(ascii: "-"), last != UInt8(ascii: "_") else { return nil }
        return (start, end, "mailto:" + String(decoding: s[start..<end], as: UTF8.self))
    }
}
