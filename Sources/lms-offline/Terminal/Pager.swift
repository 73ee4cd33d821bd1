import Foundation
import LMSModel

/// Shows long text: through `$PAGER` (or `less -R -F -X`) when both ends are a terminal,
/// printed otherwise (pipes, `--json`, tests), and printed when the pager cannot start.
enum Pager {
    /// The terminal's width in columns (`COLUMNS`, else the tty's size, else 80).
    static func width(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// Shows `lines`.
    static func show(_ lines: [String], console: Console, environment: [String: String]) {
        let text = lines.joined(separator: "\n")
        guard console.isTerminal, isatty(STDIN_FILENO) == 1 else {
            console.out(text)
            return
        }
        let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R -F -X"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "-R" }
        process.environment = env
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            console.out(text)
            return
        }
        signal(SIGPIPE, SIG_IGN) // the student may quit the pager before reading everything
        try? pipe.fileHandleForWriting.write(contentsOf: Data((text + "\n").utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Building JSON output tersely.
extension JSONValue {
    static func str(_ s: String) -> JSONValue { JSONValue(.string(s)) }
    static func num(_ n: Double) -> JSONValue { JSONValue(.number(n)) }
    static func int(_ n: Int) -> JSONValue { JSONValue(.number(Double(n))) }
    static func flag(_ b: Bool) -> JSONValue { JSONValue(.bool(b)) }
    static func list(_ items: [JSONValue]) -> JSONValue { JSONValue(.array(items)) }
    static func obj(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(members.map { (key: $0.0, value: $0.1) }))
    }
    static func opt(_ s: String?) -> JSONValue { s.map(str) ?? JSONValue(.null) }
    static func date(_ d: Date?) -> JSONValue {
        d.map { str(ISO8601DateFormatter().string(from: $0)) } ?? JSONValue(.null)
    }
}
