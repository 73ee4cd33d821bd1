import Foundation
import Testing

/// An interactive shell (`bash -i`, with job control) in a tmux pane, to run the study app as a
/// student does: type a command, press keys, read the screen, resize the window, Ctrl-Z and `fg`.
/// Each session has its own tmux server (socket), killed on release.
final class ShellSession {
    private var panePID: Int32 = 0
    let socket = "lms-app-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    static let timeout: TimeInterval = 20

    /// Starts `bash -i` at `width` × `height` in `directory`, with `environment` exported.
    init(width: Int = 100, height: Int = 30, environment: [String: String], directory: String) throws {
        let exports = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let command = "cd '\(directory)' && env \(exports) PS1='$ ' bash --norc --noprofile -i"
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command], capture: false)
        panePID =
            Int32(
                try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)) ?? 0
        try waitFor("$")
    }

    deinit {
        if panePID > 1 { kill(-panePID, SIGKILL) }
        _ = try? tmux(["kill-server"])
    }

    /// Runs a tmux command of this session's server and returns its output (TerminalSession's
    /// launcher: output through a file, the client reaped with waitpid).
    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        try TerminalSession.tmux(socket: socket, args, capture: capture)
    }

    /// The visible screen, as lines.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", "main"]).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    /// Waits until the visible screen holds `text`; fails after the timeout.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            let lines = try screen()
            if lines.joined(separator: "\n").contains(text) { return lines }
            usleep(50_000)
        }
        let lines = try screen()
        Issue.record(
            "timed out waiting for \"\(text)\"; screen:\n\(lines.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Waits until the visible screen no longer holds `text`.
    func waitForNo(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            if !(try screen().joined(separator: "\n").contains(text)) { return }
            usleep(50_000)
        }
        Issue.record(
            "\"\(text)\" stayed on screen:\n\(try screen().joined(separator: "\n"))", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Types text literally (no Enter).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    /// Types a command line and presses Enter.
    func run(_ line: String) throws {
        try type(line)
        try press("Enter")
    }

    /// Presses keys by tmux's names (`Enter`, `C-c`, `Tab`, `j`), one after another, with a pause
    /// so each reaches the app as its own read.
    func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", "main", key])
            usleep(30_000)
        }
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }
}
