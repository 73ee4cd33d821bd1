import Foundation
import LMSModel

/// The lesson viewer: scrolls, searches, follows links and comes back, opens files, goes to the
/// next and previous item, and knows when the lesson was read to its end.
struct LessonScreen: AppScreen {
    var item: ItemRecord
    var source: LessonPage
    /// The page at `pageWidth` (rendered again when the width changes).
    var page = TerminalPage()
    var pageWidth = 0
    /// The first line shown.
    var top = 0
    var bodyHeight = 20
    /// The search being typed, and the last one.
    var searchField: TextField?
    var query: String?
    var matches: [Int] = []
    var matchIndex: Int?
    /// The link focused by Tab, as an index in `page.links`.
    var focusedLink: Int?
    /// Where anchor jumps came from (Backspace goes back).
    var backSteps: [Int] = []
    /// The items before and after in course order.
    var previousID: String?
    var nextID: String?
    /// Whether `page` is the whole lesson (a long one shows its first part until the whole is laid out).
    var isComplete = true
    /// Whether the lesson was done before, and whether it has been read to its end here.
    var done: Bool
    var reachedEnd = false
    /// Reading time: active seconds not yet recorded, and the last key's time.
    var activeSeconds = 0.0
    var lastActivity: Date
    /// A file the student asked to open (the runner opens it).
    var anchor: String?

    init(
        item: ItemRecord, source: LessonPage, done: Bool, previousID: String?, nextID: String?, anchor: String?,
        now: Date
    ) {
        self.item = item
        self.source = source
        self.done = done
        self.previousID = previousID
        self.nextID = nextID
        self.anchor = anchor
        lastActivity = now
    }

    var title: String { TerminalText.sanitize(item.title) + (done ? "  ✓" : "") }
    var capturesText: Bool { searchField != nil }
    var hints: [KeyHelp] {
        if searchField != nil { return [KeyHelp("Enter", .keySearch), KeyHelp("Esc", .keyCancel)] }
        return [
            KeyHelp("Space", .keyPage), KeyHelp("/", .keySearch), KeyHelp("Tab", .keyLinks),
            KeyHelp("]", .keyNextItem), KeyHelp("q", .keyBack)
        ]
    }
    var keys: [KeyHelp] {
        [
            KeyHelp("j/k ↑/↓", .keyScroll), KeyHelp("Space/PgDn b/PgUp", .keyPage),
            KeyHelp("Ctrl-D/Ctrl-U", .keyHalfPage),
            KeyHelp("g/G Home/End", .keyFirstLast), KeyHelp("/", .keySearch), KeyHelp("n/N", .keySearchNext),
            KeyHelp("Tab/Shift-Tab", .keyLinks), KeyHelp("Enter", .keyFollow), KeyHelp("o", .keyOpenMedia),
            KeyHelp("Backspace h", .keyComeBack), KeyHelp("] [", .keyNextPrevious), KeyHelp("m", .keyMarkDone),
            KeyHelp("F", .keyLessonForum), KeyHelp("q Esc", .keyBack)
        ]
    }

    /// The rows of text (the last row of the body is the position line).
    var textHeight: Int { max(1, bodyHeight - 1) }
    var lastTop: Int { max(0, page.lines.count - textHeight) }

    /// Renders the page for a new size, keeping the reading position in proportion.
    mutating func resize(_ size: ScreenSize) {
        bodyHeight = size.bodyHeight
        let width = max(20, size.width - 1)
        if width != pageWidth {
            let fraction = page.lines.isEmpty || !isComplete ? 0 : Double(top) / Double(page.lines.count)
            if let first = source.renderFirstPart(width: width, bytes: AppLimits.firstPartBytes) {
                // A long lesson: its first part now, the whole page from the runner's background work.
                page = first
                isComplete = false
            } else {
                page = source.render(width: width)
                isComplete = true
            }
            pageWidth = width
            top = Int((fraction * Double(page.lines.count)).rounded(.down))
            if let anchor, let line = page.anchors[anchor] {
                top = line
                self.anchor = nil
            }
            focusedLink = nil
            if let query { matches = Self.find(query, in: page) }
        }
        // Only a key reads on: a lesson shown whole is not done on sight.
        top = min(max(0, top), lastTop)
    }

