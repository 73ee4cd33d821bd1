import Foundation

/// Every limit of the HTTP layer, in one place, each with its unit, its default and why.
///
/// The defences they implement, as numbered promises (after althttpd's header comment):
/// 1. No line is read without bound: the request line stops at ``maxRequestLineBytes`` (414),
///    the header section at ``maxHeaderBytes`` and ``maxHeaderCount`` (431).
/// 2. No request body is read past what the route allows (``BodyPolicy``, 413), and a chunked
///    body's size lines and trailers are bounded too (``maxChunkLineBytes``, ``maxTrailerBytes``).
/// 3. Every phase has an absolute deadline, not only an idle timer: a client dripping bytes
///    is dropped (``headerTimeout``, ``bodyMinimumBytesPerSecond``, ``bodyTimeout``).
/// 4. A client that does not read its response is dropped (``writeTimeout``).
/// 5. The number of connections, and so of threads and memory, is bounded (``maxConnections``),
///    and so is each address's share of them (``maxConnectionsPerAddress``), so that one address
///    cannot hold every slot (a trusted proxy's own connections are not counted: instead each client
///    it forwards for holds at most that share of requests in flight, see `HTTPForwarded`).
/// 6. A body's deadline is sized to what its route may take: at most ``bodyGraceTimeout`` plus the
///    route's largest body (its `BodyPolicy`) at ``bodyMinimumBytesPerSecond``, however steadily it
///    trickles; routes open to anyone take 4 KiB, so an anonymous body holds a thread 14 s at most.
struct HTTPLimits: Sendable {
    /// Longest request line (method, target, version), in bytes. Default 8 KiB, as most
    /// servers (nginx's `large_client_header_buffers`); longer is answered 414.
    var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header section (all field lines with their CRLFs, without the request line),
    /// in bytes. Default 32 KiB: several bearer tokens and cookies fit; longer is 431.
    var maxHeaderBytes: Int = 32 * 1024
    /// Most header field lines in one request. Default 100 (as Apache's `LimitRequestFields`);
    /// more is 431. Bounds the work per request however small each line is.
    var maxHeaderCount: Int = 100
    /// Longest chunk-size line of a chunked body, extensions included, in bytes. Default
    /// 4 KiB: extensions are rare and short; longer is 400.
    var maxChunkLineBytes: Int = 4 * 1024
    /// Largest trailer section of a chunked body, in bytes. Default 8 KiB; trailers are read
    /// and dropped, so they only need a bound (431 past it).
    var maxTrailerBytes: Int = 8 * 1024
    /// Most trailer field lines. Default 20; more is 431.
    var maxTrailerCount: Int = 20
    /// Seconds a keep-alive connection may wait for the first byte of its next request.
    /// Default 5 s (nginx uses 75 s, but a thread per connection makes idle ones dearer).
    var idleTimeout: TimeInterval = 5
    /// Seconds from a request's first byte until its header section is complete, however the
    /// bytes trickle in. Default 10 s; past it the client gets 408 and is dropped (slowloris).
    var headerTimeout: TimeInterval = 10
    /// Seconds a body may always take, before ``bodyMinimumBytesPerSecond`` applies. Default
    /// 10 s, so a slow start on a slow link is forgiven.
    var bodyGraceTimeout: TimeInterval = 10
    /// Slowest average rate a body may arrive at, in bytes per second, counted from the end of
    /// the header section after ``bodyGraceTimeout``. Default 1 KiB/s: the field sites' links
    /// are slow but not that slow; a client below it is dropped with 408.
    var bodyMinimumBytesPerSecond: Double = 1024
    /// Absolute bound on receiving one body, in seconds. Default 1 hour (a 500 MB package over
    /// a poor link), so no client holds a thread forever even at the minimum rate.
    var bodyTimeout: TimeInterval = 3600
    /// Seconds one write to the client may stall (SO_SNDTIMEO). Default 30 s; a client that
    /// stops reading its response is dropped.
    var writeTimeout: TimeInterval = 30
    /// Seconds spent draining unread input before closing after an error response, so the
    /// client sees the response instead of a reset. Default 1 s.
    var lingerTimeout: TimeInterval = 1
    /// Most bytes drained in that linger. Default 256 KiB.
    var lingerMaxBytes: Int = 256 * 1024
    /// Open connections at most; one more is answered 503 and closed. Default 4,000: measured
    /// on the 2-core target, 4,000 idle threads with 256 KiB stacks fit in under 100 MB.
    var maxConnections: Int = 4000
    /// Open connections from one address at most; one more is answered 503 and closed. Default 256:
    /// a field site behind one NAT address syncs a classroom of 40 at once (a client opens up to 6),
    /// yet one address holds at most 1/16 of ``maxConnections``. Connections from a trusted proxy
    /// are not counted here; the requests in flight of each client it forwards for are.
    var maxConnectionsPerAddress: Int = 256
    /// Requests served on one connection before it is closed. Default 10,000; bounds how long
    /// one client keeps a thread and lets load rebalance.
    var maxRequestsPerConnection: Int = 10_000
    /// Stack size of each connection thread, in bytes. Default 256 KiB: enough for the parser
    /// and handlers (no deep recursion), small enough for thousands of connections.
    var threadStackBytes: Int = 256 * 1024
    /// Bytes read from the socket at once. Default 16 KiB, held on the connection's stack.
    var readChunkBytes: Int = 16 * 1024
    /// Bytes sent at once from a file body (`sendfile`). Default 1 MiB.
    var fileChunkBytes: Int = 1024 * 1024

    /// The defaults above.
    init() {}
}
