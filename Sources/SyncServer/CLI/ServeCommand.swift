import Foundation
import LMSModel

extension ServerCommand {
    /// The longest `serve` waits for requests in flight after SIGTERM or SIGINT.
    static let shutdownGraceSeconds: TimeInterval = 10

    /// `serve`: runs the server until SIGTERM or SIGINT, then finishes the requests in flight.
    static func serve(_ options: Arguments, environment: [String: String]) throws {
        let data = try dataDirectory(options, environment)
        guard FileManager.default.fileExists(atPath: data + "/" + ServerStore.fileName) else {
            throw Failure(description: "\(data) is not initialised: run lms-server init --data \(data) first")
        }
        let lock = try ServerLock(dataDirectory: data)
        ProcessMemory.mapAllocations(atLeast: ServerLimits.mappedAllocationBytes)
        DataFolderPermissions.restrict(dataDirectory: data)
        let host = options.value("host") ?? environment["LMS_HOST"] ?? "127.0.0.1"
        let portText = options.value("port") ?? environment["LMS_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw UsageError(description: "--port must be a number from 0 to 65535 (found \(portText))")
        }
        let app = try ServerApp(
            configuration: .init(dataDirectory: data, passwordIterations: passwordIterations(environment)))
        app.blobs.removeTemporaryFiles()
        try app.collectUnreferencedUploads()
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        // `--trusted-proxy 127.0.0.1[,ADDR...]`: the TLS proxy whose X-Forwarded-For names the client.
        let proxies = options.value("trusted-proxy") ?? environment["LMS_TRUSTED_PROXY"] ?? ""
        configuration.trustedProxies = Set(proxies.split(separator: ",").map(String.init))
        for proxy in configuration.trustedProxies where HTTPForwarded.address(proxy) != proxy {
            throw UsageError(description: "--trusted-proxy takes numeric addresses like 127.0.0.1 (found \(proxy))")
        }
        let server = HTTPServer(
            configuration: configuration,
            bodyPolicy: { method, path, headers in app.bodyPolicy(method: method, path: path, headers: headers) },
            handler: { request in app.handle(request) })
        app.metricsRenderer = { extra in server.metrics.render(extra: extra) }
        try server.start()
        let signals = HTTPServer.installSignalHandlers(server: server, grace: shutdownGraceSeconds)
        // A line that scripts and tests wait for (with the real port when --port 0 picked one).
        FileHandle.standardOutput.write(
            Data("lms-server \(version) listening on http://\(host):\(server.port) (data: \(data))\n".utf8))
        let collector = UploadCollector(app: app)
        server.waitUntilStopped()
        collector.stop()
        app.store.statistics.flushSyncVolume() // the sync figures counted since the last write
        withExtendedLifetime((lock, signals)) {}
        FileHandle.standardOutput.write(Data("lms-server stopped\n".utf8))
    }
}
