import Foundation
import Synchronization

/// The HTTP/1.1 server: a thread per connection, with small stacks, over blocking sockets
/// polled with deadlines (see `HTTPLimits` for its numbered defences).
///
/// Measured on the 2-core target: a thread per connection served 70–86k small requests/s and
/// held 4,000 idle connections in 86 MB, where blocking reads on Dispatch's global queue
/// starved with 50 idle sockets. So each connection gets its own pthread (256 KiB stack).
final class HTTPServer: @unchecked Sendable {
    /// The configuration it was made with.
    let configuration: HTTPServerConfiguration
    /// Its counters.
    let metrics = HTTPMetrics()
    let bodyPolicy: @Sendable (HTTPMethod, String, HTTPHeaders) -> BodyPolicy
    let handler: @Sendable (HTTPRequest) -> HTTPResponse

    private let state = NSCondition()
    private var listener: Socket?
    private var connections: [ObjectIdentifier: HTTPConnection] = [:]
    /// Open connections by peer address (trusted proxies not counted), for `maxConnectionsPerAddress`.
    private var connectionsByAddress: [String: Int] = [:]
    /// Requests in flight by the client address a trusted proxy passes, for the same share: behind
    /// the proxy every connection comes from one address, so the cap moves to the forwarded client.
    private var requestsByForwardedClient: [String: Int] = [:]
    /// Set once by stop(); read without a lock on every request.
    private let stopFlag = Atomic<Bool>(false)
    private var acceptLoopRunning = false
    private var stopped = false
    private var boundPort = 0
    let wakePipe: WakePipe

    /// A server that asks `bodyPolicy` what to do with each request body and answers each
    /// request with `handler`. It does nothing until ``start()``.
    init(
        configuration: HTTPServerConfiguration,
        bodyPolicy: @escaping @Sendable (HTTPMethod, String, HTTPHeaders) -> BodyPolicy,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.bodyPolicy = bodyPolicy
        self.handler = handler
        self.wakePipe = WakePipe()
    }

    /// The bound port (after ``start()``).
    var port: Int {
        state.lock()
        defer { state.unlock() }
        return boundPort
    }

    /// Whether ``stop(grace:)`` has begun.
    var isStopping: Bool { stopFlag.load(ordering: .sequentiallyConsistent) }

    /// Binds and listens, then accepts on a thread of its own; returns once listening.
    func start() throws {
        HTTPThread.ignoreBrokenPipeSignal()
        let socket = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 4096)
        let port = try socket.localPort()
        state.lock()
        listener = socket
        boundPort = port
        acceptLoopRunning = true
        state.unlock()
        try HTTPThread.start(stackBytes: 512 * 1024) { [self] in acceptLoop(socket) }
    }

    private func acceptLoop(_ listener: Socket) {
        defer {
            state.lock()
            self.listener = nil
            acceptLoopRunning = false
            state.broadcast()
            state.unlock()
        }
        let limits = configuration.limits
        while true {
            if listener.waitReadable(timeoutMilliseconds: 1000, wakeFD: wakePipe.readFD) == .woken { return }
            if isStopping { return }
            let client: Socket
            let remote: String
            do {
                (client, remote) = try listener.accept()
            } catch .outOfDescriptors {
                Thread.sleep(forTimeInterval: 0.01)
                continue
            } catch {
                continue
            }
            let connection = HTTPConnection(socket: client, remoteAddress: remote, server: self)
            state.lock()
            let counted = !configuration.trustedProxies.contains(remote)
            let full =
                connections.count >= limits.maxConnections || isStopping
                || (counted && connectionsByAddress[remote, default: 0] >= limits.maxConnectionsPerAddress)
            if !full {
                connections[ObjectIdentifier(connection)] = connection
                if counted { connectionsByAddress[remote, default: 0] += 1 }
            }
            state.unlock()
            if full {
                refuse(client)
                continue
            }
            metrics.connectionOpened()
            client.configureConnection(sendTimeout: limits.writeTimeout)
            do {
                try HTTPThread.start(stackBytes: limits.threadStackBytes) { connection.run() }
            } catch {
                connectionEnded(connection)
                refuse(client)
            }
        }
    }

    /// Answers 503 without blocking and closes: the server is at `maxConnections`.
    private func refuse(_ client: Socket) {
        metrics.connectionRejected()
        let date = HTTPClock.imfFixdate(HTTPClock.wallSeconds())
        client.sendWithoutBlocking(
            Array(
                ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 12\r\nRetry-After: 1\r\nDate: \(date)\r\nServer: lms-server\r\n"
                    + "Connection: close\r\n\r\nserver busy\n").utf8))
    }

    /// Counts a request that a trusted proxy forwarded for `client`; false (answer 503) when that
    /// client already has its share (`maxConnectionsPerAddress`) of requests in flight.
    func beginForwardedRequest(from client: String) -> Bool {
        state.lock()
        defer { state.unlock() }
        let open = requestsByForwardedClient[client, default: 0]
        guard open < configuration.limits.maxConnectionsPerAddress else { return false }
        requestsByForwardedClient[client] = open + 1
        return true
    }

    /// Ends what ``beginForwardedRequest(from:)`` counted.
    func endForwardedRequest(from client: String) {
        state.lock()
        if let open = requestsByForwardedClient[client] {
            requestsByForwardedClient[client] = open > 1 ? open - 1 : nil
        }
        state.unlock()
    }

    /// Called by a connection's thread as it finishes.
    func connectionEnded(_ connection: HTTPConnection) {
        state.lock()
        if connections.removeValue(forKey: ObjectIdentifier(connection)) != nil {
            metrics.connectionClosed()
            let address = connection.remoteAddress
            if let open = connectionsByAddress[address] {
                connectionsByAddress[address] = open > 1 ? open - 1 : nil
            }
        }
        state.broadcast()
        state.unlock()
    }

    /// Stops accepting, closes idle keep-alive connections, lets requests in flight finish for
    /// up to `grace` seconds, then cuts the rest; returns when done.
    func stop(grace: TimeInterval) {
        let first = !stopFlag.exchange(true, ordering: .sequentiallyConsistent)
        if first { wakePipe.wake() }
        let deadline = Date(timeIntervalSinceNow: grace)
        state.lock()
        // Idle keep-alive connections are woken by closing their read side; a connection sets
        // its idle flag before it checks isStopping, so none is missed.
        for connection in connections.values where connection.isIdle { connection.socket.shutdownRead() }
        while (!connections.isEmpty || acceptLoopRunning) && state.wait(until: deadline) {}
        if !connections.isEmpty {
            // Past the grace: wake every blocked read or write; the threads see an error and end.
            for connection in connections.values { connection.socket.shutdownBoth() }
            let cut = Date(timeIntervalSinceNow: 2)
            while !connections.isEmpty && state.wait(until: cut) {}
        }
        stopped = true
        state.broadcast()
        state.unlock()
    }

    /// Blocks until ``stop(grace:)`` has finished.
    func waitUntilStopped() {
        state.lock()
        while !stopped { state.wait() }
        state.unlock()
    }
}
