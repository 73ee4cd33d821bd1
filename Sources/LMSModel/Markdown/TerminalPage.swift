/// A document laid out for a terminal at one width: what the terminal renderer produces from a
/// `MarkdownDocument`, and what `read` prints and the study app's lesson viewer shows, scrolls,
/// searches and follows links in. Plain values: the viewer reflows by rendering again at the
/// new width.
public struct TerminalPage: Sendable, Equatable {
    /// The lines, each at most the rendered width in display columns.
    public var lines: [TerminalLine]
    /// Every link and image that can be followed or opened, in reading order.
    public var links: [TerminalPageLink]
    /// Heading anchors (GitHub's slugs: `## Getting Started` → `getting-started`) to the index
    /// of the line where the heading is drawn.
    public var anchors: [String: Int]

    /// Makes a page.
    public init(lines: [TerminalLine] = [], links: [TerminalPageLink] = [], anchors: [String: Int] = [:]) {
        self.lines = lines
        self.links = links
        self.anchors = anchors
    }

    /// The lines as text for a terminal: with ANSI styles when `color` is on, plain otherwise.
    public func text(color: Bool) -> [String] {
        lines.map { $0.text(color: color) }
    }
}

/// One line: its characters and the styled stretches of them.
public struct TerminalLine: Sendable, Equatable {
    /// The visible text (no escape sequences; already sanitised for the terminal).
    public var text: String
    /// Styled stretches, as offsets in `text`'s Characters (grapheme clusters), not overlapping,
    /// in order.
    public var spans: [TerminalSpan]

    /// Makes a line.
    public init(_ text: String, spans: [TerminalSpan] = []) {
        self.text = text
        self.spans = spans
    }

    /// The line with ANSI SGR sequences around its spans when `color` is on.
    public func text(color: Bool) -> String {
        guard color, !spans.isEmpty else { return text }
        var out = ""
        var position = 0
        let characters = Array(text)
        for span in spans where span.range.lowerBound >= position && span.range.upperBound <= characters.count {
            out += String(characters[position..<span.range.lowerBound])
            out += "\u{1B}[" + span.sgr + "m" + String(characters[span.range]) + "\u{1B}[0m"
            position = span.range.upperBound
        }
        return out + String(characters[position...])
    }
}

/// A styled stretch of a line.
public struct TerminalSpan: Sendable, Equatable {
    /// Character offsets in the line.
    public var range: Range<Int>
    /// How it is drawn.
    public var style: TerminalStyle
    /// A 24-bit text colour (pictures), emitted only when colour is on.
    public var foreground: TerminalRGB?
    /// A 24-bit background colour (pictures), emitted only when colour is on.
    public var background: TerminalRGB?

    /// Makes a span.
    public init(
        _ range: Range<Int>, _ style: TerminalStyle, foreground: TerminalRGB? = nil, background: TerminalRGB? = nil
    ) {
        self.range = range
        self.style = style
        self.foreground = foreground
        self.background = background
    }

    /// The SGR parameters for the style and the colours (`38;2;r;g;b` and `48;2;r;g;b`).
    public var sgr: String {
        var codes: [String] = style.isEmpty && (foreground != nil || background != nil) ? [] : [style.sgr]
        if let foreground { codes.append("38;2;\(foreground.r);\(foreground.g);\(foreground.b)") }
        if let background { codes.append("48;2;\(background.r);\(background.g);\(background.b)") }
        return codes.joined(separator: ";")
    }
}

/// A 24-bit colour.
public struct TerminalRGB: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    /// Makes a colour.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
}

/// A set of text attributes.
public struct TerminalStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TerminalStyle(rawValue: 1 << 0)
    public static let italic = TerminalStyle(rawValue: 1 << 1)
    public static let underline = TerminalStyle(rawValue: 1 << 2)
    public static let dim = TerminalStyle(rawValue: 1 << 3)
    public static let strikethrough = TerminalStyle(rawValue: 1 << 4)
    /// Code (spans and blocks): drawn in a colour of its own.
    public static let code = TerminalStyle(rawValue: 1 << 5)
    /// A link's text or an image's label.
    public static let link = TerminalStyle(rawValue: 1 << 6)
    /// A heading.
    public static let heading = TerminalStyle(rawValue: 1 << 7)

    /// The ECMA-48 SGR parameters for this style (`1;4`).
    public var sgr: String {
        var codes: [String] = []
        if contains(.bold) || contains(.heading) { codes.append("1") }
        if contains(.dim) { codes.append("2") }
        if contains(.italic) { codes.append("3") }
        if contains(.underline) || contains(.link) { codes.append("4") }
        if contains(.strikethrough) { codes.append("9") }
        if contains(.code) { codes.append("36") }
        if contains(.link) { codes.append("34") }
        return codes.isEmpty ? "0" : codes.joined(separator: ";")
    }
}

/// A link or image as drawn on a page: where it is and where it goes.
public struct TerminalPageLink: Sendable, Equatable {
    /// The index of the line where it starts.
    public var line: Int
    /// Character offsets of its label in that line.
    public var columns: Range<Int>
    /// Where it goes.
    public var target: LinkTarget
    /// Whether it is an image (or an image inside a link: then the link's target).
    public var isImage: Bool

    /// Makes a page link.
    public init(line: Int, columns: Range<Int>, target: LinkTarget, isImage: Bool) {
        self.line = line
        self.columns = columns
        self.target = target
        self.isImage = isImage
    }
}

/// Where a link in a lesson goes, as the course resolves it (the resolver is given to the
/// renderer by whoever knows the course: the installed course folder on a device, the course
/// folder when validating or exporting).
public enum LinkTarget: Sendable, Equatable, Hashable {
    /// Another lesson, quiz or assignment of the course, by id (`basics/why`), and an anchor in it.
    case item(id: String, anchor: String?)
    /// An anchor in this document (`#setup`, without the `#`).
    case anchor(String)
    /// A file inside the course (an image, a PDF, a Markdown page that is not an item): its path
    /// relative to the course folder, and the absolute path where it can be opened (nil when
    /// there is no such file on this device).
    case file(path: String, absolutePath: String?)
    /// A web address or another scheme (`https:`, `mailto:`), shown once, whole.
    case external(String)
}
