import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// The app as a value: shared keys, the title bar, the status line, and the screens' views.
struct AppStateTests {
    let size = ScreenSize(width: 60, height: 16)
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func course(_ id: String, _ title: String) -> InstalledCourse {
        InstalledCourse(
            id: id, version: "1.0.0", packageID: "p", title: title, language: nil, folder: "/x", prerequisites: [])
    }

    func item(_ id: String, kind: String, module: String = "m1", due: Date? = nil) -> ItemRecord {
        ItemRecord(
            courseID: "c", id: id, kind: kind, moduleID: module, moduleTitle: "Module " + module, title: "Title " + id,
            position: 0, path: id + ".md", due: due, points: nil, removed: false)
    }

    func makeHome() -> HomeScreen {
        var content = HomeScreen.Content(now: now)
        content.overview.courses = [
            .init(course: course("c", "Cooking"), lessonsDone: 3, lessons: 6),
            .init(course: course("d", "日本語"), lessonsDone: 0, lessons: 4)
        ]
        content.overview.unreadNotifications = 2
        content.overview.waitingToSend = 1
        content.next = (item("m1/b", kind: "lesson"), "Cooking")
        content.due = [item("m1/task", kind: "assignment", due: now.addingTimeInterval(3 * 86400))]
        return HomeScreen(content)
    }

    @Test func home_ShowsContinueCoursesDueUnreadAndSync() {
        var state = AppState(makeHome())
        state.profileName = "ana"
        let lines = state.view(size).map(\.text)
        #expect(lines.count == size.height)
        #expect(lines[0].hasPrefix(" Home") && lines[0].hasSuffix("ana "))
        #expect(lines.contains("  ▶ Title m1/b  (Cooking)"))
        #expect(lines.contains("  █████░░░░░ 3/6  Cooking"))
        #expect(lines.contains("  ░░░░░░░░░░ 0/4  日本語"))
        #expect(lines.contains("  Title m1/task  · due in 3 d"))
        #expect(lines.contains("2 unread notifications (i)"))
        #expect(lines.contains("Never synced  ·  1 change waits to be sent"))
        #expect(lines.last?.contains("? keys") == true)
        // The continue row is selected first; Enter opens it; j moves to the first course.
        #expect(state.update(.enter, size: size) == .open(.item(courseID: "c", itemID: "m1/b", anchor: nil)))
        _ = state.update(.char("j"), size: size)
        #expect(state.update(.enter, size: size) == .open(.course("c")))
        #expect(state.update(.char("q"), size: size) == .quit)
    }

    @Test func home_OnANarrowScreen_FoldsLongRows_AndTheCursorStillMovesRowByRow() {
        var state = AppState(makeHome())
        let narrow = ScreenSize(width: 24, height: 30)
        state.resize(narrow)
        let lines = state.view(narrow).map(\.text)
        #expect(lines.dropFirst().dropLast().allSatisfy { DisplayWidth.of($0) <= 24 }, "\(lines)")
        #expect(lines.contains("Never synced  ·  1"), "\(lines)")
        #expect(lines.contains("    change waits to be"), "\(lines)")
        _ = state.update(.char("j"), size: narrow)
        #expect(state.update(.enter, size: narrow) == .open(.course("c")), "j skips the folded continuation")
    }

    @Test func sharedKeys_HelpSuspendQuit() {
        var state = AppState(makeHome())
        #expect(state.update(.char("?"), size: size) == .none)
        #expect(state.top is HelpScreen)
        let help = state.view(size).map(\.text)
        #expect(help[0].contains("Keys: Home"))
        #expect(help.contains { $0.contains("Ctrl-Z") && $0.contains("suspend") })
        #expect(state.update(.char("q"), size: size) == .back)
        let popped = state.pop()
        let poppedLast = state.pop()
        #expect(popped)
        #expect(!poppedLast)
        #expect(state.update(.ctrl("z"), size: size) == .suspend)
        #expect(state.update(.ctrl("c"), size: size) == .quit)
        #expect(state.update(.ctrl("l"), size: size) == .redraw)
    }

    @Test func course_ListsModulesAndStates_EnterOpensTheItem() {
        var states = ItemStates()
        states.lessons["m1/a"] = (true, 60)
        states.lessons["m1/b"] = (false, 10)
        states.quizzes["m2/q"] = (0, nil, nil, 0, true, 0, false)
        let content = CourseScreen.Content(
            course: course("c", "Cooking"),
            items: [
                item("m1/a", kind: "lesson"), item("m1/b", kind: "lesson"),
                item("m1/late", kind: "assignment", due: now.addingTimeInterval(-7200)),
                item("m2/q", kind: "quiz", module: "m2"), item("m2/graded", kind: "assignment", module: "m2")
            ], states: states, grades: ["m2/graded": (5.666666, 7)], missingPrerequisites: ["basics"], now: now)
        var state = AppState(CourseScreen(content, selecting: "m1/b"))
        let lines = state.view(size).map(\.text)
        #expect(lines[0].hasPrefix(" Cooking  1.0.0"))
        #expect(lines.contains("🔒 Complete basics first"))
        #expect(lines.contains("Module m1"))
        #expect(lines.contains("  ✓ lesson     Title m1/a  · done"))
        #expect(lines.contains("  ◐ lesson     Title m1/b  · in progress"))
        #expect(lines.contains("  ! assignment Title m1/late  · late by 2 h 00 min"))
        #expect(lines.contains("  ◐ quiz       Title m2/q  · in progress"))
        #expect(lines.contains("  ✓ assignment Title m2/graded  · graded 5.67/7"))
        #expect(state.view(size).first { $0.selected && $0.text.contains("m1/b") } != nil)
        #expect(state.update(.enter, size: size) == .open(.item(courseID: "c", itemID: "m1/b", anchor: nil)))
        #expect(state.update(.char("q"), size: size) == .back)
    }

