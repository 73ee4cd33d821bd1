import Foundation
import LMSModel

/// A course: its modules with their lessons, quizzes and assignments, each with its state.
struct CourseScreen: AppScreen {
    /// Everything the screen shows, loaded by the runner.
    struct Content: Sendable {
        var course: InstalledCourse
        var items: [ItemRecord]
        var states: ItemStates
        var grades: [String: (points: Double, max: Double)] = [:]
        /// Courses to complete first.
        var missingPrerequisites: [String] = []
        var now = Date()
    }

    var content: Content
    var list: MenuList
    /// The width the rows are folded to (0: not folded; `resize` folds them).
    private(set) var width = 0

    init(_ content: Content, selecting itemID: String? = nil) {
        self.content = content
        list = MenuList(
            Self.rows(content),
            selecting: itemID.map { .item(courseID: content.course.id, itemID: $0, anchor: nil) })
    }

    /// Folds the rows again to the new width, keeping the selected item: on a narrow terminal an
    /// item's state goes on under its title instead of being cut with "…".
    mutating func resize(_ size: ScreenSize) {
        guard size.width != width else { return }
        width = size.width
        // Continuation lines sit under the items' titles.
        list = MenuList(
            MenuRow.folded(Self.rows(content), width: width, indent: 5 + CourseCatalog.kindColumnWidth),
            selecting: list.selectedRoute)
    }

    static func rows(_ c: Content) -> [MenuRow] {
        var rows: [MenuRow] = []
        for missing in c.missingPrerequisites {
            rows.append(MenuRow(text: "🔒 " + AppText.courseLocked.t(missing), style: .bold))
        }
        var module = ""
        let kindWidth = CourseCatalog.kindColumnWidth
        for item in c.items where !item.removed {
            if item.moduleID != module {
                module = item.moduleID
                if !rows.isEmpty { rows.append(MenuRow(text: "")) }
                rows.append(MenuRow(text: TerminalText.sanitize(item.moduleTitle), style: .bold))
            }
            let (mark, state) = Self.state(item, c)
            let kind = ProgressText.pad(AppText.kindWord(item.kind), kindWidth + 1)
            rows.append(
                MenuRow(
                    text: "  \(mark) \(kind)" + TerminalText.sanitize(item.title)
                        + (state.isEmpty ? "" : "  · \(state)"),
                    route: .item(courseID: item.courseID, itemID: item.id, anchor: nil)))
        }
        return rows
    }

    /// A mark and words for where the student stands on an item: done, in progress, due, late,
    /// graded, submitted.
    static func state(_ item: ItemRecord, _ c: Content) -> (String, String) {
        if let grade = c.grades[item.id] {
            return (
                "✓", AppText.stateGraded.t(JSONWriter.number(Self.round(grade.points)), JSONWriter.number(grade.max))
            )
        }
        switch item.kind {
        case "lesson":
            guard let lesson = c.states.lessons[item.id] else { return ("·", "") }
            return lesson.done ? ("✓", AppText.stateDone.text) : ("◐", AppText.stateInProgress.text)
        case "quiz":
            let quiz = c.states.quizzes[item.id]
            if let quiz, quiz.submitted > 0 {
                if let best = quiz.best, let max = quiz.max {
                    let score = AppText.stateGraded.t(JSONWriter.number(Self.round(best)), JSONWriter.number(max))
                    // Provisional: the essays await the teacher's grade, so it is not shown as final.
                    if quiz.essaysPending { return ("◐", score + " (" + Messages.t(.essaysPendingShort) + ")") }
                    return ("✓", score)
                }
                if quiz.withheld > 0 { return ("✓", c.states.withheldText(item.id)) }
                return ("✓", AppText.stateHandedIn.text)
            }
            if quiz?.draft == true { return ("◐", AppText.stateInProgress.text) }
        default:
            if let version = c.states.submissions[item.id] { return ("✓", AppText.stateSubmitted.t(version)) }
        }
        guard let due = item.due else { return ("·", "") }
        if due < c.now { return ("!", AppText.late.t(ProgressText.span(c.now.timeIntervalSince(due)))) }
        return ("·", AppText.dueIn.t(ProgressText.span(due.timeIntervalSince(c.now))))
    }

    /// Points rounded for people (two decimals at most).
    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    var title: String { TerminalText.sanitize(content.course.title) + "  " + content.course.version }
    var hints: [KeyHelp] {
        [KeyHelp("Enter", .keyOpen), KeyHelp("f", .keyForum), KeyHelp("M", .keyMessages), KeyHelp("q", .keyBack)]
    }
    var keys: [KeyHelp] {
        [
            KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("Space/PgDn PgUp", .keyPage), KeyHelp("g/G", .keyFirstLast),
            KeyHelp("Enter l →", .keyOpen), KeyHelp("f", .keyForum), KeyHelp("M", .keyMessages),
            KeyHelp("q Esc h ←", .keyBack)
        ]
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        switch key {
        case .char("q"), .escape, .char("h"), .left, .backspace: return .back
        case .enter, .right, .char("l"): return list.selectedRoute.map(AppEffect.open) ?? .none
        case .char("f"): return .open(.forum(courseID: content.course.id, lessonID: nil))
        case .char("M"): return .open(.messages(courseID: content.course.id))
        default:
            _ = list.handle(key, height: size.bodyHeight)
            return .none
        }
    }

    func body(_ size: ScreenSize) -> [ScreenLine] { list.lines(height: size.bodyHeight) }
}
