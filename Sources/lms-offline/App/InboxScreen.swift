import Foundation
import LMSModel

/// The inbox: notifications, newest first (grades, announcements, replies, deadlines), each with
/// its text. Opening it marks them read.
struct InboxScreen: AppScreen {
    var list: MenuList
    /// The notifications shown, kept to lay them out again at another width.
    let notifications: [NotificationLine]
    /// The width the rows are folded to (0: not folded yet; `resize` folds them).
    private(set) var width: Int

    init(_ notifications: [NotificationLine], width: Int = 0) {
        self.notifications = notifications
        self.width = width
        list = MenuList(Self.rows(notifications, width: width))
    }

    /// Each notification's title and its first lines of text, folded at spaces to `width` (a narrow
    /// terminal cut them with "…"); only the title row leads somewhere.
    static func rows(_ notifications: [NotificationLine], width: Int) -> [MenuRow] {
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
        // One folding rule for every menu: continuations keep the style and lead nowhere.
        return MenuRow.folded(rows, width: width, indent: 4)
    }

    /// Folds the rows again to the new width, keeping the selected notification.
    mutating func resize(_ size: ScreenSize) {
        guard size.width != width else { return }
        width = size.width
        list = MenuList(Self.rows(notifications, width: width), selecting: list.selectedRoute)
    }

    var title: String { AppText.inboxTitle.text }
    var hints: [KeyHelp] { [KeyHelp("j/k", .keyMove), KeyHelp("q", .keyBack)] }
    var keys: [KeyHelp] { [KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("g/G", .keyFirstLast), KeyHelp("q Esc", .keyBack)] }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect { list.browse(key, height: size.bodyHeight) }

    func body(_ size: ScreenSize) -> [ScreenLine] { list.lines(height: size.bodyHeight) }
}