    @Test func course_OnANarrowScreen_FoldsAStateUnderItsTitle_AndMovesItemByItem() {
        var states = ItemStates()
        states.quizzes["m1/exam"] = (1, nil, nil, 0, false, 1, false)
        let content = CourseScreen.Content(
            course: course("c", "Cooking"),
            items: [item("m1/exam", kind: "quiz"), item("m1/b", kind: "lesson")], states: states, now: now)
        let narrow = ScreenSize(width: 44, height: 20)
        var state = AppState(CourseScreen(content))
        state.resize(narrow)
        let lines = state.view(narrow).map(\.text)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 44 }, "\(lines)")
        #expect(lines.contains("  ✓ quiz       Title m1/exam  · handed in;"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("               marks when") }, "under the title: \(lines)")
        _ = state.update(.char("j"), size: narrow)
        #expect(state.update(.enter, size: narrow) == .open(.item(courseID: "c", itemID: "m1/b", anchor: nil)))
    }

    @Test func start_AsksThePIN_WithoutEchoingIt() {
        var state = AppState(
            StartScreen(entries: [
                .init(id: "1", name: "ana", hasPIN: true), .init(id: "2", name: "luis", hasPIN: false)
            ]))
        #expect(state.view(size).map(\.text).contains("Who is studying?"))
        #expect(state.update(.enter, size: size) == .none)
        for c in "12q4" { _ = state.update(.char(c), size: size) }
        let lines = state.view(size).map(\.text)
        #expect(lines.contains { $0.hasPrefix("PIN for ana: ••••") })
        #expect(!lines.contains { $0.contains("12q4") })
        #expect(state.update(.enter, size: size) == .unlock(profileID: "1", pin: "12q4"))
        var start = state.top as? StartScreen
        start?.fail("wrong PIN for ana (4 more tries before a pause)")
        if let start { state.replaceTop(start) }
        #expect(state.view(size).map(\.text).contains("wrong PIN for ana (4 more tries before a pause)"))
        _ = state.update(.escape, size: size)
        _ = state.update(.char("j"), size: size)
        #expect(state.update(.enter, size: size) == .unlock(profileID: "2", pin: nil))
    }

    @Test func start_AddsAProfile_WithThePINTypedTwice() {
        var state = AppState(StartScreen(entries: []))
        #expect(state.view(size).map(\.text).contains("No profile on this device yet: press a to add one."))
        _ = state.update(.char("a"), size: size)
        for c in "Zoë" { _ = state.update(.char(c), size: size) }
        _ = state.update(.enter, size: size)
        #expect(
            state.view(size).map(\.text).contains {
                $0.hasPrefix("PIN for Zoë (at least 4 characters; empty for none): ")
            })
        for c in "1111" { _ = state.update(.char(c), size: size) }
        _ = state.update(.enter, size: size)
        for c in "2222" { _ = state.update(.char(c), size: size) }
        #expect(state.update(.enter, size: size) == .none)
        #expect(state.view(size).map(\.text).contains("the two PINs differ: nothing was changed; try again"))
        for c in "1234" { _ = state.update(.char(c), size: size) }
        _ = state.update(.enter, size: size)
        #expect(state.view(size).map(\.text).contains { $0.hasPrefix("The PIN again: ••••") } == false)
        for c in "1234" { _ = state.update(.char(c), size: size) }
        #expect(state.view(size).map(\.text).contains { $0.hasPrefix("The PIN again: ••••") })
        #expect(state.update(.enter, size: size) == .addProfile(name: "Zoë", pin: "1234"))
    }

    @Test func start_AddsAProfileWithoutPIN_WhenThePINIsLeftEmpty() {
        var state = AppState(StartScreen(entries: []))
        _ = state.update(.char("a"), size: size)
        for c in "Ana" { _ = state.update(.char(c), size: size) }
        _ = state.update(.enter, size: size)
        #expect(state.view(size).map(\.text).contains { $0.contains("empty for none") })
        #expect(state.update(.enter, size: size) == .addProfile(name: "Ana", pin: nil))
    }

    @Test func narrowTerminal_CutsRowsToTheWidth() {
        let state = AppState(makeHome())
        let narrow = ScreenSize(width: 20, height: 10)
        let lines = state.view(narrow).map { $0.fitted(to: narrow.width) }
        #expect(lines.count == 10)
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 20 })
        #expect(lines.last?.text == " Enter open  ? keys")
    }
}
