/// A Markdown document as a tree of blocks and inlines: what the one Markdown parser produces
/// (CommonMark 0.31.2 plus GitHub's tables, strikethrough, autolinks and task lists) and what
/// every consumer walks: the course validator (links and images in every block), the terminal
/// renderer (lines at a width) and the HTML renderer (the printable export, the spec check).
///
/// Link reference definitions are resolved by the parser: they appear in the tree only as the
/// links and images that use them. Entities and backslash escapes are decoded in `text`.
public struct MarkdownDocument: Sendable, Equatable {
    /// The top-level blocks, in order.
    public var blocks: [MarkdownBlock]

    /// Makes a document from its blocks.
    public init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }
}

/// One block and the line of its source where it starts (1-based, counted in the text given to
/// the parser plus `MarkdownOptions.firstLine - 1`), for diagnostics such as `file:line`.
public struct MarkdownBlock: Sendable, Equatable {
    /// What the block is.
    public var kind: Kind
    /// The source line where the block starts.
    public var line: Int

    /// Makes a block.
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The kinds of block.
    public enum Kind: Sendable, Equatable {
        /// A paragraph of inlines.
        case paragraph([MarkdownInline])
        /// An ATX or setext heading, level 1–6.
        case heading(level: Int, [MarkdownInline])
        /// `***`, `---` or `___`.
        case thematicBreak
        /// `> ...`: blocks inside a quote.
        case blockQuote([MarkdownBlock])
        /// A bullet or ordered list.
        case list(MarkdownList)
        /// Fenced (`info` is the info string, possibly empty) or indented code (`info` is nil);
        /// `literal` ends with a newline unless empty.
        case code(info: String?, literal: String)
        /// A raw HTML block, as written (ends with a newline).
        case html(String)
        /// A GitHub table.
        case table(MarkdownTable)
    }
}

/// A bullet or ordered list.
public struct MarkdownList: Sendable, Equatable {
    /// For an ordered list, its start number; nil for a bullet list.
    public var start: Int?
    /// The list marker's character: `-`, `+` or `*` for bullets, `.` or `)` for ordered lists.
    public var delimiter: Character
    /// A tight list's paragraphs are shown without blank lines between them (CommonMark §5.3).
    public var isTight: Bool
    /// The items.
    public var items: [MarkdownListItem]

    /// Makes a list.
    public init(start: Int?, delimiter: Character, isTight: Bool, items: [MarkdownListItem]) {
        self.start = start
        self.delimiter = delimiter
        self.isTight = isTight
        self.items = items
    }

    /// Whether the list is numbered.
    public var isOrdered: Bool { start != nil }
}

/// One item of a list.
public struct MarkdownListItem: Sendable, Equatable {
    /// For a GitHub task list item (`- [ ]`, `- [x]`), whether it is checked; nil otherwise.
    public var task: Bool?
    /// The blocks inside the item (paragraphs, nested lists, code, quotes, ...).
    public var blocks: [MarkdownBlock]

    /// Makes an item.
    public init(task: Bool? = nil, blocks: [MarkdownBlock]) {
        self.task = task
        self.blocks = blocks
    }
}

/// A GitHub table: a header row, an alignment per column, and body rows (each row has exactly
/// as many cells as the header: the parser pads short rows and drops extra cells, as GitHub does).
public struct MarkdownTable: Sendable, Equatable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable, Equatable {
        case none, left, center, right
    }

    /// One alignment per column.
    public var alignments: [Alignment]
    /// The header cells.
    public var header: [[MarkdownInline]]
    /// The body rows, each a list of cells.
    public var rows: [[[MarkdownInline]]]

    /// Makes a table.
    public init(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

/// An inline element.
public indirect enum MarkdownInline: Sendable, Equatable {
    /// Literal text (entities and escapes decoded).
    case text(String)
    /// A line ending inside a paragraph: shown as a space when text is reflowed.
    case softBreak
    /// A hard line break (two spaces or a backslash at the end of a line, or `<br>` is raw HTML).
    case hardBreak
    /// A code span's content.
    case code(String)
    /// `*emphasis*`.
    case emphasis([MarkdownInline])
    /// `**strong**`.
    case strong([MarkdownInline])
    /// `~~strikethrough~~` (GitHub).
    case strikethrough([MarkdownInline])
    /// A link (inline, reference, or autolink: an autolink's children are its text).
    case link(MarkdownLink)
    /// An image.
    case image(MarkdownImage)
    /// Raw inline HTML as written: a tag (`<sub>`, `</sub>`, `<br/>`), a comment, a
    /// processing instruction, a declaration or CDATA.
    case html(String)
}

/// A link: where it goes and what it shows.
public struct MarkdownLink: Sendable, Equatable {
    /// The destination, as written (escapes and entities decoded, not percent-encoded).
    public var destination: String
    /// The title, if any.
    public var title: String?
    /// The link text.
    public var children: [MarkdownInline]
    /// The source line of the link's start.
    public var line: Int

    /// Makes a link.
    public init(destination: String, title: String? = nil, children: [MarkdownInline], line: Int) {
        self.destination = destination
        self.title = title
        self.children = children
        self.line = line
    }
}

/// An image: its source and its description (the alt text, as inlines).
public struct MarkdownImage: Sendable, Equatable {
    /// The source, as written (escapes and entities decoded, not percent-encoded).
    public var source: String
    /// The title, if any.
    public var title: String?
    /// The image description; its plain text is the alt text.
    public var alt: [MarkdownInline]
    /// The source line of the image's start.
    public var line: Int

    /// Makes an image.
    public init(source: String, title: String? = nil, alt: [MarkdownInline], line: Int) {
        self.source = source
        self.title = title
        self.alt = alt
        self.line = line
    }
}

/// What the parser accepts beyond CommonMark, and where the text starts in its file.
public struct MarkdownOptions: Sendable, Equatable {
    /// GitHub's extensions: tables, strikethrough, extended autolinks (`www.`, `https://`,
    /// e-mail addresses without `<>`), task list items. Off only to measure plain CommonMark.
    public var gitHubExtensions: Bool
    /// The file line of the text's first line (front matter comes before a lesson's body).
    public var firstLine: Int

    /// Makes options; the default is GitHub-flavoured, starting at line 1.
    public init(gitHubExtensions: Bool = true, firstLine: Int = 1) {
        self.gitHubExtensions = gitHubExtensions
        self.firstLine = firstLine
    }

    /// Plain CommonMark 0.31.2, as the spec's examples are written.
    public static let commonMark = MarkdownOptions(gitHubExtensions: false)
}
