/// The one Markdown parser: CommonMark 0.31.2 plus, when `MarkdownOptions.gitHubExtensions` is on,
/// GitHub's tables, strikethrough, extended autolinks and task list items.
///
/// It runs in two phases, as the spec's Appendix A describes: lines build the block tree
/// (`MarkdownBlockParser`), then the text of paragraphs, headings and table cells is parsed into
/// inlines with the link reference definitions collected in the first phase
/// (`MarkdownInlineParser`). Pure and total: every input gives a document; hostile input is
/// bounded by `MarkdownLimits`.
public enum MarkdownParser {
    /// Parses `text` into a document. Block and link lines count from `options.firstLine`.
    public static func parse(_ text: String, options: MarkdownOptions = .init()) -> MarkdownDocument {
        var parser = MarkdownBlockParser(options: options)
        let root = parser.parse(Array(text.utf8))
        var builder = MarkdownTreeBuilder(options: options, references: parser.references)
        return MarkdownDocument(blocks: builder.makeBlocks(root.children))
    }
}