    /// Whether the whole lesson fits on the screen.
    var fitsOnScreen: Bool { page.lines.count <= textHeight }

    /// Counts the time since the last key as reading, up to the idle limit.
    mutating func touch(now: Date) {
        let gap = now.timeIntervalSince(lastActivity)
        if gap > 0 { activeSeconds += min(gap, AppLimits.idleSeconds) }
        lastActivity = now
    }

    private mutating func scroll(to line: Int) {
        top = min(max(0, line), lastTop)
        if top >= lastTop, isComplete { reachedEnd = true }
    }

    /// Takes the whole page laid out in the background at `width`, keeping the place.
    mutating func install(_ whole: TerminalPage, width: Int) {
        guard width == pageWidth, !isComplete else { return }
        page = whole
        isComplete = true
        if let anchor, let line = page.anchors[anchor] {
            top = line
            self.anchor = nil
        }
        if let query { matches = Self.find(query, in: page) }
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if size.bodyHeight != bodyHeight || pageWidth == 0 { resize(size) }
        if var field = searchField {
            switch field.handle(key) {
            case .editing: searchField = field
            case .cancelled: searchField = nil
            case .accepted(let text):
                searchField = nil
                if !text.isEmpty {
                    query = text
                    matches = Self.find(text, in: page)
                    matchIndex = nil
                    jumpToMatch(forward: true)
                }
            }
            return .none
        }
        let page = max(1, textHeight - 1)
        switch key {
        case .char("j"), .down, .ctrl("e"), .ctrl("n"): scroll(to: top + 1)
        case .char("k"), .up, .ctrl("y"), .ctrl("p"): scroll(to: top - 1)
        case .char(" "), .pageDown, .char("f"), .ctrl("f"): scroll(to: top + page)
        case .char("b"), .pageUp, .ctrl("b"): scroll(to: top - page)
        case .ctrl("d"): scroll(to: top + page / 2)
        case .ctrl("u"): scroll(to: top - page / 2)
        case .char("g"), .home, .char("<"): scroll(to: 0)
        case .char("G"), .end, .char(">"): scroll(to: lastTop)
        case .char("/"): searchField = TextField(prompt: "/")
        case .char("n"): jumpToMatch(forward: true)
        case .char("N"): jumpToMatch(forward: false)
        case .tab: focusLink(forward: true)
        case .backTab: focusLink(forward: false)
        case .enter:
            guard let focusedLink else {
                scroll(to: top + 1)
                return .none
            }
            return follow(self.page.links[focusedLink].target)
        case .char("o"):
            if let link = self.page.links.first(where: {
                if case .file = $0.target { return true } else { return false }
            }) {
                return follow(link.target)
            }
        case .backspace, .char("h"), .left:
            if let back = backSteps.popLast() {
                scroll(to: back)
                return .none
            }
            return .back
        case .char("q"), .escape: return .back
        case .char("]"), .char("L"):
            return nextID.map { .replace(.item(courseID: item.courseID, itemID: $0, anchor: nil)) } ?? .none
        case .char("["), .char("H"):
            return previousID.map { .replace(.item(courseID: item.courseID, itemID: $0, anchor: nil)) } ?? .none
        case .char("m"): return .markDone
        case .char("F") where item.kind == "lesson":
            return .open(.forum(courseID: item.courseID, lessonID: item.id))
        default: break
        }
        return .none
    }

