import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// The lesson viewer driven by keys, checked by what it shows.
struct LessonScreenTests {
    static let folder = "/course"
    static let markdown =
        "# Start\n\nRead [the next lesson](02-next.md), [the web](https://example.org) or [part two](#part-two).\n\n"
        + (1...60).map { "Paragraph \($0) of filler text." }.joined(separator: "\n\n")
        + "\n\n## Part two\n\nThe needle is here.\n"

    func makeScreen(size: ScreenSize = ScreenSize(width: 60, height: 12), now: Date = Date(timeIntervalSince1970: 0))
        -> LessonScreen
    {
        let item = ItemRecord(
            courseID: "c", id: "unit/start", kind: "lesson", moduleID: "unit", moduleTitle: "Unit", title: "Start",
            position: 0, path: "01-unit/01-start.md", due: nil, points: nil, removed: false)
        let page = LessonPage(
            markdown: Self.markdown, keys: [:], folder: Self.folder, path: item.path,
            itemIDsByPath: ["01-unit/02-next.md": "unit/next"])
        var screen = LessonScreen(
            item: item, source: page, done: false, previousID: nil, nextID: "unit/next", anchor: nil, now: now)
        screen.resize(size)
        return screen
    }

    let size = ScreenSize(width: 60, height: 12)

    @Test func capitalF_OpensTheLessonsForum() {
        var screen = makeScreen()
        #expect(screen.update(.char("F"), size: size) == .open(.forum(courseID: "c", lessonID: "unit/start")))
    }

    @Test func scrolling_MovesTheView_AndTheEndMarksItRead() {
        var screen = makeScreen()
        #expect(screen.body(size).first?.text == "Start")
        #expect(!screen.reachedEnd)
        _ = screen.update(.char("j"), size: size)
        #expect(screen.top == 1)
        _ = screen.update(.char(" "), size: size)
        #expect(screen.top == 1 + screen.textHeight - 1)
        _ = screen.update(.char("G"), size: size)
        #expect(screen.reachedEnd)
        #expect(screen.body(size).contains { $0.text == "The needle is here." })
        _ = screen.update(.char("g"), size: size)
        #expect(screen.top == 0)
        #expect(screen.body(size).last?.text.hasPrefix("line 1 of") == true)
    }

    @Test func search_JumpsToTheMatch_AndHighlightsIt() {
        var screen = makeScreen()
        _ = screen.update(.char("/"), size: size)
        #expect(screen.capturesText)
        for c in "NEEDLE" { _ = screen.update(.char(c), size: size) }
        #expect(screen.body(size).last?.text.contains("/NEEDLE") == true)
        _ = screen.update(.enter, size: size)
        let lines = screen.body(size)
        let match = lines.first { $0.text == "The needle is here." }
        #expect(match?.highlight == 4..<10)
        #expect(lines.last?.text.contains("(1 of 1)") == true)
        _ = screen.update(.char("n"), size: size)
        #expect(screen.matchIndex == 0)
    }

    @Test func tab_FocusesLinks_EnterFollowsThem_BackspaceComesBack() {
        var screen = makeScreen()
        _ = screen.update(.tab, size: size)
        #expect(screen.body(size).last?.text.contains("→ unit/next") == true)
        #expect(screen.update(.enter, size: size) == .open(.item(courseID: "c", itemID: "unit/next", anchor: nil)))
        _ = screen.update(.tab, size: size)
        #expect(screen.update(.enter, size: size) == .openFile("https://example.org"))
        _ = screen.update(.tab, size: size)
        #expect(screen.update(.enter, size: size) == .none)
        #expect(screen.body(size).contains { $0.text == "Part two" })
        #expect(screen.top > 0)
        #expect(screen.update(.backspace, size: size) == .none)
        #expect(screen.top == 0)
        #expect(screen.update(.backspace, size: size) == .back)
    }

    @Test func nextKey_ReplacesWithTheNextItem_MarkKeyMarksDone() {
        var screen = makeScreen()
        #expect(
            screen.update(.char("]"), size: size) == .replace(.item(courseID: "c", itemID: "unit/next", anchor: nil)))
        #expect(screen.update(.char("["), size: size) == .none)
        #expect(screen.update(.char("m"), size: size) == .markDone)
    }

    @Test func resize_Reflows_KeepingThePlaceInProportion() {
        var screen = makeScreen()
        _ = screen.update(.char("G"), size: size)
        let wideLines = screen.page.lines.count
        let narrow = ScreenSize(width: 24, height: 12)
        screen.resize(narrow)
        #expect(screen.page.lines.count > wideLines)
        #expect(screen.page.lines.allSatisfy { DisplayWidth.of($0.text) <= 23 })
        #expect(screen.top > screen.page.lines.count / 2)
    }

    @Test func idleTime_DoesNotCount() {
        let start = Date(timeIntervalSince1970: 0)
        var screen = makeScreen(now: start)
        screen.touch(now: start.addingTimeInterval(30))
        #expect(screen.activeSeconds == 30)
        screen.touch(now: start.addingTimeInterval(30 + 3600))
        #expect(screen.activeSeconds == 30 + AppLimits.idleSeconds)
    }

    @Test func longLesson_ShowsItsFirstPart_ThenTheWholePage() {
        let item = ItemRecord(
            courseID: "c", id: "unit/long", kind: "lesson", moduleID: "unit", moduleTitle: "Unit", title: "Long",
            position: 0, path: "01-unit/02-long.md", due: nil, points: nil, removed: false)
        let markdown = (1...2000).map { "Paragraph \($0) of a long lesson, long enough to count." }.joined(
            separator: "\n\n")
        let source = LessonPage(markdown: markdown, keys: [:], folder: Self.folder, path: item.path, itemIDsByPath: [:])
        var screen = LessonScreen(
            item: item, source: source, done: false, previousID: nil, nextID: nil, anchor: nil,
            now: Date(timeIntervalSince1970: 0))
        screen.resize(size)
        #expect(!screen.isComplete)
        #expect(screen.body(size).first?.text == "Paragraph 1 of a long lesson, long enough to count.")
        _ = screen.update(.char("G"), size: size)
        #expect(!screen.reachedEnd, "the end of a first part is not the end of the lesson")
        screen.install(source.render(width: screen.pageWidth), width: screen.pageWidth)
        #expect(screen.isComplete)
        _ = screen.update(.char("G"), size: size)
        #expect(screen.reachedEnd)
        #expect(screen.body(size).contains { $0.text.hasPrefix("Paragraph 2000 ") })
    }
}
