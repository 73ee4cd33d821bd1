import Foundation
import Testing
@testable import SyncServer

/// Issue 13, item 14: what the review found the server answered against the RFCs, on a live socket.
struct HTTPRFCConformanceTests {
    @Test func absoluteFormTarget_IsServedAsItsPath() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("GET http://127.0.0.1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let r = try #require(client.readResponse())
        #expect(r.status == 200 && r.text == "GET /healthz", "\(r.status) \(r.text)")
    }

    @Test func optionsAsterisk_IsAnswered204_WithTheMethods() throws {
        let server = try makeTestServer(handler: { _ in .text(404, "no") })
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        let r = try #require(client.readResponse(noBody: true))
        #expect(r.status == 204)
        #expect(r.headers["Allow"]?.contains("POST") == true)
    }

    @Test func http12_IsAnsweredAsHTTP11() throws {
        let server = try makeTestServer(handler: echoHandler)
        defer { server.stop(grace: 1) }
        let client = try TestClient(port: server.port)
        try client.send("GET /x HTTP/1.2\r\nHost: a\r\n\r\n")
        let r = try #require(client.readResponse())
        #expect(r.status == 200 && r.text == "GET /x")
    }

    @Test func publicRoutes_IgnoreAStaleToken() throws {
        let server = try TestServer()
        let stale = [("Authorization", "Bearer not-a-token-any-more")]
        #expect(server.request(.get, "/healthz", headers: stale).status == 200)
        #expect(server.request(.get, "/metrics", headers: stale).status == 200)
        #expect(server.request(.get, "/api/v1/certificates/ABCDE-FGHJK-MNPQR-STVWX", headers: stale).status == 404)
        let login = server.request(
            .post, "/api/v1/auth/login", json: ["username": "nobody", "password": "wrong-password"], headers: stale)
        #expect(login.status != 401 || login.json["error"]?["message"]?.stringValue?.contains("token") != true)
        // A route that needs a user still refuses it.
        #expect(server.request(.get, "/api/v1/me", headers: stale).status == 401)
    }
}