    /// What following a link does: an anchor scrolls here, an item opens, a file opens with the
    /// system's opener, a web address is shown (no browser is assumed offline).
    mutating func follow(_ target: LinkTarget) -> AppEffect {
        switch target {
        case .anchor(let name):
            guard let line = page.anchors[name] else { return .none }
            if backSteps.count < AppLimits.maximumBackSteps { backSteps.append(top) }
            scroll(to: line)
            return .none
        case .item(let id, let anchor):
            if id == item.id {
                return anchor.map { follow(.anchor($0)) } ?? .none
            }
            return .open(.item(courseID: item.courseID, itemID: id, anchor: anchor))
        case .file(let path, let absolute):
            return .openFile(absolute ?? path)
        case .external(let address):
            return .openFile(address)
        }
    }

    private mutating func focusLink(forward: Bool) {
        let links = page.links
        guard !links.isEmpty else { return }
        let visible = links.indices.filter { links[$0].line >= top && links[$0].line < top + textHeight }
        var next: Int
        if let focusedLink, visible.contains(focusedLink) || !visible.isEmpty {
            next = forward ? focusedLink + 1 : focusedLink - 1
            if let first = visible.first, !visible.contains(focusedLink) {
                next = forward ? first : visible.last ?? first
            }
        } else if let first = forward ? visible.first : visible.last {
            next = first
        } else {
            next =
                forward
                ? (links.firstIndex { $0.line >= top } ?? 0) : (links.lastIndex { $0.line < top } ?? links.count - 1)
        }
        next = (next + links.count) % links.count
        focusedLink = next
        let line = links[next].line
        if line < top || line >= top + textHeight { scroll(to: line - textHeight / 3) }
    }

    private mutating func jumpToMatch(forward: Bool) {
        guard !matches.isEmpty else { return }
        let current = matchIndex.map { matches[$0] } ?? (forward ? top - 1 : top + textHeight)
        let index: Int
        if forward {
            index = matches.firstIndex { $0 > current } ?? 0
        } else {
            index = matches.lastIndex { $0 < current } ?? matches.count - 1
        }
        matchIndex = index
        let line = matches[index]
        if line < top || line >= top + textHeight { scroll(to: line - textHeight / 3) }
    }

    /// The indexes of the lines holding `query`, ignoring case and accents.
    static func find(_ query: String, in page: TerminalPage) -> [Int] {
        page.lines.indices.filter {
            page.lines[$0].text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        let height = size.bodyHeight - 1
        var lines: [ScreenLine] = page.lines.indices.dropFirst(top).prefix(height).map { i in
            var line = ScreenLine(page.lines[i])
            if let focusedLink, page.links[focusedLink].line == i {
                line.highlight = page.links[focusedLink].columns
            } else if let query, let matchIndex, matches[matchIndex] == i,
                let range = page.lines[i].text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive])
            {
                let text = page.lines[i].text
                let lower = text.distance(from: text.startIndex, to: range.lowerBound)
                line.highlight = lower..<(lower + text[range].count)
            }
            return line
        }
        lines += Array(repeating: ScreenLine("~", style: .dim), count: max(0, height - lines.count))
        if let searchField {
            lines.append(searchField.line(width: size.width))
        } else {
            let percent = page.lines.count <= height ? 100 : min(100, (top + height) * 100 / max(1, page.lines.count))
            var info = AppText.lessonPosition.t(min(page.lines.count, top + 1), page.lines.count, percent)
            if let query {
                info += "  /" + query + " " + AppText.lessonMatches.t(matchIndex.map { $0 + 1 } ?? 0, matches.count)
            }
            if let focusedLink { info += "  → " + Self.describe(page.links[focusedLink].target) }
            lines.append(ScreenLine(info, style: .dim))
        }
        return lines
    }

    /// A link's target in words, for the position line.
    static func describe(_ target: LinkTarget) -> String {
        switch target {
        case .anchor(let name): return "#" + name
        case .item(let id, let anchor): return id + (anchor.map { "#" + $0 } ?? "")
        case .file(let path, _): return path
        case .external(let address): return address
        }
    }
}
