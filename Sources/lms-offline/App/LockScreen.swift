import Foundation
import LMSModel

/// The PIN asked again when the app sat idle longer than a session lasts (as the commands ask it
/// after `ClientLimits.sessionIdleSeconds`): it covers what was on screen until the PIN is right.
/// Esc leaves the app (an open quiz attempt stays open).
struct LockScreen: AppScreen {
    var profileName: String
    var field: TextField
    /// Why the last try failed.
    var error: String?

    init(profileName: String) {
        self.profileName = profileName
        field = TextField(prompt: AppText.startPIN.t(profileName), secret: true)
    }

    /// Whether a profile with a PIN, last active at `lastActivity`, must type it again at `now`.
    static func isDue(lastActivity: Date, now: Date, hasPIN: Bool) -> Bool {
        hasPIN && now.timeIntervalSince(lastActivity) > Double(ClientLimits.sessionIdleSeconds)
    }

    var title: String { "lms-offline" }
    var capturesText: Bool { true }
    var hints: [KeyHelp] { [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyQuit)] }
    var keys: [KeyHelp] { hints }

    /// Shows why the PIN was refused and asks again.
    mutating func fail(_ message: String) {
        error = message
        field.text = ""
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        switch field.handle(key) {
        case .editing: return .none
        case .cancelled: return .quit
        case .accepted(let pin): return .resumeSession(pin: pin)
        }
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        var lines = [
            ScreenLine(AppText.lockIdle.t(ClientLimits.sessionIdleSeconds / 60), style: .bold), ScreenLine(""),
            field.line(width: size.width)
        ]
        if let error { lines.append(ScreenLine(error, style: .bold)) }
        return lines
    }
}
