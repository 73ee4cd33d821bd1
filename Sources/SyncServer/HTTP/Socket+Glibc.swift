import Glibc

// Every Glibc socket, poll, sendfile and thread call of the HTTP layer lives in this file.

/// A TCP socket descriptor, owned: it is closed in `deinit`.
final class Socket: @unchecked Sendable {
    /// The descriptor.
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { Glibc.close(fd) }

    /// Sorts `errno` after a failed `call`.
    private static func error(_ call: String, _ code: Int32 = errno) -> SocketError {
        switch code {
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case ECONNRESET, EPIPE, ENOTCONN, ECONNABORTED, ESHUTDOWN: return .disconnected
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfDescriptors
        default: return .failed(call: call, errno: code)
        }
    }

    // MARK: - Listening

    /// A socket bound to `host:port` (numeric IPv4 or IPv6; port 0 picks a free one) and listening.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> Socket {
        var v4 = in_addr()
        var v6 = in6_addr()
        let name = host == "localhost" ? "127.0.0.1" : host
        let family: Int32
        if inet_pton(AF_INET, name, &v4) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, name, &v6) == 1 {
            family = AF_INET6
        } else {
            throw .invalidAddress(host)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw error("socket") }
        let sock = Socket(fd: fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if family == AF_INET {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            addr.sin_addr = v4
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            addr.sin6_addr = v6
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        if bound != 0 {
            if errno == EADDRINUSE { throw .addressInUse("\(host):\(port)") }
            throw error("bind")
        }
        guard Glibc.listen(fd, backlog) == 0 else { throw error("listen") }
        return sock
    }

    /// A socket connected to `host:port` (numeric IPv4), blocking; for tests and tools.
    static func connect(host: String, port: Int) throws(SocketError) -> Socket {
        var v4 = in_addr()
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &v4) == 1 else {
            throw .invalidAddress(host)
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw error("socket") }
        let sock = Socket(fd: fd)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        addr.sin_addr = v4
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw error("connect") }
        return sock
    }

    /// The local port the socket is bound to.
    func localPort() throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw Self.error("getsockname") }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { p -> Int in
            if family == sa_family_t(AF_INET6) {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }

    /// The next connection and the peer's address, blocking.
    func accept() throws(SocketError) -> (Socket, String) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
            }
            if client >= 0 { return (Socket(fd: client), Self.address(of: &storage)) }
            if errno == EINTR || errno == ECONNABORTED { continue }
            throw Self.error("accept")
        }
    }

    private static func address(of storage: inout sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = storage.ss_family
        withUnsafePointer(to: &storage) { p in
            if family == sa_family_t(AF_INET6) {
                p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                    var addr = a.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
                }
            } else {
                p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                    var addr = a.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
                }
            }
        }
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Options

    /// Bounds how long one send may stall (SO_SNDTIMEO), and turns off Nagle's delay.
    func configureConnection(sendTimeout seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    // MARK: - Reading and writing

    /// What ``waitReadable(timeoutMilliseconds:wakeFD:)`` saw.
    enum Readiness { case readable, timedOut, woken }

    /// Waits until the socket is readable (or closed by the peer), the timeout passes, or
    /// `wakeFD` becomes readable.
    func waitReadable(timeoutMilliseconds: Int32, wakeFD: Int32?) -> Readiness {
        var fds = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFD ?? -1, events: Int16(POLLIN), revents: 0)
        ]
        let count = nfds_t(wakeFD == nil ? 1 : 2)
        while true {
            let n = poll(&fds, count, max(timeoutMilliseconds, 0))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return .timedOut }
            if fds[0].revents != 0 { return .readable }
            return .woken
        }
    }

    /// Reads what is available into `buffer`; 0 means the peer closed its side.
    func receive(into buffer: UnsafeMutableRawBufferPointer, nonBlocking: Bool = false) throws(SocketError) -> Int {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, nonBlocking ? Int32(MSG_DONTWAIT) : 0)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw Self.error("recv")
        }
    }

    /// Sends all of `bytes`, blocking up to the send timeout per stall.
    func send(_ bytes: UnsafeRawBufferPointer) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            let code = errno
            throw code == EAGAIN || code == EWOULDBLOCK ? .timedOut : Self.error("send", code)
        }
    }

    /// Sends all of `bytes` without blocking, as far as the kernel takes them (for a last word
    /// before closing, e.g. 503 from the accept loop).
    func sendWithoutBlocking(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    }

    /// Sends `count` bytes of the file `fileFD` from `offset` with `sendfile`, in chunks of
    /// `chunk` bytes (the page cache goes straight to the socket).
    func sendFile(_ fileFD: Int32, offset: Int64, count: Int64, chunk: Int) throws(SocketError) {
        var position = off_t(offset)
        var remaining = count
        while remaining > 0 {
            let n = sendfile(fd, fileFD, &position, Int(min(remaining, Int64(chunk))))
            if n > 0 {
                remaining -= Int64(n)
                continue
            }
            if n == 0 { throw .failed(call: "sendfile", errno: 0) } // the file shrank
            if errno == EINTR { continue }
            let code = errno
            throw code == EAGAIN || code == EWOULDBLOCK ? .timedOut : Self.error("sendfile", code)
        }
    }

    /// Stops further sends (a FIN to the peer), keeping the read side open.
    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Stops receiving: a thread waiting to read sees end of stream.
    func shutdownRead() { Glibc.shutdown(fd, Int32(SHUT_RD)) }

    /// Stops both directions, waking any thread blocked on this socket.
    func shutdownBoth() { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
}

// MARK: - Wake pipe, threads, signals

/// A pipe whose read end becomes readable, for every poller at once, when ``wake()`` is called.
final class WakePipe: @unchecked Sendable {
    /// The end to poll.
    let readFD: Int32
    private let writeFD: Int32

    /// A new pipe. Without descriptors to spare, both ends are -1, which `poll` ignores, and
    /// waiters fall back on their timeouts.
    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { Glibc.close(readFD) }
        if writeFD >= 0 { Glibc.close(writeFD) }
    }

    /// Makes the read end readable (and leaves it so).
    func wake() {
        guard writeFD >= 0 else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(writeFD, &byte, 1)
    }
}

/// Threads with small stacks, started detached.
enum HTTPThread {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread with a stack of `stackBytes`.
    static func start(stackBytes: Int, _ body: @escaping () -> Void) throws(SocketError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackBytes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
                box.body()
                return nil
            }, box)
        if result != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            throw result == EAGAIN ? .outOfDescriptors : .failed(call: "pthread_create", errno: result)
        }
    }

    /// Ignores SIGPIPE for the process: a peer that went away shows up as EPIPE instead.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }
}
