import LMSModel

/// A row of a list screen: text, style, and where Enter takes the student (none for a heading
/// or a line of information, which the cursor skips).
struct MenuRow: Sendable, Equatable {
    var text: String
    var style: TerminalStyle = []
    var route: AppRoute?

    /// `rows` folded at spaces to `width` (0: as they are): a row's continuation lines keep its
    /// style, start with `indent` spaces and lead nowhere, so the cursor still moves row by row.
    static func folded(_ rows: [MenuRow], width: Int, indent: Int) -> [MenuRow] {
        guard width > 0 else { return rows }
        return rows.flatMap { row in
            LineWrap.fold(row.text, width: width, indent: indent).enumerated().map { i, part in
                MenuRow(text: part, style: row.style, route: i == 0 ? row.route : nil)
            }
        }
    }
}

/// A scrolling list with a cursor that moves over the rows that lead somewhere, with the keys
/// of less and vim: j/k and arrows, Space/PgDn/PgUp, g/G and Home/End.
struct MenuList: Sendable, Equatable {
    var rows: [MenuRow]
    /// The index of the selected row; nil when no row leads anywhere.
    private(set) var selected: Int?
    /// The first row shown.
    private(set) var top = 0

    init(_ rows: [MenuRow], selecting route: AppRoute? = nil) {
        self.rows = rows
        selected = rows.firstIndex { $0.route != nil && $0.route == route } ?? rows.firstIndex { $0.route != nil }
    }

    /// Where the selected row leads.
    var selectedRoute: AppRoute? { selected.flatMap { rows[$0].route } }

    /// The keys of a list that only shows: q, Esc, Backspace, h and ← go back; the others move the cursor.
    mutating func browse(_ key: Key, height: Int) -> AppEffect {
        switch key {
        case .char("q"), .escape, .backspace, .char("h"), .left: return .back
        default:
            _ = handle(key, height: height)
            return .none
        }
    }

    /// Moves the cursor for a movement key; false for any other key.
    mutating func handle(_ key: Key, height: Int) -> Bool {
        let selectable = rows.indices.filter { rows[$0].route != nil }
        guard !selectable.isEmpty else {
            // Nothing to select: the keys scroll.
            switch key {
            case .down, .char("j"): top = min(max(0, rows.count - height), top + 1)
            case .up, .char("k"): top = max(0, top - 1)
            default: return false
            }
            return true
        }
        let position = selectable.firstIndex(of: selected ?? selectable[0]) ?? 0
        let page = max(1, height - 1)
        var target = position
        switch key {
        case .down, .char("j"), .ctrl("n"): target = position + 1
        case .up, .char("k"), .ctrl("p"): target = position - 1
        case .pageDown, .char(" "), .ctrl("f"):
            target = selectable.lastIndex { $0 <= (selected ?? 0) + page } ?? position
            if target == position { target += 1 }
        case .pageUp, .char("b"), .ctrl("b"):
            target = selectable.firstIndex { $0 >= (selected ?? 0) - page } ?? position
            if target == position { target -= 1 }
        case .home, .char("g"): target = 0
        case .end, .char("G"): target = selectable.count - 1
        default: return false
        }
        target = min(max(0, target), selectable.count - 1)
        selected = selectable[target]
        scrollToSelection(height: height)
        return true
    }

    /// Moves `top` so the selected row (and the heading just above it) is in view.
    mutating func scrollToSelection(height: Int) {
        top = Self.top(for: selected, current: top, rows: rows.count, height: height)
    }

    private static func top(for selected: Int?, current: Int, rows: Int, height: Int) -> Int {
        var top = min(current, max(0, rows - height))
        guard let selected else { return max(0, top) }
        if selected < top { top = max(0, selected - 1) }
        if selected >= top + height { top = selected - height + 1 }
        return max(0, top)
    }

    /// The visible rows at `height`, the selected one highlighted.
    func lines(height: Int) -> [ScreenLine] {
        let first = Self.top(for: selected, current: top, rows: rows.count, height: height)
        return rows.indices.dropFirst(first).prefix(height).map { i in
            ScreenLine(rows[i].text, style: rows[i].style, selected: i == selected)
        }
    }
}
