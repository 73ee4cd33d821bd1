import LMSModel

/// The profile picker of a shared device: choose a name, type its PIN.
struct StartScreen: AppScreen {
    /// A profile as the picker shows it.
    struct Entry: Sendable, Equatable {
        var id: String
        var name: String
        var hasPIN: Bool
    }

    var entries: [Entry]
    var list: MenuList
    /// The PIN being typed, and for whom.
    var pin: TextField?
    var pinFor: Entry?
    /// Why the last try failed.
    var error: String?

    init(entries: [Entry]) {
        self.entries = entries
        list = MenuList(
            [MenuRow(text: AppText.startWho.text, style: .bold), MenuRow(text: "")]
                + entries.map { MenuRow(text: "  " + TerminalText.sanitize($0.name), route: .profile($0.id)) })
    }

    var title: String { "lms-offline" }
    var capturesText: Bool { pin != nil }
    var hints: [KeyHelp] {
        pin != nil
            ? [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyCancel)]
            : [KeyHelp("Enter", .keyChoose), KeyHelp("q", .keyQuit)]
    }
    var keys: [KeyHelp] {
        [KeyHelp("j/k ↑/↓", .keyMove), KeyHelp("Enter", .keyChoose), KeyHelp("q", .keyQuit)]
    }

    /// Shows why signing in failed and asks again.
    mutating func fail(_ message: String) {
        error = message
        pin?.text = ""
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if var field = pin, let entry = pinFor {
            switch field.handle(key) {
            case .editing: pin = field
            case .cancelled:
                pin = nil
                error = nil
            case .accepted(let text):
                pin = field
                return .unlock(profileID: entry.id, pin: text)
            }
            return .none
        }
        switch key {
        case .char("q"), .escape: return .quit
        case .enter:
            guard case .profile(let id) = list.selectedRoute, let entry = entries.first(where: { $0.id == id }) else {
                return .none
            }
            error = nil
            if !entry.hasPIN { return .unlock(profileID: entry.id, pin: nil) }
            pinFor = entry
            pin = TextField(prompt: AppText.startPIN.t(entry.name), secret: true)
        default:
            _ = list.handle(key, height: max(1, size.bodyHeight - 4))
        }
        return .none
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        guard !entries.isEmpty else {
            return [ScreenLine(AppText.startNoProfile.text)]
        }
        var lines = list.lines(height: max(1, size.bodyHeight - 4))
        lines.append(ScreenLine(""))
        if let pin { lines.append(pin.line(width: size.width)) }
        if let error { lines.append(ScreenLine(error, style: .bold)) }
        return lines
    }
}
