/// Inline Markdown: emphasis, code, links and images, split into words for wrapping.
extension TerminalMarkdown {
    /// One word as shown (with ANSI styles) and its visible text.
    struct Word: Hashable {
        var styled: String
        var plain: String
    }

    /// The words of an inline run, each styled on its own so that wrapping never splits a style.
    func inline(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = Word(styled: "", plain: "")
        var bold = false
        var italic = false
        func emit(_ piece: String, code: String? = nil) {
            var parts = piece.split(separator: " ", omittingEmptySubsequences: false)
            let first = parts.removeFirst()
            append(String(first), code: code)
            for part in parts {
                if !current.plain.isEmpty { words.append(current) }
                current = Word(styled: "", plain: "")
                append(String(part), code: code)
            }
        }
        func append(_ part: String, code: String?) {
            guard !part.isEmpty else { return }
            var codes: [String] = []
            if bold { codes.append("1") }
            if italic { codes.append("3") }
            if let code { codes.append(code) }
            current.plain += part
            current.styled += codes.isEmpty ? part : style(part, codes.joined(separator: ";"))
        }
        let chars = Array(text)
        var i = 0
        var literal = ""
        func flush() {
            if !literal.isEmpty {
                emit(literal)
                literal = ""
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_[]()#!|".contains(chars[i + 1]) {
                literal.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`") {
                flush()
                let code = String(chars[(i + 1)..<end])
                emit(color ? code : "`" + code + "`", code: "36")
                i = end + 1
                continue
            }
            if c == "*" || c == "_", i + 1 < chars.count, chars[i + 1] == c {
                flush()
                bold.toggle()
                i += 2
                continue
            }
            if c == "*" || (c == "_" && (i == 0 || chars[i - 1] == " " || italic)) {
                flush()
                italic.toggle()
                i += 1
                continue
            }
            let isImage = c == "!" && i + 1 < chars.count && chars[i + 1] == "["
            if c == "[" || isImage, let link = parseLink(chars, from: isImage ? i + 1 : i) {
                flush()
                if isImage {
                    emit("[\(Self.mediaKind(link.target)): \(link.text)] → \(resolve(link.target))", code: "35")
                } else {
                    let target = resolve(link.target)
                    emit(link.text == target ? "<\(target)>" : "\(link.text) <\(target)>", code: "4")
                }
                i = link.end
                continue
            }
            literal.append(c)
            i += 1
        }
        flush()
        if !current.plain.isEmpty { words.append(current) }
        return words
    }

    /// `[text](target)` starting at `start` (the `[`): its parts and the index after `)`.
    func parseLink(_ chars: [Character], from start: Int) -> (text: String, target: String, end: Int)? {
        guard chars[start] == "[", let close = chars[(start + 1)...].firstIndex(of: "]"),
            close + 1 < chars.count, chars[close + 1] == "(",
            let paren = chars[(close + 2)...].firstIndex(of: ")")
        else { return nil }
        var target = String(chars[(close + 2)..<paren])
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) } // drop a "title"
        return (String(chars[(start + 1)..<close]), target, paren + 1)
    }

    /// `image`, `audio`, `video` or `file`, by the target's extension.
    static func mediaKind(_ target: String) -> String {
        let ext = target.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["png", "jpg", "jpeg", "gif", "svg", "webp"].contains(ext) { return "image" }
        if ["wav", "mp3", "ogg", "m4a", "flac"].contains(ext) { return "audio" }
        if ["mp4", "webm", "mkv", "mov"].contains(ext) { return "video" }
        return "file"
    }
}
