import Foundation

/// The hidden `lms-server http-selftest` command, for benchmarks: serves `/healthz` → 200 "ok"
/// and the file given with `--file` under `/file` (with ETag and byte ranges), until SIGTERM.
///
/// Usage: `lms-server http-selftest [--port N] [--file PATH] [--log]`.
func runHTTPSelfTest(arguments: [String]) -> Int32 {
    var port = 8080
    var file: String?
    var log = false
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--port" where i + 1 < arguments.count:
            port = Int(arguments[i + 1]) ?? port
            i += 1
        case "--file" where i + 1 < arguments.count:
            file = arguments[i + 1]
            i += 1
        case "--log": log = true
        default:
            FileHandle.standardError.write(
                Data("usage: lms-server http-selftest [--port N] [--file PATH] [--log]\n".utf8))
            return 2
        }
        i += 1
    }
    let fileSize = file.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int64 } ?? 0
    let servedFile = file
    // Benchmarks open all their connections from one loopback address.
    var limits = HTTPLimits()
    limits.maxConnectionsPerAddress = limits.maxConnections
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(port: port, limits: limits, log: log),
        bodyPolicy: { _, _, _ in .reject },
        handler: { request in makeSelfTestResponse(request, file: servedFile, fileSize: fileSize) })
    do {
        try server.start()
    } catch {
        FileHandle.standardError.write(Data("lms-server: \(error)\n".utf8))
        return 1
    }
    let sources = HTTPServer.installSignalHandlers(server: server)
    FileHandle.standardOutput.write(Data("listening on \(server.configuration.host):\(server.port)\n".utf8))
    server.waitUntilStopped()
    _ = sources
    return 0
}

/// The self-test's routes.
func makeSelfTestResponse(_ request: HTTPRequest, file: String?, fileSize: Int64) -> HTTPResponse {
    switch (request.method, request.path) {
    case (.get, "/healthz"):
        var response = HTTPResponse.text(200, "ok")
        response.route = "GET /healthz"
        return response
    case (.get, "/file") where file != nil:
        let headers = HTTPHeaders([
            ("Content-Type", "application/octet-stream"), ("ETag", "\"selftest-\(fileSize)\""),
            ("Accept-Ranges", "bytes")
        ])
        return HTTPResponse(
            status: 200, headers: headers, body: .file(path: file ?? "", offset: 0, length: fileSize),
            route: "GET /file")
    default:
        return HTTPResponse(status: 404, body: .data(Data("not found\n".utf8)), route: "unmatched")
    }
}
