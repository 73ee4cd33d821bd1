import Foundation
import Testing

@testable import lms_offline

/// A course's forum in the study app: announcements, threads, a new thread and messages.
struct ForumScreenTests {
    let size = ScreenSize(width: 70, height: 20)
    let when = Date(timeIntervalSince1970: 2_000_000_000)

    func forum(lesson: String? = nil, threads: [ForumScreen.Thread]? = nil) -> ForumScreen {
        ForumScreen(
            courseID: "c", lessonID: lesson, heading: "Forum · Cooking",
            announcements: [.init(author: "Prof", date: when, title: "Exam moved", body: "To Friday.\nRoom 2.")],
            threads: threads ?? [
                .init(id: "t1", title: "Salt?", author: "ana", date: when, replies: 2, pending: false),
                .init(id: "t2", title: "Ovens", author: "joe", date: nil, replies: 1, pending: true)
            ])
    }

    @Test func listsAnnouncementsThenThreads_EnterOpensAThread() {
        var screen = forum()
        let text = screen.body(size).map(\.text)
        #expect(text.first == "Announcements")
        #expect(text.contains { $0.contains("Exam moved") })
        #expect(text.contains("    To Friday."))
        #expect(text.contains("  Salt?"))
        #expect(text.contains { $0.hasPrefix("    ana, ") && $0.hasSuffix(" · 2 replies") })
        #expect(text.contains("    joe · 1 reply (not yet synced)"))
        #expect(screen.update(.enter, size: size) == .open(.thread("t1")))
        _ = screen.update(.char("j"), size: size)
        #expect(screen.update(.enter, size: size) == .open(.thread("t2")))
    }

    @Test func lessonForum_HasNoAnnouncements_AndSaysHowToStart() {
        let screen = forum(lesson: "m1/a", threads: [])
        let text = screen.body(size).map(\.text)
        #expect(!text.contains("Announcements"))
        #expect(text.contains("  No thread yet: n starts one."))
    }

    @Test func n_AsksTheTitle_ThenWritesTheThread() {
        var screen = forum(lesson: "m1/a")
        #expect(screen.update(.char("n"), size: size) == .none)
        #expect(screen.capturesText)
        for c in "q?" { _ = screen.update(.char(c), size: size) }
        #expect(screen.body(size).last?.text.hasPrefix("Title of the new thread: q?") == true)
        #expect(screen.update(.enter, size: size) == .write(.thread(courseID: "c", lessonID: "m1/a", title: "q?")))
        #expect(!screen.capturesText)
    }

    @Test func emptyTitle_WritesNothing_EscCancels() {
        var screen = forum()
        _ = screen.update(.char("n"), size: size)
        #expect(screen.update(.enter, size: size) == .none)
        _ = screen.update(.char("n"), size: size)
        _ = screen.update(.char("x"), size: size)
        #expect(screen.update(.escape, size: size) == .none)
        #expect(!screen.capturesText)
        #expect(screen.update(.char("q"), size: size) == .back)
    }

    @Test func m_OpensTheCoursesMessages() {
        var screen = forum()
        #expect(screen.update(.char("m"), size: size) == .open(.messages(courseID: "c")))
    }
}
