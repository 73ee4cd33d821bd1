import Foundation

/// The body of a request, as the ``BodyPolicy`` of its route chose to receive it.
enum HTTPRequestBody: Sendable {
    /// No body (or an empty one).
    case none
    /// The whole body, held in memory.
    case data(Data)
    /// The body streamed to a temporary file; it is deleted after the handler returns unless
    /// the handler moved it away.
    case file(path: String, size: Int64)
}

/// A parsed and validated request, as a handler sees it.
///
/// A `HEAD` request reaches the handler as `GET` with ``isHead`` set, so that every route
/// answers HEAD with exactly the headers of GET; the server drops the body (RFC 9110 §9.3.2).
struct HTTPRequest: Sendable {
    /// The method (`.get` for a HEAD request; see ``isHead``).
    var method: HTTPMethod
    /// The raw request-target, as received.
    var target: String
    /// The decoded, validated path, e.g. "/api/v1/courses/abc" ("*" for `OPTIONS *`).
    var path: String
    /// The decoded path segments, e.g. ["api", "v1", "courses", "abc"].
    var pathSegments: [String]
    /// The decoded query parameters; the last of a repeated name wins.
    var query: [String: String]
    /// The decoded query parameters in order, repeats kept.
    var queryItems: [(String, String)]
    /// The header fields.
    var headers: HTTPHeaders
    /// The body.
    var body: HTTPRequestBody
    /// The peer's IP address, e.g. "127.0.0.1".
    var remoteAddress: String
    /// When the request's first byte arrived.
    var receivedAt: Date
    /// Whether the client sent HEAD (``method`` is then `.get`).
    var isHead: Bool = false
    /// The HTTP minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    var minorVersion: Int = 1

    /// The method as the client sent it (`HEAD` for a HEAD request).
    var methodAsSent: HTTPMethod { isHead ? .head : method }
}

/// What the server does with a request body, decided per request before the body is read
/// (from the method and path).
enum BodyPolicy: Sendable {
    /// Any body is refused with 413.
    case reject
    /// The body is read into memory, up to `maxBytes` (413 past it).
    case memory(maxBytes: Int)
    /// The body is streamed to a temporary file in `directory`, up to `maxBytes` (413 past
    /// it); the file is deleted after the handler returns unless the handler moved it.
    case spool(maxBytes: Int64, directory: String)
    /// The request is answered with this response at once, without reading its body (for a
    /// request the application refuses from its head alone: no token, no right). When the
    /// request has a body the connection is closed after the answer.
    case respond(HTTPResponse)

    /// The largest body this policy accepts, in bytes.
    var maxBytes: Int64 {
        switch self {
        case .reject, .respond: return 0
        case .memory(let max): return Int64(max)
        case .spool(let max, _): return max
        }
    }
}
