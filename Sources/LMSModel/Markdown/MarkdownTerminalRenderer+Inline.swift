import Foundation

/// Inlines: styles, links, images and what each shows.
extension MarkdownTerminalRenderer {
    /// Adds inlines to a layout in `style`, as part of the link `link` when given.
    func add(_ inlines: [MarkdownInline], style: TerminalStyle, link: Int? = nil, to layout: inout InlineLayout) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                layout.add(text, style: style, link: link)
            case .softBreak:
                layout.addSpace()
            case .hardBreak:
                layout.addLineBreak()
            case .code(let code):
                layout.add(color ? code : "`" + code + "`", style: style.union(.code), link: link)
            case .emphasis(let children):
                add(children, style: style.union(.italic), link: link, to: &layout)
            case .strong(let children):
                add(children, style: style.union(.bold), link: link, to: &layout)
            case .strikethrough(let children):
                if !color { layout.add("~~", style: style, link: link) }
                add(children, style: style.union(.strikethrough), link: link, to: &layout)
                if !color { layout.add("~~", style: style, link: link) }
            case .link(let markdownLink):
                addLink(markdownLink, style: style, to: &layout)
            case .image(let image):
                let target = resolve(image.source)
                let id = link ?? layout.addLink(target, isImage: true)
                let alt = HTMLInlineResolver.plainText(image.alt)
                layout.add(imageLabel(alt: alt, source: image.source, target: nil), style: style.union(.link), link: id)
            case .html(let raw):
                // Left over after `HTMLSubset.resolve`: a tag outside the subset, shown as written.
                if !HTMLTokenizer.isHidden(raw) { layout.add(raw, style: style, link: link) }
            }
        }
    }

    private func addLink(_ link: MarkdownLink, style: TerminalStyle, to layout: inout InlineLayout) {
        let target = resolve(link.destination)
        let significant = link.children.filter { inline in
            switch inline {
            case .softBreak, .hardBreak: return false
            case .text(let t): return !t.allSatisfy(\.isWhitespace)
            default: return true
            }
        }
        // An image inside a link (a video's thumbnail, a badge) is one item: what it shows and where it goes.
        if significant.count == 1, case .image(let image) = significant[0] {
            let id = layout.addLink(target, isImage: true)
            let alt = HTMLInlineResolver.plainText(image.alt)
            layout.add(imageLabel(alt: alt, source: image.source, target: target), style: style.union(.link), link: id)
            return
        }
        let id = layout.addLink(target, isImage: false)
        let text = HTMLInlineResolver.plainText(link.children)
        if significant.isEmpty {
            layout.add(Self.display(target) ?? link.destination, style: style.union(.link), link: id)
            return
        }
        add(link.children, style: style.union(.link), link: id, to: &layout)
        guard let shown = Self.display(target), !Self.sameAddress(text, shown) else { return }
        switch target {
        case .item: layout.add(" [→ " + shown + "]", style: style.union(.dim), link: id)
        case .file: layout.add(" [file: " + shown + "]", style: style.union(.dim), link: id)
        case .external: layout.add(" <" + shown + ">", style: style.union(.dim), link: id)
        case .anchor: break
        }
    }

    /// What a target shows after a link's text: a lesson's id, a file's name, a whole address;
    /// nil for an anchor in the page.
    static func display(_ target: LinkTarget) -> String? {
        switch target {
        case .item(let id, let anchor): return anchor.map { id + "#" + $0 } ?? id
        case .anchor: return nil
        case .file(let path, _): return shortName(path)
        case .external(let address): return address.isEmpty ? nil : address
        }
    }

    /// Whether a link's text already says its address (`<https://x.org>`, `[x.org](https://x.org)`).
    static func sameAddress(_ text: String, _ address: String) -> Bool {
        func bare(_ s: String) -> Substring {
            var t = Substring(s.lowercased())
            for prefix in ["mailto:", "https://", "http://", "www."] where t.hasPrefix(prefix) {
                t = t.dropFirst(prefix.count)
            }
            while t.last == "/" { t = t.dropLast() }
            return t
        }
        return text == address || bare(text) == bare(address)
    }

    /// `[image: A loop · loop.png]`; inside a link, `[video: Intro → https://youtu.be/x]`.
    func imageLabel(alt: String, source: String, target: LinkTarget?) -> String {
        let name = Self.shortName(source)
        guard let target else {
            let kind = Self.mediaKind(source)
            return alt.isEmpty || alt == name ? "[\(kind): \(name)]" : "[\(kind): \(alt) · \(name)]"
        }
        var kind = "image"
        if case .external(let address) = target, Self.isVideoAddress(address) { kind = "video" }
        let what = alt.isEmpty ? name : alt
        guard let shown = Self.display(target) else { return "[\(kind): \(what)]" }
        return "[\(kind): \(what) → \(shown)]"
    }

    /// The last part of a path or address, without query or fragment, percent-decoded:
    /// `../images/loop%20diagram.png?raw=true` → `loop diagram.png`.
    static func shortName(_ path: String) -> String {
        var text = Substring(path)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        while text.last == "/" { text = text.dropLast() }
        let name = String(text.lastIndex(of: "/").map { text[text.index(after: $0)...] } ?? text)
        let decoded = name.utf8.contains(UInt8(ascii: "%")) ? name.removingPercentEncoding ?? name : name
        return decoded.isEmpty ? path : decoded
    }

    /// `image`, `audio`, `video` or `file`, by the name's extension.
    static func mediaKind(_ source: String) -> String {
        let name = shortName(source).lowercased()
        guard let dot = name.lastIndex(of: ".") else { return "image" }
        let ext = name[name.index(after: dot)...]
        if ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif", "ico"].contains(ext) { return "image" }
        if ["wav", "mp3", "ogg", "oga", "m4a", "flac", "opus"].contains(ext) { return "audio" }
        if ["mp4", "webm", "mkv", "mov", "ogv", "avi", "m4v"].contains(ext) { return "video" }
        return "file"
    }

    /// Whether an address is a video page or file (YouTube, Vimeo, a video's extension).
    static func isVideoAddress(_ address: String) -> Bool {
        let lower = address.lowercased()
        return ["youtube.com/", "youtu.be/", "vimeo.com/", "youtube-nocookie.com/"].contains { lower.contains($0) }
            || mediaKind(address) == "video"
    }
}
