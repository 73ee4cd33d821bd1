import Foundation
import LMSModel

/// The inbox: notifications, newest first (grades, announcements, replies, deadlines), each with
/// its text. Opening it marks them read.
struct InboxScreen: AppScreen {
    var list: MenuList

    init(_ notifications: [NotificationLine]) {
        var rows: [MenuRow] = []
        if notifications.isEmpty { rows.append(MenuRow(text: AppText.inboxEmpty.text)) }
        for n in notifications {
            let when = n.createdAt.map { ProgressText.date($0) + "  " } ?? ""
            rows.append(
                MenuRow(
                    text: (n.unread ? "● " : "  ") + when + TerminalText.sanitize(n.title),
                    style: n.unread ? .bold : [],
                    route: .profile(n.id)))
            for line in n.body.split(separator: "\n").prefix(4) {
                rows.append(MenuRow(text: "    " + TerminalText.sanitize(String(line)), style: .dim))
            }
        }
        list = MenuList(rows)
    }

    var title: String { AppText.inboxTitle.text }
    var hints: [KeyHelp] { [KeyHelp("j/k", .keyMove), KeyHelp("q", .keyBack)] }
    var keys: [KeyHelp] { [KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("g/G", .keyFirstLast), KeyHelp("q Esc", .keyBack)] }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        switch key {
        case .char("q"), .escape, .backspace, .char("h"), .left: return .back
        default:
            _ = list.handle(key, height: size.bodyHeight)
            return .none
        }
    }

    func body(_ size: ScreenSize) -> [ScreenLine] { list.lines(height: size.bodyHeight) }
}
