import Foundation
import Testing
@testable import SyncServer

/// Issue 13, item 7: the client address behind a trusted proxy, and per-address connection caps.
struct HTTPForwardedTests {
    static let proxy: Set<String> = ["127.0.0.1"]

    @Test func aTrustedProxy_NamesTheClient_InTheLastXForwardedForEntry() {
        let headers = HTTPHeaders([("X-Forwarded-For", "203.0.113.9, 198.51.100.7")])
        #expect(
            HTTPForwarded.clientAddress(peer: "127.0.0.1", headers: headers, trustedProxies: Self.proxy)
                == "198.51.100.7")
    }

    @Test func anyOtherPeer_CannotClaimAnAddress() {
        let headers = HTTPHeaders([("X-Forwarded-For", "198.51.100.7"), ("Forwarded", "for=198.51.100.8")])
        #expect(
            HTTPForwarded.clientAddress(peer: "192.0.2.1", headers: headers, trustedProxies: Self.proxy) == "192.0.2.1")
        #expect(HTTPForwarded.clientAddress(peer: "127.0.0.1", headers: headers, trustedProxies: []) == "127.0.0.1")
    }

    @Test func forwarded_IsRead_WithQuotesBracketsAndPorts() {
        func client(_ value: String) -> String {
            HTTPForwarded.clientAddress(
                peer: "127.0.0.1", headers: HTTPHeaders([("Forwarded", value)]), trustedProxies: Self.proxy)
        }
        #expect(client("for=192.0.2.60;proto=https;by=203.0.113.43") == "192.0.2.60")
        #expect(client("for=192.0.2.43, for=\"[2001:db8:cafe::17]:4711\"") == "2001:db8:cafe::17")
        #expect(client("for=\"198.51.100.17:8080\"") == "198.51.100.17")
        #expect(client("for=unknown") == "127.0.0.1")
        #expect(client("for=_hidden") == "127.0.0.1")
        #expect(client("for=<script>") == "127.0.0.1")
    }

    @Test func oneAddress_HoldsAtMostItsShareOfConnections_OthersAreStillServed() throws {
        var limits = testLimits()
        limits.maxConnectionsPerAddress = 3
        limits.idleTimeout = 5
        let server = try makeTestServer(limits: limits, handler: echoHandler)
        defer { server.stop(grace: 1) }
        // Three connections from 127.0.0.1 that send a head and wait: the fourth is refused at once.
        var held: [TestClient] = []
        for _ in 0..<3 {
            let client = try TestClient(port: server.port)
            try client.send("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n")
            held.append(client)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let fourth = try TestClient(port: server.port)
        try fourth.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(fourth.readResponse()?.status == 503)
        // One ends: a place is free again.
        try held[0].send("0123456789")
        #expect(held[0].readResponse()?.status == 200)
        held[0].socket.shutdownBoth()
        Thread.sleep(forTimeInterval: 0.3)
        let fifth = try TestClient(port: server.port)
        try fifth.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(fifth.readResponse()?.status == 200)
    }

    @Test func connectionsFromATrustedProxy_AreNotCappedPerAddress() throws {
        var limits = testLimits()
        limits.maxConnectionsPerAddress = 1
        let lines = LogLines()
        var configuration = HTTPServerConfiguration(
            host: "127.0.0.1", port: 0, limits: limits, log: true, logSink: { lines.append($0) })
        configuration.trustedProxies = ["127.0.0.1"]
        let server = HTTPServer(
            configuration: configuration, bodyPolicy: { _, _, _ in .memory(maxBytes: 1024) },
            handler: { request in .text(200, request.remoteAddress) })
        try server.start()
        defer { server.stop(grace: 1) }
        let clients = try (0..<3).map { _ in try TestClient(port: server.port) }
        for (i, client) in clients.enumerated() {
            try client.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 198.51.100.\(i)\r\n\r\n")
            let r = client.readResponse()
            #expect(r?.status == 200 && r?.text == "198.51.100.\(i)")
        }
        // The line is written just after the response is sent.
        for _ in 0..<50 where !lines.all.contains(where: { $0.contains("198.51.100.2") }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(lines.all.contains { $0.contains("198.51.100.2") }, "the log names the client, not the proxy")
    }

    /// Found by the re-run of issue 13's review: behind a trusted proxy, one client holding 4,000
    /// requests (a head and no body) took every connection slot, and every other client got 503.
    @Test func oneForwardedClient_HoldsAtMostItsShareOfRequests_OthersThroughTheProxyAreServed() throws {
        var limits = testLimits()
        limits.maxConnectionsPerAddress = 3
        limits.idleTimeout = 5
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, limits: limits, log: false)
        configuration.trustedProxies = ["127.0.0.1"]
        let server = HTTPServer(
            configuration: configuration, bodyPolicy: { _, _, _ in .memory(maxBytes: 1024) },
            handler: { request in .text(200, request.remoteAddress) })
        try server.start()
        defer { server.stop(grace: 1) }
        var held: [TestClient] = []
        for _ in 0..<3 {
            let client = try TestClient(port: server.port)
            try client.send(
                "POST /slow HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 198.51.100.1\r\nContent-Length: 10\r\n\r\n")
            held.append(client)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let fourth = try TestClient(port: server.port)
        try fourth.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 198.51.100.1\r\n\r\n")
        let refused = fourth.readResponse()
        #expect(refused?.status == 503)
        #expect(refused?.headers["Retry-After"] != nil)
        let other = try TestClient(port: server.port)
        try other.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 198.51.100.2\r\n\r\n")
        #expect(other.readResponse()?.text == "198.51.100.2")
        // One of the first client's requests ends: it may send another.
        try held[0].send("0123456789")
        #expect(held[0].readResponse()?.status == 200)
        try held[0].send("GET /x HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 198.51.100.1\r\n\r\n")
        #expect(held[0].readResponse()?.text == "198.51.100.1")
    }
}

/// Log lines collected from a server's threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
