import Foundation
@testable import SyncServer

/// What a parser made of some bytes: the complete requests, and the error that ended it, if any.
struct ParseOutcome {
    struct Request {
        var head: HTTPRequestHead
        var body: [UInt8]
    }
    var requests: [Request] = []
    var error: HTTPParseError?
}

/// Runs `chunks` through a parser as the server would: each head's body is begun with
/// `maxBody`, and parsing stops after a request that closes the connection.
func parse(_ chunks: [[UInt8]], limits: HTTPLimits = HTTPLimits(), maxBody: Int64 = 1 << 20) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    for chunk in chunks {
        parser.append(contentsOf: chunk)
        events: while true {
            switch parser.next() {
            case .needMore: break events
            case .head(let h):
                head = h
                body = []
                if let error = parser.beginBody(maxBytes: maxBody) {
                    outcome.error = error
                    return outcome
                }
            case .body(let bytes): body += bytes
            case .end:
                guard let h = head else { return outcome }
                outcome.requests.append(.init(head: h, body: body))
                if !h.keepAlive { return outcome }
                head = nil
            case .error(let error):
                outcome.error = error
                return outcome
            }
        }
    }
    return outcome
}

/// `text` with every "\n" turned into CRLF, as bytes.
func crlf(_ text: String) -> [UInt8] {
    Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

/// A blocking test client on a raw socket, reading responses by Content-Length.
final class TestClient {
    let socket: Socket
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        socket = try Socket.connect(host: "127.0.0.1", port: port)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try socket.send($0) }
    }

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Reads more bytes; false at EOF or after `timeout` seconds without any.
    private func fill(timeout: Double) -> Bool {
        guard socket.waitReadable(timeoutMilliseconds: Int32(timeout * 1000), wakeFD: nil) == .readable else {
            return false
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { (try? socket.receive(into: $0)) ?? 0 }
        if n <= 0 { return false }
        buffer += chunk[0..<n]
        return true
    }

    /// The next response; nil if the connection closed first. `noBody` for HEAD requests.
    func readResponse(noBody: Bool = false, timeout: Double = 5) -> Response? {
        var headEnd: Int?
        while true {
            if let r = buffer.firstRange(of: [13, 10, 13, 10]) {
                headEnd = r.upperBound
                break
            }
            if !fill(timeout: timeout) { return nil }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: buffer[0..<(headEnd - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        buffer.removeFirst(headEnd)
        let length =
            noBody || status == 304 || status == 204 || status < 200 ? 0 : Int(headers["Content-Length"] ?? "0") ?? 0
        while buffer.count < length {
            if !fill(timeout: timeout) { return nil }
        }
        let body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Whether the server closed the connection (EOF) within `timeout` seconds.
    func isClosedByServer(timeout: Double = 3) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if socket.waitReadable(timeoutMilliseconds: 100, wakeFD: nil) == .readable {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { (try? socket.receive(into: $0)) ?? 0 }
                if n <= 0 { return true }
                buffer += chunk[0..<n]
            }
        }
        return false
    }
}

/// A server on a free loopback port with short limits and no log, for live tests.
func makeTestServer(
    limits: HTTPLimits = testLimits(),
    policy: @escaping @Sendable (HTTPMethod, String) -> BodyPolicy = { _, _ in .memory(maxBytes: 1024) },
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
) throws -> HTTPServer {
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, limits: limits, log: false),
        bodyPolicy: { method, path, _ in policy(method, path) }, handler: handler)
    try server.start()
    return server
}

/// Limits short enough that timeout tests run in about a second.
func testLimits() -> HTTPLimits {
    var limits = HTTPLimits()
    limits.idleTimeout = 2
    limits.headerTimeout = 1
    limits.bodyGraceTimeout = 1
    limits.lingerTimeout = 0.2
    return limits
}

/// A handler that echoes the method, path and body.
@Sendable func echoHandler(_ request: HTTPRequest) -> HTTPResponse {
    var text = "\(request.methodAsSent.rawValue) \(request.path)"
    if case .data(let data) = request.body { text += " " + String(decoding: data, as: UTF8.self) }
    return .text(200, text)
}
