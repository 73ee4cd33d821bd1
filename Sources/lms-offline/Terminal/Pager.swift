import Foundation
import LMSModel

/// Shows long text: through `$PAGER` (or `less -R -F -X`) when both ends are a terminal,
/// printed otherwise (pipes, `--json`, tests), and printed when the pager cannot start.
///
/// The pager is started with `posix_spawn` in this process's own process group, which is the
/// terminal's foreground group when a shell runs `lms-offline` as a job. Foundation's `Process`
/// gives the child a process group of its own; an interactive shell's job control then stops
/// it (SIGTTOU/SIGTTIN) the moment it touches the terminal, and the student sees a blank screen.
enum Pager {
    /// How the text reached the student.
    enum Outcome: Equatable {
        /// Written straight to standard output (not a terminal, or no pager could start).
        case printed
        /// Written whole to a terminal without a pager: it fitted on the screen.
        case shownWhole
        /// A pager showed it and exited normally (the student quit it).
        case pagerFinished
        /// The pager failed or was killed: the student may not have read it.
        case pagerFailed
    }

    /// The pager when `PAGER` is unset or empty.
    static let defaultCommand = "less -R -F -X"

    /// The terminal's width in columns (`COLUMNS`, else the tty's size, else 80).
    static func width(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// The terminal's height in rows, or nil off a terminal.
    static func height() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// Shows `lines`: printed when they fit on the screen (one row is left for the prompt), else paged.
    @discardableResult
    static func show(_ lines: [String], console: Console, environment: [String: String]) -> Outcome {
        let text = lines.joined(separator: "\n")
        guard console.isTerminal, isatty(STDIN_FILENO) == 1 else {
            console.out(text)
            return .printed
        }
        if let rows = height(), lines.count < rows {
            console.out(text)
            return .shownWhole
        }
        let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultCommand
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "-R" }
        guard let status = run(command, input: Data((text + "\n").utf8), environment: env) else {
            console.out(text)
            return .printed
        }
        return status == 0 ? .pagerFinished : .pagerFailed
    }

    /// Runs `command` through `/bin/sh -c` with `input` on its standard input, in this process group,
    /// and waits for it. Returns its exit status (128 + the signal when a signal ended it), or nil when
    /// it could not start. While it runs, Ctrl-C and Ctrl-\ belong to the pager; the terminal's settings
    /// are put back afterwards, whatever the pager left.
    static func run(_ command: String, input: Data, environment: [String: String]) -> Int32? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)

        // The pager gets default signal handling and an empty mask, whatever this process inherited;
        // no POSIX_SPAWN_SETPGROUP, so it stays in the terminal's foreground group with this process.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ["/bin/sh", "-c", command]
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnv.forEach { free($0) } }

        let saved = TerminalState.save(STDIN_FILENO)
        let oldInt = signal(SIGINT, SIG_IGN)
        let oldQuit = signal(SIGQUIT, SIG_IGN)
        let oldPipe = signal(SIGPIPE, SIG_IGN) // the student may quit before reading everything
        defer {
            signal(SIGINT, oldInt)
            signal(SIGQUIT, oldQuit)
            signal(SIGPIPE, oldPipe)
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &cArgs, &cEnv)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return nil
        }
        input.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        saved?.restore()
        let signalled = status & 0x7F
        return signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
    }
}

/// A terminal's settings, saved to be put back after a program that may leave them changed.
struct TerminalState {
    let fd: Int32
    let settings: termios

    /// The settings of `fd` when it is a terminal this process may change (its process group is in the
    /// foreground; a background job changing them would be stopped).
    static func save(_ fd: Int32) -> TerminalState? {
        guard isatty(fd) == 1, tcgetpgrp(fd) == getpgrp() else { return nil }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return nil }
        return TerminalState(fd: fd, settings: settings)
    }

    /// Puts the settings back.
    func restore() {
        var settings = self.settings
        _ = tcsetattr(fd, TCSADRAIN, &settings)
    }
}
