import Foundation
import Testing
@testable import SyncServer

/// Live tests on 127.0.0.1 with a free port, each with its own server.
@Suite struct HTTPServerTests {
    @Test func keepAlive_ServesSeveralRequestsOnOneConnection() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        for i in 0..<3 {
            try client.send("GET /n/\(i) HTTP/1.1\r\nHost: a\r\n\r\n")
            let r = try #require(client.readResponse())
            #expect(r.status == 200 && r.text == "GET /n/\(i)")
            #expect(r.headers["Server"] == "lms-server" && r.headers["Date"] != nil && r.headers["Connection"] == nil)
        }
    }

    @Test func pipelinedRequests_AreAnsweredInOrder() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send(
            "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        #expect(client.readResponse()?.text == "GET /1")
        #expect(client.readResponse()?.text == "POST /2 hi")
        let last = try #require(client.readResponse())
        #expect(last.text == "GET /3" && last.headers["Connection"] == "close")
        #expect(client.isClosedByServer())
    }

    @Test func http10_ClosesUnlessKeepAliveAsked() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let keep = try TestClient(port: server.port)
        try keep.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(keep.readResponse()?.headers["Connection"] == "keep-alive")
        let close = try TestClient(port: server.port)
        try close.send("GET /a HTTP/1.0\r\n\r\n")
        #expect(close.readResponse()?.headers["Connection"] == "close")
        #expect(close.isClosedByServer())
    }

    @Test func expectContinue_Gets100_WhenBodyAccepted_And413WithoutReadingWhenNot() throws {
        let server = try makeTestServer(
            policy: { _, path in path == "/small" ? .memory(maxBytes: 4) : .memory(maxBytes: 100) },
            handler: echoHandler)
        defer { server.stop(grace: 1) }
        let ok = try TestClient(port: server.port)
        try ok.send("PUT /up HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(ok.readResponse()?.status == 100)
        try ok.send("hello")
        #expect(ok.readResponse()?.text == "PUT /up hello")

        let refused = try TestClient(port: server.port)
        try refused.send("PUT /small HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let r = try #require(refused.readResponse())
        #expect(r.status == 413 && r.headers["Connection"] == "close")

        let odd = try TestClient(port: server.port)
        try odd.send("PUT /up HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: teapot\r\n\r\n")
        #expect(odd.readResponse()?.status == 417)
    }

    @Test func head_HasGetsHeaders_WithoutBody() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try #require(client.readResponse(noBody: true))
        #expect(head.status == 200 && head.headers["Content-Length"] == "7" && head.body.isEmpty)
        #expect(client.readResponse()?.text == "GET /y") // nothing of HEAD's body slipped in between
    }

    @Test func fileBody_Gives304_206_416() throws {
        let path = NSTemporaryDirectory() + "lms-http-test-\(UUID().uuidString)"
        try Data("0123456789abcdef".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try makeTestServer { _ in
            HTTPResponse(
                status: 200, headers: HTTPHeaders([("ETag", "\"f1\""), ("Accept-Ranges", "bytes")]),
                body: .file(path: path, offset: 0, length: 16), route: "GET /file")
        }
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("GET /f HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(client.readResponse()?.text == "0123456789abcdef")
        try client.send("GET /f HTTP/1.1\r\nHost: a\r\nIf-None-Match: W/\"f1\"\r\n\r\n")
        let notModified = try #require(client.readResponse())
        #expect(notModified.status == 304 && notModified.headers["Content-Length"] == nil)
        try client.send("GET /f HTTP/1.1\r\nHost: a\r\nRange: bytes=10-\r\n\r\n")
        let partial = try #require(client.readResponse())
        #expect(
            partial.status == 206 && partial.text == "abcdef" && partial.headers["Content-Range"] == "bytes 10-15/16")
        try client.send("GET /f HTTP/1.1\r\nHost: a\r\nRange: bytes=16-\r\n\r\n")
        let unsatisfiable = try #require(client.readResponse())
        #expect(unsatisfiable.status == 416 && unsatisfiable.headers["Content-Range"] == "bytes */16")
    }

    @Test func spooledBody_IsAFile_DeletedAfterHandler() throws {
        let directory = NSTemporaryDirectory()
        let seen = LockedBox<String?>(nil)
        let server = try makeTestServer(policy: { _, _ in .spool(maxBytes: 1 << 20, directory: directory) }) {
            request in
            guard case .file(let path, let size) = request.body,
                let data = FileManager.default.contents(atPath: path)
            else { return .text(500, "no file") }
            seen.value = path
            return .text(200, "\(size) \(String(decoding: data, as: UTF8.self))")
        }
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send(
            "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n")
        #expect(client.readResponse()?.text == "5 abcde")
        let path = try #require(seen.value)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func smuggling_Gets400AndClose_AndServerKeepsServing() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let bad = try TestClient(port: server.port)
        try bad.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        let r = try #require(bad.readResponse())
        #expect(r.status == 400 && r.headers["Connection"] == "close")
        #expect(bad.isClosedByServer())
        let good = try TestClient(port: server.port)
        try good.send("GET /still HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(good.readResponse()?.text == "GET /still")
    }

    @Test func slowloris_IsCutByHeaderDeadline_WhileOthersAreServed() throws {
        let server = try makeTestServer(handler: echoHandler) // headerTimeout = 1 s
        defer { server.stop(grace: 1) }
        let slow = try TestClient(port: server.port)
        let start = Date()
        let request = Array("GET /slow HTTP/1.1\r\nHost: a\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa\r\n\r\n".utf8)
        var cut = false
        for (i, byte) in request.enumerated() {
            if (try? slow.send([byte])) == nil {
                cut = true
                break
            }
            if i == 2 {
                // Meanwhile another client is served promptly.
                let other = try TestClient(port: server.port)
                let t = Date()
                try other.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(other.readResponse()?.text == "GET /fast")
                #expect(Date().timeIntervalSince(t) < 0.5)
            }
            if let r = slow.readResponse(timeout: 0.2) {
                #expect(r.status == 408)
                cut = true
                break
            }
        }
        #expect(cut)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.9 && elapsed < 3, "cut after \(elapsed) s")
    }

    @Test func maxConnections_TurnsAwayTheExtraWith503() throws {
        var limits = testLimits()
        limits.maxConnections = 2
        let server = try makeTestServer(limits: limits, handler: echoHandler)
        defer { server.stop(grace: 1) }
        let a = try TestClient(port: server.port)
        let b = try TestClient(port: server.port)
        try a.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n")
        try b.send("GET /b HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(a.readResponse()?.status == 200 && b.readResponse()?.status == 200)
        let c = try TestClient(port: server.port)
        #expect(c.readResponse()?.status == 503)
        #expect(server.metrics.render(extra: "").contains("http_connections_rejected_total 1"))
    }

    @Test func stop_FinishesInFlightRequest_AndClosesIdleOnes() throws {
        let server = try makeTestServer { request in
            if request.path == "/slow" { Thread.sleep(forTimeInterval: 0.5) }
            return .text(200, "done")
        }
        let idle = try TestClient(port: server.port)
        try idle.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        let busy = try TestClient(port: server.port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        let start = Date()
        server.stop(grace: 5)
        let r = try #require(busy.readResponse())
        #expect(r.text == "done" && r.headers["Connection"] == "close")
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(idle.isClosedByServer(timeout: 1))
        #expect(throws: (any Error).self) { _ = try TestClient(port: server.port) }
    }

    @Test func metricsAndLog_RecordEachRequest() throws {
        let lines = LockedBox<[String]>([])
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                port: 0, limits: testLimits(), log: true,
                logSink: { line in lines.value.append(line) }),
            bodyPolicy: { _, _, _ in .reject }
        ) { _ in
            var r = HTTPResponse.text(200, "x")
            r.route = "GET /items/{id}"
            return r
        }
        try server.start()
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("GET /items/7?token=secret HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer secret\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        // The request is counted just after its response is sent.
        let deadline = Date(timeIntervalSinceNow: 2)
        while lines.value.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let text = server.metrics.render(extra: "app_up 1\n")
        #expect(text.contains("http_requests_total{route=\"GET /items/{id}\",status=\"200\"} 1"))
        #expect(text.contains("http_request_duration_seconds_bucket{route=\"GET /items/{id}\",le=\"+Inf\"} 1"))
        #expect(text.contains("http_open_connections 1") && text.hasSuffix("app_up 1\n"))
        let line = try #require(lines.value.first)
        #expect(
            line.contains("\"path\":\"/items/7\"") && line.contains("\"status\":200")
                && line.contains("\"route\":\"GET /items/{id}\""))
        #expect(!line.contains("secret"))
    }
}

/// A value shared with a server's handler thread.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
        set {
            lock.lock()
            stored = newValue
            lock.unlock()
        }
    }
}
