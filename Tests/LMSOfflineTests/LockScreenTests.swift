import Foundation
import Testing

@testable import lms_offline

/// The PIN asked again after the app sat idle as long as a session lasts.
struct LockScreenTests {
    let size = ScreenSize(width: 60, height: 12)
    let start = Date(timeIntervalSince1970: 2_000_000_000)

    @Test func isDue_OnlyForAPIN_AfterTheSessionsIdleTime() {
        let idle = Double(ClientLimits.sessionIdleSeconds)
        #expect(!LockScreen.isDue(lastActivity: start, now: start.addingTimeInterval(idle - 1), hasPIN: true))
        #expect(LockScreen.isDue(lastActivity: start, now: start.addingTimeInterval(idle + 1), hasPIN: true))
        #expect(!LockScreen.isDue(lastActivity: start, now: start.addingTimeInterval(idle * 3), hasPIN: false))
    }

    @Test func typedPIN_IsHidden_EnterChecksIt_EscLeaves() {
        var lock = LockScreen(profileName: "ana")
        #expect(lock.capturesText)
        for c in "12q?" { #expect(lock.update(.char(c), size: size) == .none) }
        let text = lock.body(size).map(\.text)
        #expect(text.contains { $0 == "Idle for 30 minutes: type the PIN to go on (Esc leaves)." })
        #expect(text.contains { $0.contains("••••") && !$0.contains("12q") })
        #expect(lock.update(.enter, size: size) == .resumeSession(pin: "12q?"))
        lock.fail("wrong PIN")
        #expect(lock.body(size).map(\.text).last == "wrong PIN")
        #expect(lock.field.text.isEmpty)
        #expect(lock.update(.escape, size: size) == .quit)
    }

    @Test func overTheApp_QuestionMarkIsTyped_NotHelp() {
        var state = AppState(LockScreen(profileName: "ana"))
        _ = state.update(.char("?"), size: size)
        #expect(state.top is LockScreen)
    }
}
