import Foundation
import LMSModel

/// The whole app as a value: a stack of screens (the top one has the keys), a one-shot message
/// for the status line, and who is signed in. `update` and `view` are pure.
struct AppState: Sendable {
    var stack: [any AppScreen]
    /// A message shown in the status line until the next key.
    var message: String?
    /// What runs in the background (a sync and its bar), shown when there is no message.
    var activity: String?
    /// The signed-in profile's name, shown in the title bar.
    var profileName: String?

    init(_ screen: any AppScreen) {
        stack = [screen]
    }

    var top: any AppScreen { stack[stack.count - 1] }

    /// Handles a key: the keys every screen shares, then the top screen's.
    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        message = nil
        switch key {
        case .ctrl("c"): return .quit
        case .ctrl("z"): return .suspend
        case .ctrl("l"): return .redraw
        case .char("?") where !top.capturesText:
            stack.append(HelpScreen(for: top))
            return .none
        default:
            break
        }
        return stack[stack.count - 1].update(key, size: size)
    }

    /// Closes the top screen (the runner calls it for `.back`, after recording what it must);
    /// false when it is the last one.
    mutating func pop() -> Bool {
        guard stack.count > 1 else { return false }
        stack.removeLast()
        return true
    }

    /// Passes a clock tick to the top screen.
    mutating func tick(now: Date) -> AppEffect {
        stack[stack.count - 1].tick(now: now)
    }

    /// Passes a new terminal size to every screen.
    mutating func resize(_ size: ScreenSize) {
        for i in stack.indices { stack[i].resize(size) }
    }

    /// Opens a screen over the current one.
    mutating func push(_ screen: any AppScreen) { stack.append(screen) }

    /// Replaces the top screen.
    mutating func replaceTop(_ screen: any AppScreen) { stack[stack.count - 1] = screen }

    /// The keys that fit in `width` columns, in order, always ending with `? keys`.
    static func hintLine(_ hints: [KeyHelp], width: Int) -> String {
        let help = KeyHelp("?", .keyHelp)
        var shown = hints
        func text() -> String { (shown + [help]).map { "\($0.keys) \($0.action)" }.joined(separator: "  ") }
        while !shown.isEmpty, DisplayWidth.of(text()) > width { shown.removeLast() }
        return text()
    }

    /// The whole screen: title bar, the top screen's rows, status line.
    func view(_ size: ScreenSize) -> [ScreenLine] {
        var titleText = " " + top.title
        if let profileName {
            let right = profileName + " "
            let gap = size.width - DisplayWidth.of(titleText) - DisplayWidth.of(right)
            if gap > 1 { titleText += String(repeating: " ", count: gap) + right }
        }
        var lines = [ScreenLine(titleText, style: .bold, selected: true)]
        var body = top.body(size)
        if body.count > size.bodyHeight { body.removeLast(body.count - size.bodyHeight) }
        lines += body
        lines += Array(repeating: ScreenLine(""), count: max(0, size.height - 1 - lines.count))
        let status = message ?? activity ?? Self.hintLine(top.hints, width: size.width - 1)
        lines.append(ScreenLine(" " + status, style: message == nil && activity == nil ? .dim : .bold))
        return Array(lines.prefix(size.height))
    }
}
