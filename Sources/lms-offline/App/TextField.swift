import LMSModel

/// A one-line text entry: typed characters, Backspace, Ctrl-U to clear, Enter to accept, Esc to
/// cancel. Secret fields show a dot per character.
struct TextField: Sendable, Equatable {
    /// The longest text accepted, in characters (a bound on pasted input).
    static let maximumCharacters = 10_000

    var prompt: String
    var text = ""
    var secret = false

    /// What a key did to the field.
    enum Outcome: Equatable { case editing, accepted(String), cancelled }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            if text.count < Self.maximumCharacters { text.append(c) }
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): text = ""
        case .ctrl("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
        case .enter: return .accepted(text)
        case .escape: return .cancelled
        default: break
        }
        return .editing
    }

    /// The field as a row: the prompt, the text (its end, when longer than the row) and a cursor.
    func line(width: Int) -> ScreenLine {
        let shown = secret ? String(repeating: "•", count: text.count) : text
        var tail = Substring(shown)
        let room = max(1, width - DisplayWidth.of(prompt) - 2)
        while DisplayWidth.of(String(tail)) > room { tail = tail.dropFirst() }
        return ScreenLine(prompt + tail + "█", style: .bold)
    }
}
