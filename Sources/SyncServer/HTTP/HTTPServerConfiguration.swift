/// Where and how the server listens, its limits and its log.
struct HTTPServerConfiguration: Sendable {
    /// The numeric address to bind. Default 127.0.0.1: production sits behind a TLS proxy.
    var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (see `HTTPServer.port`).
    var port: Int = 8080
    /// The limits.
    var limits: HTTPLimits = HTTPLimits()
    /// Whether to write one JSON line per request; tests turn it off.
    var log: Bool = true
    /// Where log lines go when ``log`` is on; nil means standard error.
    var logSink: (@Sendable (String) -> Void)? = nil
    /// The addresses of reverse proxies whose `X-Forwarded-For`/`Forwarded` name the client
    /// (`--trusted-proxy`); empty: every peer is the client (`HTTPForwarded`).
    var trustedProxies: Set<String> = []

    /// A configuration; every part has a default.
    init(
        host: String = "127.0.0.1", port: Int = 8080, limits: HTTPLimits = HTTPLimits(), log: Bool = true,
        logSink: (@Sendable (String) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.log = log
        self.logSink = logSink
    }
}
