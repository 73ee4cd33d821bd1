import Foundation
import LMSModel

/// A course's forum (or a lesson's): the course's announcements, then its threads, newest
/// first; Enter opens a thread, `n` starts one (its title here, its text in the editor), `m`
/// opens the messages with the course's teachers.
struct ForumScreen: AppScreen {
    /// A thread as listed.
    struct Thread: Sendable, Equatable {
        var id: String
        var title: String
        var author: String
        var date: Date?
        var replies: Int
        var pending: Bool
    }

    var courseID: String
    var lessonID: String?
    var heading: String
    var list: MenuList
    /// The title of a new thread being typed.
    var newTitle: TextField?

    init(
        courseID: String, lessonID: String?, heading: String,
        announcements: [ConversationScreen.Entry], threads: [Thread]
    ) {
        self.courseID = courseID
        self.lessonID = lessonID
        self.heading = heading
        var rows: [MenuRow] = []
        if lessonID == nil {
            rows.append(MenuRow(text: AppText.commsAnnouncements.text, style: .bold))
            if announcements.isEmpty { rows.append(MenuRow(text: "  " + AppText.commsNone.text, style: .dim)) }
            for a in announcements.prefix(AppLimits.announcementsShown) {
                let when = a.date.map { ProgressText.date($0) + "  " } ?? ""
                rows.append(MenuRow(text: "  " + when + TerminalText.sanitize(a.title ?? ""), style: .bold))
                for line in a.body.split(separator: "\n").prefix(3) {
                    rows.append(MenuRow(text: "    " + TerminalText.sanitize(String(line)), style: .dim))
                }
            }
            rows.append(MenuRow(text: ""))
        }
        rows.append(MenuRow(text: AppText.commsThreads.text, style: .bold))
        if threads.isEmpty { rows.append(MenuRow(text: "  " + AppText.commsNoThreads.text, style: .dim)) }
        for t in threads {
            // The title on its row (the one the cursor selects), who, when and how many replies below.
            rows.append(MenuRow(text: "  " + TerminalText.sanitize(t.title), route: .thread(t.id)))
            var about = "    " + TerminalText.sanitize(t.author)
            if let date = t.date { about += ", " + ProgressText.date(date) }
            about += " · " + (t.replies == 1 ? AppText.commsReplyOne.text : AppText.commsReplies.t(t.replies))
            if t.pending { about += " " + AppText.commsPending.text }
            rows.append(MenuRow(text: about, style: .dim))
        }
        list = MenuList(rows)
    }

    var route: AppRoute { .forum(courseID: courseID, lessonID: lessonID) }
    var title: String { heading }
    var capturesText: Bool { newTitle != nil }
    var hints: [KeyHelp] {
        newTitle != nil
            ? [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyCancel)]
            : [
                KeyHelp("Enter", .keyOpen), KeyHelp("n", .keyNewThread), KeyHelp("m", .keyMessages),
                KeyHelp("q", .keyBack)
            ]
    }
    var keys: [KeyHelp] {
        [
            KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("Enter l →", .keyOpen), KeyHelp("n", .keyNewThread),
            KeyHelp("m", .keyMessages), KeyHelp("q Esc h ←", .keyBack)
        ]
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if var field = newTitle {
            switch field.handle(key) {
            case .editing: newTitle = field
            case .cancelled: newTitle = nil
            case .accepted(let text):
                newTitle = nil
                let title = text.trimmingCharacters(in: .whitespaces)
                guard !title.isEmpty else { return .none }
                return .write(.thread(courseID: courseID, lessonID: lessonID, title: title))
            }
            return .none
        }
        switch key {
        case .char("q"), .escape, .char("h"), .left, .backspace: return .back
        case .enter, .right, .char("l"): return list.selectedRoute.map(AppEffect.open) ?? .none
        case .char("n"): newTitle = TextField(prompt: AppText.commsTitlePrompt.text)
        case .char("m"): return .open(.messages(courseID: courseID))
        default: _ = list.handle(key, height: max(1, size.bodyHeight - 1))
        }
        return .none
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        var lines = list.lines(height: max(1, size.bodyHeight - (newTitle == nil ? 0 : 1)))
        if let newTitle { lines.append(newTitle.line(width: size.width)) }
        return lines
    }
}
