import Foundation

/// The one place the study app touches the terminal: raw mode through termios, the alternate
/// screen, the cursor, the window size, and the signals that concern a full-screen program
/// (SIGWINCH, SIGTSTP/SIGCONT, SIGTERM, SIGHUP, SIGINT, and the crash signals).
///
/// Promises: the terminal is restored on every way out: `restore()` on a normal exit, an
/// `atexit` handler for `exit()` anywhere, and signal handlers that restore before a fatal
/// signal's default action (a crash or `kill`). Suspending (Ctrl-Z, or SIGTSTP from outside)
/// restores the terminal before the process stops and takes raw mode again on SIGCONT.
final class RawTerminal {
    /// A signal the event loop must act on, delivered through a self-pipe.
    enum Event: UInt8 {
        case resize = 1, suspend, resume, terminate, interrupt, wake
    }

    /// The terminal's file descriptors.
    let input: Int32
    let output: Int32

    /// The sequences that leave the app's screen: attributes off, autowrap on, cursor shown,
    /// main screen back (xterm's private modes 7, 25 and 1049).
    static let leaveSequence = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?7l\u{1B}[?25l\u{1B}[H\u{1B}[2J"

    /// Whether raw mode and the app's screen are on (off while suspended, in an editor, or
    /// continued in the background): nothing may be drawn while it is off.
    private(set) var isRaw = false

    /// Opens the terminal on standard input and output; nil when either is not a terminal.
    init?(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        guard isatty(input) == 1, isatty(output) == 1 else { return nil }
        self.input = input
        self.output = output
    }

    deinit { restore() }

    /// The window size in columns and rows (80×24 when the terminal does not say).
    var size: (width: Int, height: Int) {
        var window = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        return (80, 24)
    }

    /// Enters raw mode and the alternate screen, and installs the signal handlers.
    func start() throws {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else {
            throw ClientError(.ioFailed, "read the settings of", "the terminal", String(cString: strerror(errno)))
        }
        TerminalRestore.saved = original
        TerminalRestore.fd = input
        TerminalRestore.outputFD = output
        TerminalSignals.install()
        atexit { TerminalRestore.now() }
        try enterRaw()
    }

    /// Takes raw mode and draws the app's screen (at start and after a suspend or an editor).
    func enterRaw() throws {
        var raw = TerminalRestore.saved
        // cfmakeraw, but output post-processing stays (a stray "\n" still returns the carriage).
        raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSADRAIN, &raw) == 0 else {
            throw ClientError(.ioFailed, "set raw mode on", "the terminal", String(cString: strerror(errno)))
        }
        TerminalRestore.active = 1
        isRaw = true
        write(Self.enterSequence)
    }

    /// Leaves raw mode and the alternate screen (before an editor, a suspend, or the end).
    func restore() {
        guard isRaw else { return }
        isRaw = false
        TerminalRestore.now()
    }

    /// Writes text to the terminal, all of it (retrying short writes and EINTR).
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return // the terminal is gone (SIGHUP follows)
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// Waits up to `timeout` milliseconds for input or a signal; returns the bytes read and the
    /// signal events. An empty answer means the time passed.
    func wait(timeout: Int32) -> (bytes: [UInt8], events: [Event], closed: Bool) {
        var fds = [
            pollfd(fd: TerminalSignals.pipe[0], events: Int16(POLLIN), revents: 0),
            pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        ]
        // Continued in the background, the terminal is not ours: a read there would stop us
        // (SIGTTIN) and, once `fg` continued us, block in cooked mode until a newline. Only the
        // signals are heard until `resume` takes raw mode again.
        let ready = poll(&fds, isRaw ? 2 : 1, timeout)
        guard ready > 0 else { return ([], [], false) }
        var events: [Event] = []
        if fds[0].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(TerminalSignals.pipe[0], &buffer, buffer.count)
            if n > 0 { events = buffer[0..<n].compactMap(Event.init(rawValue:)) }
        }
        var bytes: [UInt8] = []
        var closed = false
        if isRaw, fds[1].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = read(input, &buffer, buffer.count)
            if n > 0 {
                bytes = Array(buffer[0..<n])
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                closed = true
            }
        }
        return (bytes, events, closed)
    }

    /// Stops the process as the shell's job control expects (Ctrl-Z): restores the terminal,
    /// stops with SIGTSTP's default action, and takes the terminal again when continued.
    func suspend() throws {
        restore()
        signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        // Continued: catch SIGTSTP again. Take the terminal back only in the foreground: a shell's
        // `kill %1` continues a stopped job in the background (to deliver SIGTERM), and raw mode
        // taken there would stop us again (SIGTTOU) and could outlive the exit. The `resume`
        // event takes it when `fg` brings us to the foreground.
        TerminalSignals.install()
        if isForeground { try enterRaw() }
    }

    /// Stops again as a background job that wants its terminal does (SIGTTIN, as the kernel
    /// would stop a background read): continued in the background by a shell's `kill -CONT %1`,
    /// the app cannot use the terminal, and bash's `fg` sends no SIGCONT to a job it thinks is
    /// running, so waiting for one would never end. `fg` continues the stopped job, and the
    /// `resume` event then takes the terminal.
    func stopInBackground() {
        signal(SIGTTIN, SIG_DFL)
        kill(0, SIGTTIN)
    }

    /// Whether this process's group owns the terminal (a background job must not touch its settings).
    var isForeground: Bool {
        tcgetpgrp(input) == getpgrp()
    }
}
