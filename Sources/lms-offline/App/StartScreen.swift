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
    /// A profile being added: its name, then its PIN typed twice.
    var adding: Adding?

    /// The steps of adding a profile.
    enum Adding: Sendable, Equatable {
        case name(TextField)
        case pin(name: String, TextField)
        case repeatPIN(name: String, pin: String, TextField)

        var field: TextField {
            switch self {
            case .name(let f), .pin(_, let f), .repeatPIN(_, _, let f): return f
            }
        }
    }

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
        if case .repeatPIN(let name, _, _) = adding {
            adding = .pin(name: name, TextField(prompt: AppText.startNewPIN.t(name), secret: true))
        }
    }

    private mutating func updateAdding(_ key: Key, _ step: Adding) -> AppEffect {
        var field = step.field
        switch field.handle(key) {
        case .editing:
            switch step {
            case .name: adding = .name(field)
            case .pin(let name, _): adding = .pin(name: name, field)
            case .repeatPIN(let name, let pin, _): adding = .repeatPIN(name: name, pin: pin, field)
            }
        case .cancelled:
            adding = nil
            error = nil
        case .accepted(let text):
            error = nil
            switch step {
            case .name:
                let name = text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return .none }
                adding = .pin(name: name, TextField(prompt: AppText.startNewPIN.t(name), secret: true))
            case .pin(let name, _):
                // An empty PIN means none (a student's own device), as with `profile add`.
                if text.isEmpty { return .addProfile(name: name, pin: nil) }
                adding = .repeatPIN(name: name, pin: text, TextField(prompt: AppText.startRepeatPIN.text, secret: true))
            case .repeatPIN(let name, let pin, _):
                guard text == pin else {
                    error = Messages.t(.pinMismatch)
                    adding = .pin(name: name, TextField(prompt: AppText.startNewPIN.t(name), secret: true))
                    return .none
                }
                return .addProfile(name: name, pin: pin)
            }
        }
        return .none
    }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if let adding { return updateAdding(key, adding) }
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
        case .char("a"):
            error = nil
            adding = .name(TextField(prompt: AppText.startNewName.text))
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
        var lines =
            entries.isEmpty
            ? [ScreenLine(AppText.startNoProfile.text)] : list.lines(height: max(1, size.bodyHeight - 4))
        lines.append(ScreenLine(""))
        if let pin { lines.append(pin.line(width: size.width)) }
        if let adding { lines.append(adding.field.line(width: size.width)) }
        if let error { lines.append(ScreenLine(error, style: .bold)) }
        return lines
    }
}
