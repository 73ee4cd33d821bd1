import Foundation
import Testing

/// A pseudo-terminal driven through tmux, to use `lms-offline` as a person would: read the
/// screen, type, press keys. Each session has its own tmux server (socket), killed on release.
final class TerminalSession {
    /// The process group of the pane (the shell that runs lms-offline and everything it starts).
    private var panePID: Int32 = 0
    let socket = "lms-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    static let timeout: TimeInterval = 15

    /// Starts `lms-offline args` in a 120×40 terminal with `environment`.
    init(_ args: [String], environment: [String: String], directory: String) throws {
        let env = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let command =
            "cd '\(directory)' && env \(env) '\(CLI.binary)' \(args.map { "'\($0)'" }.joined(separator: " ")); sleep 120"
        // The server forked here would keep a captured pipe open forever: give it no pipe.
        try tmux(["new-session", "-d", "-s", "main", "-x", "120", "-y", "40", command], capture: false)
        panePID =
            Int32(
                try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)) ?? 0
    }

    /// Starts an interactive `bash` (job control on, as a student's terminal has) in a `columns`×`rows`
    /// terminal, in `directory` with `environment` exported; commands are then typed into it.
    init(shellWithEnvironment environment: [String: String], directory: String, columns: Int = 100, rows: Int = 30)
        throws
    {
        try tmux(
            [
                "new-session", "-d", "-s", "main", "-x", "\(columns)", "-y", "\(rows)",
                "env PS1='$ ' bash --norc --noprofile -i"
            ], capture: false)
        panePID =
            Int32(
                try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)) ?? 0
        let exports = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        try type("cd '\(directory)' && export \(exports) && clear")
    }

    deinit {
        // Processes spawned by the test runner may inherit blocked signals, so the pane's processes are
        // ended with SIGKILL, by their own process group, before the server.
        if panePID > 1 { kill(-panePID, SIGKILL) }
        _ = try? tmux(["kill-server"])
    }

    /// Whether tmux can be used here.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs a tmux command and returns its output. The output goes through a file, not a pipe (a tmux
    /// client hands its standard output to the server, which would hold a pipe open forever), and the
    /// client is spawned and reaped with posix_spawn/waitpid, since the daemonising `new-session`
    /// client is not always noticed by Foundation's `Process`.
    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        try Self.tmux(socket: socket, args, capture: capture)
    }

    /// Runs a command of the tmux server on `socket` (the one launcher of both terminal harnesses).
    @discardableResult
    static func tmux(socket: String, _ args: [String], capture: Bool = true) throws -> String {
        let outputPath =
            capture ? NSTemporaryDirectory() + "\(socket)-\(UInt32.random(in: 0...UInt32.max)).out" : "/dev/null"
        defer { if capture { unlink(outputPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + args
        var cargs = argv.map { strdup($0) } + [nil]
        defer { cargs.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &cargs, environ)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }

    /// The screen and its scrollback, as lines.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-S", "-300", "-t", "main"]).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
    }

    /// Waits until the screen holds `text` (`count` times); fails after the timeout. Trailing spaces
    /// are ignored, since tmux trims them from captured lines.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            let lines = try screen()
            if lines.joined(separator: "\n").components(separatedBy: text).count - 1 >= count { return lines }
            usleep(50_000)
        }
        let lines = try screen()
        Issue.record(
            "timed out waiting for \"\(text)\"; screen:\n\(lines.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Types a line and presses Enter.
    func type(_ line: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", line])
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Presses a key (`C-c`).
    func press(_ key: String) throws { try tmux(["send-keys", "-t", "main", key]) }
}
