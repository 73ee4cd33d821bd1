import Foundation
import LMSModel

/// Home: where to go on, the courses with their progress, work due soon, unread notifications,
/// and where sync stands.
struct HomeScreen: AppScreen {
    /// Everything the screen shows, loaded by the runner.
    struct Content: Sendable {
        var overview = StudyOverview()
        /// The next item, and its course's title.
        var next: (item: ItemRecord, courseTitle: String)?
        var due: [ItemRecord] = []
        var now = Date()
    }

    var content: Content
    var list: MenuList
    /// The width the rows are folded to (0: not folded; `resize` folds them).
    private(set) var width = 0

    init(_ content: Content, selecting route: AppRoute? = nil) {
        self.content = content
        list = MenuList(Self.rows(content), selecting: route)
    }

    /// Folds the rows again to the new width, keeping the selected row (a long title or the sync
    /// line went on past a narrow terminal's edge, cut with "…").
    mutating func resize(_ size: ScreenSize) {
        guard size.width != width else { return }
        width = size.width
        list = MenuList(MenuRow.folded(Self.rows(content), width: width, indent: 4), selecting: list.selectedRoute)
    }

    static func rows(_ c: Content) -> [MenuRow] {
        var rows: [MenuRow] = []
        if let next = c.next {
            rows.append(MenuRow(text: AppText.homeContinue.text, style: .bold))
            rows.append(
                MenuRow(
                    text: "  ▶ " + TerminalText.sanitize("\(next.item.title)  (\(next.courseTitle))"),
                    route: .item(courseID: next.item.courseID, itemID: next.item.id, anchor: nil)))
            rows.append(MenuRow(text: ""))
        }
        rows.append(MenuRow(text: AppText.homeCourses.text, style: .bold))
        if c.overview.courses.isEmpty { rows.append(MenuRow(text: "  " + AppText.homeNoCourses.text)) }
        for line in c.overview.courses {
            let bar = ProgressText.bar(line.lessonsDone, line.lessons)
            rows.append(
                MenuRow(
                    text: "  \(bar) \(line.lessonsDone)/\(line.lessons)  " + TerminalText.sanitize(line.course.title),
                    route: .course(line.course.id)))
        }
        if !c.due.isEmpty {
            rows.append(MenuRow(text: ""))
            rows.append(MenuRow(text: AppText.homeDue.text, style: .bold))
            for item in c.due.prefix(10) {
                let when = item.due.map { due in
                    due < c.now
                        ? AppText.late.t(ProgressText.span(c.now.timeIntervalSince(due)))
                        : AppText.dueIn.t(ProgressText.span(due.timeIntervalSince(c.now)))
                }
                rows.append(
                    MenuRow(
                        text: "  " + TerminalText.sanitize(item.title) + "  · " + (when ?? ""),
                        route: .item(courseID: item.courseID, itemID: item.id, anchor: nil)))
            }
        }
        rows.append(MenuRow(text: ""))
        if c.overview.unreadNotifications > 0 {
            rows.append(
                MenuRow(
                    text: c.overview.unreadNotifications == 1
                        ? AppText.homeUnreadOne.text : AppText.homeUnread.t(c.overview.unreadNotifications),
                    style: .bold, route: .inbox))
        }
        let synced =
            c.overview.lastSync.map { AppText.homeLastSync.t(ProgressText.date($0)) } ?? AppText.homeNeverSynced.text
        let waiting = c.overview.waitingToSend
        let queue =
            waiting == 0
            ? AppText.homeNothingWaiting.text
            : waiting == 1 ? AppText.homeWaitingOne.text : AppText.homeWaiting.t(waiting)
        rows.append(MenuRow(text: synced + "  ·  " + queue, style: .dim))
        return rows
    }

    var title: String { AppText.homeTitle.text }
    var hints: [KeyHelp] {
        [KeyHelp("Enter", .keyOpen), KeyHelp("i", .keyInbox), KeyHelp("s", .keySync), KeyHelp("q", .keyQuit)]
    }
    var keys: [KeyHelp] {
        [
            KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("Space/PgDn PgUp", .keyPage), KeyHelp("g/G", .keyFirstLast),
            KeyHelp("Enter", .keyOpen), KeyHelp("c", .keyContinue), KeyHelp("i", .keyInbox),
            KeyHelp("s", .keySync), KeyHelp("p", .keyProfiles), KeyHelp("q", .keyQuit)
        ]
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        switch key {
        case .char("q"), .escape: return .quit
        case .enter, .right, .char("l"): return list.selectedRoute.map(AppEffect.open) ?? .none
        case .char("c"):
            guard let next = content.next else { return .none }
            return .open(.item(courseID: next.item.courseID, itemID: next.item.id, anchor: nil))
        case .char("i"): return .open(.inbox)
        case .char("s"): return .sync
        case .char("p"): return .replace(.start)
        default:
            _ = list.handle(key, height: size.bodyHeight)
            return .none
        }
    }

    func body(_ size: ScreenSize) -> [ScreenLine] { list.lines(height: size.bodyHeight) }
}
