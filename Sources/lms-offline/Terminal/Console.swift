import Foundation

/// Where a command writes: standard output for results, standard error for messages.
/// Colour only on a terminal and never with `NO_COLOR`.
struct Console: Sendable {
    /// Whether standard output is a terminal.
    let isTerminal: Bool
    /// Whether to use ANSI colour.
    let useColor: Bool

    /// The console of this process.
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        let tty = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Console(isTerminal: tty, useColor: tty && !noColor && environment["TERM"] != "dumb")
    }

    /// Writes a line to standard output.
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes a line to standard error.
    func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Text in a colour when colour is on.
    func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// ANSI colour codes.
    enum Color: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case bold = "1"
        case dim = "2"
    }
}
