/// The parser's defences against hostile input, as named limits (CommonMark lets an
/// implementation bound what no real document needs; these bounds keep time linear and the
/// stack shallow on the spec's pathological inputs: 10,000 nested `>`, `[`, `*` or list markers).
enum MarkdownLimits {
    /// Containers (block quotes, lists, list items) nested deeper than this are not opened: the
    /// marker is read as text. 64 levels; a real lesson nests four or five.
    static let maxContainerDepth = 64
    /// Emphasis, links and images nested deeper than this keep their text but lose their
    /// formatting, so walking the tree never recurses deeper. 64 levels.
    static let maxInlineDepth = 64
    /// Unescaped parentheses nested in a link destination (cmark's bound). 32 levels.
    static let maxDestinationParens = 32
    /// A link label's length in characters (CommonMark §4.7: at most 999). 999 characters.
    static let maxLabelCharacters = 999
}
