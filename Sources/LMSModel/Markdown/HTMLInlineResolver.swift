/// Turns a run of inlines holding raw HTML tags (`.html`) into structure, for `HTMLSubset`:
/// a start tag takes the inlines up to its end tag (or to the end of the run, as a browser does
/// when the end tag is missing).
struct HTMLInlineResolver {
    let inlines: [MarkdownInline]
    let line: Int

    /// Tags whose own markup is dropped and whose content is kept.
    static let transparent: Set<String> = [
        "span", "font", "u", "ins", "mark", "small", "big", "abbr", "cite", "dfn", "q", "var", "samp", "tt",
        "p", "div", "center", "section", "article", "header", "footer", "main", "figure", "figcaption", "nobr",
        "wbr", "picture", "source", "summary", "details", "tbody", "thead"
    ]

    /// Tags that are their own element (no end tag).
    static let void: Set<String> = ["br", "img", "hr", "wbr", "source"]

    /// The structured inlines from `index` up to the end tag named `closing` (consumed), or the end.
    func resolve(from index: inout Int, until closing: String?, depth: Int) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        while index < inlines.count {
            let item = inlines[index]
            index += 1
            guard case .html(let raw) = item else {
                out.append(resolvedChildren(item, depth: depth))
                continue
            }
            if HTMLTokenizer.isHidden(raw) { continue }
            guard let tag = HTMLTokenizer.tag(raw) else {
                out.append(.text(raw))
                continue
            }
            if tag.isEnd {
                if tag.name == closing { return out }
                if !Self.known(tag.name) { out.append(.text(raw)) }
                continue // a stray end tag of the subset: a browser ignores it too
            }
            out += element(tag, from: &index, depth: depth)
        }
        return out
    }

    /// Whether a tag belongs to the subset (shown as structure, not as text).
    static func known(_ name: String) -> Bool {
        transparent.contains(name) || void.contains(name)
            || [
                "b", "strong", "i", "em", "code", "kbd", "sub", "sup", "s", "del", "strike", "a", "iframe", "video",
                "audio"
            ].contains(name)
    }

    private func element(_ tag: HTMLTokenizer.Tag, from index: inout Int, depth: Int) -> [MarkdownInline] {
        func content() -> [MarkdownInline] {
            tag.isSelfClosing ? [] : resolve(from: &index, until: tag.name, depth: depth + 1)
        }
        if depth >= HTMLSubset.maxNesting, !Self.void.contains(tag.name) { return [] }
        switch tag.name {
        case "br": return [.hardBreak]
        case "img":
            guard let source = tag.attributes["src"], !source.isEmpty else { return [] }
            let alt = tag.attributes["alt"].map { [MarkdownInline.text($0)] } ?? []
            return [.image(MarkdownImage(source: source, title: tag.attributes["title"], alt: alt, line: line))]
        case "b", "strong": return [.strong(content())]
        case "i", "em": return [.emphasis(content())]
        case "s", "del", "strike": return [.strikethrough(content())]
        case "code", "kbd": return [.code(Self.plainText(content()))]
        case "sub": return [.text(HTMLSubset.subscripted(Self.plainText(content())))]
        case "sup": return [.text(HTMLSubset.superscripted(Self.plainText(content())))]
        case "a":
            let children = content()
            guard let href = tag.attributes["href"], !href.isEmpty else { return children }
            return [
                .link(MarkdownLink(destination: href, title: tag.attributes["title"], children: children, line: line))
            ]
        case "iframe", "video", "audio":
            let children = content()
            guard let source = tag.attributes["src"], !source.isEmpty else { return children }
            let label = tag.attributes["title"] ?? tag.name
            return [.link(MarkdownLink(destination: source, children: [.text(label)], line: line))]
        case "hr": return [.hardBreak, .text("───"), .hardBreak]
        default:
            if Self.transparent.contains(tag.name) { return [] }
            return [.text(tag.raw)]
        }
    }

    private func resolvedChildren(_ item: MarkdownInline, depth: Int) -> MarkdownInline {
        func inner(_ children: [MarkdownInline]) -> [MarkdownInline] {
            var i = 0
            return HTMLInlineResolver(inlines: children, line: line).resolve(from: &i, until: nil, depth: depth + 1)
        }
        switch item {
        case .emphasis(let c): return .emphasis(inner(c))
        case .strong(let c): return .strong(inner(c))
        case .strikethrough(let c): return .strikethrough(inner(c))
        case .link(var link):
            link.children = inner(link.children)
            return .link(link)
        default: return item
        }
    }

    /// The text of inlines, without their markup (an image gives its alt text).
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let t), .code(let t): out += t
            case .softBreak, .hardBreak: out += " "
            case .emphasis(let c), .strong(let c), .strikethrough(let c): out += plainText(c)
            case .link(let link): out += plainText(link.children)
            case .image(let image): out += plainText(image.alt)
            case .html: break
            }
        }
        return out
    }
}
