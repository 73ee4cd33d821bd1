import Foundation

/// The server's counters, thread-safe, rendered in Prometheus' text format 0.0.4.
final class HTTPMetrics: @unchecked Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable {
        let route: String
        let status: Int
    }
    private struct Histogram {
        var buckets = [Int](repeating: 0, count: HTTPMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0
    }

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var durations: [String: Histogram] = [:]
    private var open = 0
    private var total = 0
    private var rejected = 0

    /// Empty counters.
    init() {}

    /// Counts one answered request of `route` with `status` that took `seconds`.
    func recordRequest(route: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests[RequestKey(route: route, status: status), default: 0] += 1
        var histogram = durations[route] ?? Histogram()
        if let bucket = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { histogram.buckets[bucket] += 1 }
        histogram.count += 1
        histogram.sum += seconds
        durations[route] = histogram
    }

    /// Counts an accepted connection.
    func connectionOpened() {
        lock.lock()
        open += 1
        total += 1
        lock.unlock()
    }

    /// Counts a closed connection.
    func connectionClosed() {
        lock.lock()
        open -= 1
        lock.unlock()
    }

    /// Counts a connection turned away at `maxConnections`.
    func connectionRejected() {
        lock.lock()
        total += 1
        rejected += 1
        lock.unlock()
    }

    /// The metrics as Prometheus text (format 0.0.4), with `extra` (the application's own
    /// metrics, already in that format) appended.
    func render(extra: String) -> String {
        lock.lock()
        let requests = self.requests
        let durations = self.durations
        let open = self.open
        let total = self.total
        let rejected = self.rejected
        lock.unlock()
        var out = "# HELP http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (key, count) in requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "http_requests_total{route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from a request's first byte to its response sent.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for (route, histogram) in durations.sorted(by: { $0.key < $1.key }) {
            let label = Self.escape(route)
            var cumulative = 0
            for (bound, count) in zip(Self.bucketBounds, histogram.buckets) {
                cumulative += count
                out += "http_request_duration_seconds_bucket{route=\"\(label)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{route=\"\(label)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{route=\"\(label)\"} \(histogram.sum)\n"
            out += "http_request_duration_seconds_count{route=\"\(label)\"} \(histogram.count)\n"
        }
        out += "# HELP http_open_connections Connections open now.\n# TYPE http_open_connections gauge\n"
        out += "http_open_connections \(open)\n"
        out += "# HELP http_connections_total Connections accepted, including those turned away.\n"
        out += "# TYPE http_connections_total counter\nhttp_connections_total \(total)\n"
        out += "# HELP http_connections_rejected_total Connections answered 503 at maxConnections.\n"
        out += "# TYPE http_connections_rejected_total counter\nhttp_connections_rejected_total \(rejected)\n"
        if !extra.isEmpty { out += extra.hasSuffix("\n") ? extra : extra + "\n" }
        return out
    }

    /// A label value escaped for the text format: backslash, quote and newline.
    static func escape(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
