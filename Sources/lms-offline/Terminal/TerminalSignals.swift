import Foundation

/// What the signal handlers may touch: plain values read and written with async-signal-safe
/// calls only (`tcsetattr`, `write`, `signal`, `raise`). Process-wide by nature: a signal
/// handler cannot capture context, so the saved terminal settings live here.
enum TerminalRestore {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var fd: Int32 = STDIN_FILENO
    nonisolated(unsafe) static var outputFD: Int32 = STDOUT_FILENO
    /// 1 while raw mode is on.
    nonisolated(unsafe) static var active: Int32 = 0

    /// Restores the saved settings and the main screen, if raw mode is on.
    static func now() {
        guard active == 1 else { return }
        active = 0
        var settings = saved
        tcsetattr(fd, TCSADRAIN, &settings)
        let leave = RawTerminal.leaveSequence
        leave.withCString { _ = Glibc.write(outputFD, $0, strlen($0)) }
    }
}

/// The handlers: events for the loop go through a self-pipe; fatal signals restore the
/// terminal, then take their default action (so a crash still dumps and a kill still kills).
enum TerminalSignals {
    nonisolated(unsafe) static var pipe: [Int32] = [-1, -1]

    /// Wakes the event loop from another thread (work finished in the background).
    static func wake() {
        var event = RawTerminal.Event.wake.rawValue
        _ = Glibc.write(pipe[1], &event, 1)
    }

    /// Installs the handlers (again after a suspend, which reset SIGTSTP).
    static func install() {
        if pipe[0] < 0 {
            var fds: [Int32] = [-1, -1]
            if Glibc.pipe(&fds) == 0 {
                for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
                pipe = fds
            }
        }
        let forward: @convention(c) (Int32) -> Void = { signal in
            var event: UInt8
            switch signal {
            case SIGWINCH: event = RawTerminal.Event.resize.rawValue
            case SIGTSTP: event = RawTerminal.Event.suspend.rawValue
            case SIGCONT: event = RawTerminal.Event.resume.rawValue
            case SIGINT: event = RawTerminal.Event.interrupt.rawValue
            default: event = RawTerminal.Event.terminate.rawValue
            }
            _ = Glibc.write(TerminalSignals.pipe[1], &event, 1)
        }
        for number in [SIGWINCH, SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = forward
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        let fatal: @convention(c) (Int32) -> Void = { signal in
            TerminalRestore.now()
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGQUIT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = fatal
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(number, &action, nil)
        }
        // A parent may have left signals blocked; the app must hear them, and job control's
        // stops (SIGTTIN, SIGTTOU) must stop it.
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGWINCH, SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGINT, SIGTTIN, SIGTTOU] {
            sigaddset(&set, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
