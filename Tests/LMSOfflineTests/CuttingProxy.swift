import Foundation

/// A tiny TCP proxy on 127.0.0.1 for fault tests: it forwards both ways to the server and, once,
/// closes a connection after `cutAfterBytes` of the answer to a request whose head contains `when`
/// (a download cut mid-way). It records every request head it forwarded.
final class CuttingProxy: @unchecked Sendable {
    private let listener: Int32
    let port: UInt16
    private let upstreamPort: UInt16
    private let cutAfterBytes: Int
    private let trigger: String
    private let lock = NSLock()
    private var _requests: [String] = []
    private var _cuts = 0

    /// The request heads seen, in order.
    var requests: [String] { lock.withLock { _requests } }
    /// How many connections were cut.
    var cuts: Int { lock.withLock { _cuts } }

    init(upstreamPort: UInt16, cutAfterBytes: Int, when trigger: String) throws {
        self.upstreamPort = upstreamPort
        self.cutAfterBytes = cutAfterBytes
        self.trigger = trigger
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw CocoaError(.fileWriteUnknown)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(fd, $0, &length)
            }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            let state = Connection()
            Thread.detachNewThread { [self] in pump(from: client, to: upstream, state: state, requests: true) }
            Thread.detachNewThread { [self] in pump(from: upstream, to: client, state: state, requests: false) }
        }
    }

    /// What one connection has seen: whether its current request is the one to cut, and bytes since.
    final class Connection: @unchecked Sendable {
        let lock = NSLock()
        var armed = false
        var answered = 0
        var closed = false
    }

    private func pump(from source: Int32, to target: Int32, state: Connection, requests: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = read(source, &buffer, buffer.count)
            if n <= 0 { break }
            var count = n
            if requests {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                lock.withLock { _requests.append(text) }
                let arm = text.contains(trigger) && lock.withLock { _cuts == 0 }
                state.lock.withLock {
                    if arm {
                        state.armed = true
                        state.answered = 0
                    }
                }
            } else {
                let cut: Bool = state.lock.withLock {
                    guard state.armed else { return false }
                    if state.answered + n >= cutAfterBytes {
                        count = max(0, cutAfterBytes - state.answered)
                        return true
                    }
                    state.answered += n
                    return false
                }
                if cut {
                    _ = write(target, buffer, count)
                    lock.withLock { _cuts += 1 }
                    state.lock.withLock { state.armed = false }
                    break
                }
            }
            if write(target, buffer, count) < 0 { break }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(target, Int32(SHUT_RDWR))
        state.lock.withLock {
            if state.closed {
                close(source)
                close(target)
            } else {
                state.closed = true
            }
        }
    }
}
