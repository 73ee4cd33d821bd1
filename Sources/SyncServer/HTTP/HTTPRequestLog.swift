import LMSModel
/// One structured log line per request: JSON with time, remote, method, path (never the
/// query string, the Authorization header or any token), status, bytes, duration and route.
struct HTTPRequestLog: Sendable {
    /// Wall-clock time of the request's first byte, seconds and milliseconds since 1970.
    var seconds: Int
    var milliseconds: Int
    var remote: String
    var method: String
    var path: String
    var status: Int
    /// Body bytes sent.
    var bytes: Int64
    var durationMilliseconds: Double
    var route: String?

    /// The line, without its newline.
    var jsonLine: String {
        var out = "{\"time\":\"\(HTTPClock.iso8601(seconds, milliseconds: milliseconds))\""
        out += ",\"remote\":\(Self.quote(remote)),\"method\":\(Self.quote(method)),\"path\":\(Self.quote(path))"
        out +=
            ",\"status\":\(status),\"bytes\":\(bytes),\"duration_ms\":\((durationMilliseconds * 1000).rounded() / 1000)"
        out += ",\"route\":" + (route.map(Self.quote) ?? "null") + "}"
        return out
    }

    /// `s` as a JSON string literal.
    static func quote(_ s: String) -> String { JSONWriter.quote(s) }
}
