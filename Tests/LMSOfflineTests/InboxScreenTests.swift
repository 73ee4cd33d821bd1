import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// The study app's inbox: each notification's title and text folded to the terminal's width.
struct InboxScreenTests {
    let notes = [
        NotificationLine(
            id: "n1", title: "Llegó su nota de practice/final (intro-programming)",
            body: "Entregado; las notas llegarán cuando el docente publique la revisión.",
            createdAt: Date(timeIntervalSince1970: 1_800_000_000), unread: true),
        NotificationLine(id: "n2", title: "Short", body: "Body", createdAt: nil, unread: false)
    ]

    @Test func atSixtyColumns_TitlesAndTextFoldAtSpaces_NothingIsCut() {
        var screen = InboxScreen(notes)
        screen.resize(ScreenSize(width: 60, height: 20))
        let lines = screen.body(ScreenSize(width: 60, height: 20)).map(\.text)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(lines)")
        let all = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(all.contains("(intro-programming)") && all.contains("publique la revisión."), "\(lines)")
        #expect(lines.first?.hasPrefix("● ") == true)
    }

    @Test func aResize_KeepsTheSelectedNotification_AndOnlyTitlesAreSelectable() {
        var screen = InboxScreen(notes)
        let size = ScreenSize(width: 40, height: 20)
        screen.resize(size)
        _ = screen.update(.char("j"), size: size)
        #expect(screen.list.selectedRoute == .profile("n2"), "j skips the folded continuation rows")
        screen.resize(ScreenSize(width: 100, height: 20))
        #expect(screen.list.selectedRoute == .profile("n2"))
        #expect(screen.list.rows.count == 4, "one row each for titles and texts at 100 columns")
    }
}
