import Foundation
import LMSModel

/// A thread of a forum, or the direct messages of a course: each entry with its author, date and
/// text, oldest first; `r` writes (a reply, a message) in the student's editor.
struct ConversationScreen: AppScreen {
    /// One post or message as shown.
    struct Entry: Sendable, Equatable {
        var author: String
        var date: Date?
        var title: String?
        var body: String
        /// Not yet synced (it waits in the outbox), or refused by the server.
        var pending = false
        var refused = false
    }

    var heading: String
    var entries: [Entry]
    /// What `r` writes.
    var draft: AppDraft
    /// Where this screen comes from (to load it again after writing).
    var route: AppRoute
    /// The first row shown.
    var top = 0
    /// The recipient being typed (messages: a teacher's username).
    var recipient: TextField?

    var title: String { heading }
    var capturesText: Bool { recipient != nil }
    var hints: [KeyHelp] {
        recipient != nil
            ? [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyCancel)]
            : [KeyHelp("r", .keyWrite), KeyHelp("j/k", .keyScroll), KeyHelp("q", .keyBack)]
    }
    var keys: [KeyHelp] {
        [
            KeyHelp("j/k ↑/↓", .keyScroll), KeyHelp("Space/PgDn PgUp", .keyPage), KeyHelp("g/G", .keyFirstLast),
            KeyHelp("r", .keyWrite), KeyHelp("q Esc", .keyBack)
        ]
    }

    /// The rows at a width: a header per entry, its text folded, a blank line between entries.
    func rows(width: Int) -> [ScreenLine] {
        if entries.isEmpty { return [ScreenLine(AppText.commsEmpty.text, style: .dim)] }
        var lines: [ScreenLine] = []
        for entry in entries {
            var header = TerminalText.sanitize(entry.author)
            if let date = entry.date { header += "  " + ProgressText.date(date) }
            if entry.refused {
                header += "  " + AppText.commsRefused.text
            } else if entry.pending {
                header += "  " + AppText.commsPending.text
            }
            lines.append(ScreenLine(header, style: .bold))
            if let title = entry.title { lines.append(ScreenLine(TerminalText.sanitize(title), style: .bold)) }
            for line in entry.body.split(separator: "\n", omittingEmptySubsequences: false) {
                for folded in LineWrap.fold("  " + TerminalText.sanitize(String(line)), width: width, indent: 2) {
                    lines.append(ScreenLine(folded))
                }
            }
            lines.append(ScreenLine(""))
        }
        return lines
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if var field = recipient, case .message(let courseID, _) = draft {
            switch field.handle(key) {
            case .editing: recipient = field
            case .cancelled: recipient = nil
            case .accepted(let text):
                recipient = nil
                let to = text.trimmingCharacters(in: .whitespaces)
                guard !to.isEmpty else { return .none }
                draft = .message(courseID: courseID, to: to)
                return .write(draft)
            }
            return .none
        }
        let page = max(1, size.bodyHeight - 2)
        let last = max(0, rows(width: size.width).count - size.bodyHeight)
        top = min(top, last)
        switch key {
        case .char("q"), .escape, .char("h"), .left, .backspace: return .back
        case .char("j"), .down: top = min(last, top + 1)
        case .char("k"), .up: top = max(0, top - 1)
        case .char(" "), .pageDown: top = min(last, top + page)
        case .char("b"), .pageUp: top = max(0, top - page)
        case .char("g"), .home: top = 0
        case .char("G"), .end: top = last
        case .char("r"):
            if case .message(_, let to) = draft {
                recipient = TextField(prompt: AppText.commsTo.text, text: to)
                return .none
            }
            return .write(draft)
        default: break
        }
        return .none
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        let all = rows(width: size.width)
        let room = recipient == nil ? size.bodyHeight : max(1, size.bodyHeight - 1)
        let start = min(top, max(0, all.count - room))
        var lines = Array(all.dropFirst(start).prefix(room))
        if let recipient { lines.append(recipient.line(width: size.width)) }
        return lines
    }
}
