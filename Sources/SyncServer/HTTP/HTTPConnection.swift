import Foundation
import Synchronization

/// One client connection, served on its own thread: requests are read, answered and logged
/// in order (pipelined ones too) until the client or a limit closes it.
final class HTTPConnection {
    let socket: Socket
    let remoteAddress: String
    let server: HTTPServer
    let limits: HTTPLimits
    var parser: HTTPRequestParser
    /// When the current request's first byte arrived (monotonic seconds), and on the wall clock.
    var requestStart = 0.0
    var requestWallStart = 0.0
    /// The current request's client address (`HTTPForwarded`), for its handler and its log line.
    var client: String?
    /// Whether the connection waits between requests (stop() closes such connections at once).
    private let idleFlag = Atomic<Bool>(false)
    private var dateSecond = -1
    private var dateText = ""

    init(socket: Socket, remoteAddress: String, server: HTTPServer) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.server = server
        self.limits = server.configuration.limits
        self.parser = HTTPRequestParser(limits: server.configuration.limits)
    }

    /// What a read from the socket gave.
    enum ReadResult { case data, closed, timedOut, stopping }

    /// Serves the connection until it ends, then tells the server.
    func run() {
        withUnsafeTemporaryAllocation(byteCount: limits.readChunkBytes, alignment: 16) { buffer in
            serve(buffer)
        }
        server.connectionEnded(self)
    }

    /// Whether the connection waits between requests, with no byte of the next one.
    var isIdle: Bool { idleFlag.load(ordering: .sequentiallyConsistent) }

    private func serve(_ buffer: UnsafeMutableRawBufferPointer) {
        var served = 0
        while served < limits.maxRequestsPerConnection {
            guard let head = readHead(buffer) else { return }
            served += 1
            let keepGoing = serveRequest(head, buffer: buffer, isLast: served == limits.maxRequestsPerConnection)
            if !keepGoing { return }
        }
    }

    /// Reads bytes into the parser, waiting no later than `deadline` (monotonic seconds).
    /// When `wakeable` (between requests), a stopping server interrupts the wait by shutting
    /// the read side, which reads as a close.
    func fill(_ buffer: UnsafeMutableRawBufferPointer, deadline: Double, wakeable: Bool) -> ReadResult {
        let remaining = deadline - HTTPClock.now()
        if remaining <= 0 { return .timedOut }
        if wakeable {
            idleFlag.store(true, ordering: .sequentiallyConsistent)
            if server.isStopping {
                idleFlag.store(false, ordering: .sequentiallyConsistent)
                return .stopping
            }
        }
        defer { if wakeable { idleFlag.store(false, ordering: .sequentiallyConsistent) } }
        // Whatever already arrived is taken without waiting (pipelined and busy clients).
        if let n = try? socket.receive(into: buffer, nonBlocking: true) {
            if n == 0 { return .closed }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return .data
        }
        // Only the socket is polled: a wake pipe shared by thousands of pollers would make its
        // wait queue the hottest lock in the kernel.
        switch socket.waitReadable(timeoutMilliseconds: Int32(min(remaining * 1000 + 1, 86_400_000)), wakeFD: nil) {
        case .timedOut: return .timedOut
        case .woken: return .stopping
        case .readable: break
        }
        do {
            let n = try socket.receive(into: buffer, nonBlocking: true)
            if n == 0 { return .closed }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return .data
        } catch .wouldBlock {
            return .data
        } catch {
            return .closed
        }
    }

    /// The next request's head, or nil when the connection should end (after answering any error).
    private func readHead(_ buffer: UnsafeMutableRawBufferPointer) -> HTTPRequestHead? {
        let idleSince = HTTPClock.now()
        var started = false
        while true {
            if !started && parser.phase != .idle {
                started = true
                requestStart = HTTPClock.now()
                requestWallStart = Date().timeIntervalSince1970
            }
            switch parser.next() {
            case .head(let head): return head
            case .error(let error):
                refuse(error, head: nil)
                return nil
            case .body, .end:
                return nil // cannot happen before a head; end the connection to be safe
            case .needMore:
                // Idle between requests: the keep-alive timer, and a stopping server closes us.
                // Within a head: an absolute deadline from its first byte (slowloris).
                let idle = parser.phase == .idle
                if idle && server.isStopping { return nil }
                let deadline = idle ? idleSince + limits.idleTimeout : requestStart + limits.headerTimeout
                switch fill(buffer, deadline: deadline, wakeable: idle) {
                case .data: continue
                case .closed, .stopping: return nil
                case .timedOut:
                    if !idle { refuse(.timedOut, head: nil) }
                    return nil
                }
            }
        }
    }

    /// Today's IMF-fixdate, formatted once a second.
    func currentDate() -> String {
        let now = HTTPClock.wallSeconds()
        if now != dateSecond {
            dateSecond = now
            dateText = HTTPClock.imfFixdate(now)
        }
        return dateText
    }
}
