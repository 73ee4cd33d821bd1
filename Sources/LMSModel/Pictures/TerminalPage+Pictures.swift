extension TerminalPage {
    /// The page with pictures drawn under their labels: for each image link (in reading order)
    /// for which `picture` gives lines, those lines are inserted at the end of the block holding
    /// the label (before the next blank line, so a wrapped label or sentence is never cut), and
    /// every later line index (links, anchors) moves down. What `read` and the study app's viewer
    /// call when the terminal can show pictures; `picture` does the decoding, so this stays free
    /// of I/O.
    public func insertingPictures(_ picture: (TerminalPageLink) -> [TerminalLine]?) -> TerminalPage {
        var insertions: [Int: [TerminalLine]] = [:]
        for link in links where link.isImage && link.line < lines.count {
            guard let drawn = picture(link), !drawn.isEmpty else { continue }
            var end = link.line
            while end + 1 < lines.count, !lines[end + 1].text.allSatisfy(\.isWhitespace) { end += 1 }
            insertions[end, default: []] += drawn
        }
        guard !insertions.isEmpty else { return self }
        var page = TerminalPage()
        var newIndex: [Int] = []
        newIndex.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            newIndex.append(page.lines.count)
            page.lines.append(line)
            page.lines += insertions[index] ?? []
        }
        page.links = links.map { link in
            var moved = link
            if link.line < newIndex.count { moved.line = newIndex[link.line] }
            return moved
        }
        page.anchors = anchors.mapValues { $0 < newIndex.count ? newIndex[$0] : $0 }
        return page
    }
}
