// libFuzzer entry point for the Markdown parser and HTML renderer. Built by
// scripts/fuzz-markdown.sh (no SwiftPM): the bytes are decoded as UTF-8 (invalid sequences become
// U+FFFD), parsed with and without GitHub's extensions, and rendered plain and safe; nothing may
// trap, every line number must lie in the text, and safe output must hold no script.

import LMSModel

/// Parses and renders one fuzzer input and checks the invariants every result must keep.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lineCount = 1
    for byte in text.utf8 where byte == 0x0A || byte == 0x0D { lineCount += 1 }
    for options in [MarkdownOptions(firstLine: 10), MarkdownOptions(gitHubExtensions: false, firstLine: 10)] {
        let document = MarkdownParser.parse(text, options: options)
        check(document.blocks, lines: 10..<(10 + lineCount))
        _ = MarkdownHTMLRenderer.html(document)
        let safe = MarkdownHTMLRenderer(isSafe: true).render(document).lowercased()
        if safe.contains("<script") || safe.contains("<img src=\"javascript") || safe.contains("<a href=\"javascript") {
            fatalError("unsafe output for \(text.debugDescription)")
        }
    }
    return 0
}

/// Every block, link and image line lies in `lines`.
func check(_ blocks: [MarkdownBlock], lines: Range<Int>) {
    for block in blocks {
        guard lines.contains(block.line) else { fatalError("block line \(block.line) outside \(lines)") }
        switch block.kind {
        case .blockQuote(let children): check(children, lines: lines)
        case .list(let list): list.items.forEach { check($0.blocks, lines: lines) }
        case .paragraph(let inlines), .heading(_, let inlines): check(inlines, lines: lines)
        case .table(let table): (table.header + table.rows.flatMap { $0 }).forEach { check($0, lines: lines) }
        case .thematicBreak, .code, .html: break
        }
    }
}

func check(_ inlines: [MarkdownInline], lines: Range<Int>) {
    for inline in inlines {
        switch inline {
        case .link(let link):
            guard lines.contains(link.line) else { fatalError("link line \(link.line) outside \(lines)") }
            check(link.children, lines: lines)
        case .image(let image):
            guard lines.contains(image.line) else { fatalError("image line \(image.line) outside \(lines)") }
            check(image.alt, lines: lines)
        case .emphasis(let children), .strong(let children), .strikethrough(let children):
            check(children, lines: lines)
        case .text, .softBreak, .hardBreak, .code, .html:
            break
        }
    }
}
