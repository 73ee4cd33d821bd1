import Foundation

/// Reads lines from a file descriptor (standard input by default) with an optional deadline,
/// so that a quiz's time limit can interrupt a prompt. Lines are bounded by
/// `ClientLimits.maximumLineBytes`; a longer line is cut there.
final class LineReader {
    /// What a read produced.
    enum Outcome: Equatable {
        case line(String)
        case endOfInput
        case timedOut
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    /// Reads from `fd`.
    init(fd: Int32 = STDIN_FILENO) { self.fd = fd }

    /// The next line (without its newline), waiting at most until `deadline` when given.
    func readLine(until deadline: Date? = nil) -> Outcome {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .line(Self.text(line))
            }
            if buffer.count >= ClientLimits.maximumLineBytes {
                let line = Array(buffer.prefix(ClientLimits.maximumLineBytes))
                buffer.removeFirst(line.count)
                return .line(Self.text(line))
            }
            if ended {
                if buffer.isEmpty { return .endOfInput }
                defer { buffer.removeAll() }
                return .line(Self.text(buffer))
            }
            var timeout: Int32 = -1
            if let deadline {
                let ms = deadline.timeIntervalSinceNow * 1000
                if ms <= 0 { return .timedOut }
                timeout = Int32(min(ms.rounded(.up), Double(Int32.max)))
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                ended = true
                continue
            }
            if ready == 0 { return .timedOut }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                ended = true
                continue
            }
            if n == 0 {
                ended = true
                continue
            }
            buffer += chunk.prefix(n)
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// Reads a secret from the controlling terminal with echo off; nil when there is no terminal.
    static func readSecret(prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        _ = prompt.withCString { Glibc.write(tty, $0, strlen($0)) }
        _ = tcsetattr(tty, TCSAFLUSH, &quiet)
        defer {
            _ = tcsetattr(tty, TCSAFLUSH, &saved)
            _ = Glibc.write(tty, "\n", 1)
        }
        let reader = LineReader(fd: tty)
        if case .line(let text) = reader.readLine() { return text }
        return nil
    }

    /// Asks a yes-or-no question on standard output and reads the answer from standard input: Enter
    /// gives `defaultAnswer`; y, yes, s, si and sí mean yes; n and no mean no; anything else asks again
    /// (at most `ClientLimits.maximumPromptRetries` times). Nil at the end of input.
    static func confirm(_ prompt: String, defaultAnswer: Bool, reader: LineReader = LineReader()) -> Bool? {
        for _ in 0..<ClientLimits.maximumPromptRetries {
            FileHandle.standardOutput.write(Data(prompt.utf8))
            guard case .line(let line) = reader.readLine() else { return nil }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "": return defaultAnswer
            case "y", "yes", "s", "si", "sí": return true
            case "n", "no": return false
            default: continue
            }
        }
        return nil
    }

    /// Asks for a value on standard output, offering `proposal` (taken on Enter); nil at the end of input
    /// or when nothing is typed and nothing was proposed.
    static func ask(_ prompt: String, proposal: String?, reader: LineReader = LineReader()) -> String? {
        FileHandle.standardOutput.write(Data((proposal.map { "\(prompt) [\($0)]: " } ?? "\(prompt): ").utf8))
        guard case .line(let line) = reader.readLine() else { return nil }
        let text = line.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? proposal : text
    }
}
