import Foundation
import Testing

@testable import lms_offline

/// A thread or a course's messages: entries shown with author and text, r writes.
struct ConversationScreenTests {
    let size = ScreenSize(width: 40, height: 8)

    func thread(_ count: Int = 1) -> ConversationScreen {
        ConversationScreen(
            heading: "Thread · Salt?",
            entries: (0..<count).map {
                .init(author: "ana\($0)", date: nil, title: nil, body: "How much salt goes in the soup, please?")
            },
            draft: .reply(threadID: "t1"), route: .thread("t1"))
    }

    @Test func showsAuthorAndTextFoldedToTheWidth() {
        let lines = thread().body(size).map(\.text)
        #expect(lines[0] == "ana0")
        #expect(lines[1] == "  How much salt goes in the soup,")
        #expect(lines[2] == "  please?")
    }

    @Test func r_RepliesInTheThread() {
        var screen = thread()
        #expect(screen.update(.char("r"), size: size) == .write(.reply(threadID: "t1")))
    }

    @Test func scrolls_WithinTheEntries() {
        var screen = thread(5)
        _ = screen.update(.char("G"), size: size)
        #expect(screen.body(size).last?.text == "")
        #expect(screen.body(size).contains { $0.text == "ana4" })
        _ = screen.update(.char("g"), size: size)
        #expect(screen.body(size).first?.text == "ana0")
    }

    @Test func messages_AskTheRecipient_FilledWithTheLastOne() {
        var screen = ConversationScreen(
            heading: "Messages", entries: [], draft: .message(courseID: "c", to: "prof"),
            route: .messages(courseID: "c"))
        #expect(screen.body(size).first?.text == "Nothing here yet: r writes.")
        #expect(screen.update(.char("r"), size: size) == .none)
        #expect(screen.capturesText)
        #expect(screen.body(size).last?.text.contains("prof") == true)
        #expect(screen.update(.enter, size: size) == .write(.message(courseID: "c", to: "prof")))
        _ = screen.update(.char("r"), size: size)
        _ = screen.update(.ctrl("u"), size: size)
        #expect(screen.update(.enter, size: size) == .none)
    }
}
