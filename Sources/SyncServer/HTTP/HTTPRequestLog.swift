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

    /// The line, without its newline: one JSON object, written by `JSONWriter` like every JSON the server sends.
    var jsonLine: String {
        let string = { (text: String) in JSONValue(.string(text)) }
        let number = { (n: Double) in JSONValue(.number(n)) }
        return JSONWriter.write(
            JSONValue(
                .object([
                    ("time", string(HTTPClock.iso8601(seconds, milliseconds: milliseconds))),
                    ("remote", string(remote)), ("method", string(method)), ("path", string(path)),
                    ("status", number(Double(status))), ("bytes", number(Double(bytes))),
                    ("duration_ms", number((durationMilliseconds * 1000).rounded() / 1000)),
                    ("route", route.map(string) ?? JSONValue(.null))
                ])))
    }
}
