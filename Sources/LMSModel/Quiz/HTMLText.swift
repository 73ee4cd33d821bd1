import Foundation

/// A fragment of HTML reduced to text, for `[html]` question text until the HTML-subset renderer
/// takes over: line-breaking tags become line breaks, paragraph-like tags blank lines, every
/// other tag (and comments, `<script>`/`<style>` content) disappears, entities are decoded.
enum HTMLText {
    /// The longest entity name read (`&CounterClockwiseContourIntegral;` is 33 characters).
    static let maxEntityLength = 40

    /// Tags whose start or end separates paragraphs.
    static let paragraphTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "blockquote"
    ]
    /// Tags that end a line.
    static let lineTags: Set<String> = ["br", "li", "tr", "hr", "dt", "dd"]
    /// Tags whose content is not text.
    static let hiddenTags: Set<String> = ["script", "style"]

    /// The text of `html`.
    static func plainText(_ html: String) -> String {
        var out = ""
        var index = html.startIndex
        var hidden: String?
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let (name, isEnd, after) = tag(in: html, at: index) {
                index = after
                if let open = hidden {
                    if isEnd, name == open { hidden = nil }
                    continue
                }
                if hiddenTags.contains(name), !isEnd { hidden = name }
                if paragraphTags.contains(name) {
                    out += "\n\n"
                } else if lineTags.contains(name), !isEnd {
                    out += name == "li" ? "\n• " : "\n"
                }
                continue
            }
            if character == "<", html[index...].hasPrefix("<!--") {
                guard let end = html[index...].range(of: "-->") else { break }
                index = end.upperBound
                continue
            }
            index = html.index(after: index)
            if hidden != nil { continue }
            if character == "&", let (decoded, after) = entity(in: html, at: html.index(before: index)) {
                out += decoded
                index = after
            } else if character.isWhitespace {
                // White space in HTML is one space, whatever it is.
                if !(out.last?.isWhitespace ?? true) { out += " " }
            } else {
                out.append(character)
            }
        }
        return tidy(out)
    }

    /// Trims each line and keeps at most one blank line between paragraphs.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The tag at `start` (`<name ...>`, `</name>`, `<name/>`): its lowercased name, whether it
    /// ends an element, and the index after its `>`; nil when `<` starts no tag.
    private static func tag(in html: String, at start: String.Index) -> (String, Bool, String.Index)? {
        var index = html.index(after: start)
        var isEnd = false
        if index < html.endIndex, html[index] == "/" {
            isEnd = true
            index = html.index(after: index)
        }
        var name = ""
        while index < html.endIndex, html[index].isASCII, html[index].isLetter || html[index].isNumber {
            name.append(html[index])
            index = html.index(after: index)
        }
        guard !name.isEmpty, let close = html[index...].firstIndex(of: ">") else { return nil }
        return (name.lowercased(), isEnd, html.index(after: close))
    }

    /// The entity at `start` (`&amp;`, `&#233;`, `&#xE9;`) and the index after its `;`.
    private static func entity(in html: String, at start: String.Index) -> (String, String.Index)? {
        let body = html[html.index(after: start)...].prefix(maxEntityLength)
        guard let semicolon = body.firstIndex(of: ";") else { return nil }
        let name = String(body[..<semicolon])
        let after = html.index(after: semicolon)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), after)
        }
        guard let decoded = namedEntities[name] else { return nil }
        return (decoded, after)
    }

    /// The named entities question banks use.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "laquo": "«", "raquo": "»", "times": "×", "divide": "÷", "minus": "−", "plusmn": "±",
        "le": "≤", "ge": "≥", "ne": "≠", "deg": "°", "micro": "µ", "middot": "·", "bull": "•",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "cent": "¢", "sect": "§",
        "para": "¶", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³",
        "rarr": "→", "larr": "←", "harr": "↔", "uarr": "↑", "darr": "↓", "rArr": "⇒", "hArr": "⇔",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "pi": "π", "sigma": "σ", "omega": "ω",
        "Delta": "Δ", "Omega": "Ω", "Sigma": "Σ", "infin": "∞", "radic": "√", "sum": "∑",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ",
        "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú", "Ntilde": "Ñ",
        "uuml": "ü", "ouml": "ö", "auml": "ä", "Uuml": "Ü", "Ouml": "Ö", "Auml": "Ä", "szlig": "ß",
        "ccedil": "ç", "agrave": "à", "egrave": "è", "ecirc": "ê", "ocirc": "ô", "acirc": "â",
        "iquest": "¿", "iexcl": "¡", "ordm": "º", "ordf": "ª"
    ]
}
