import Foundation

/// The body of a response.
enum HTTPResponseBody: Sendable {
    /// No body.
    case none
    /// These bytes.
    case data(Data)
    /// `length` bytes of the file at `path` from `offset`, streamed with `sendfile` in chunks.
    case file(path: String, offset: Int64, length: Int64)

    /// The number of bytes the body holds.
    var count: Int64 {
        switch self {
        case .none: return 0
        case .data(let data): return Int64(data.count)
        case .file(_, _, let length): return length
        }
    }
}

/// A handler's answer. The server adds `Date`, `Server`, `Content-Length` and `Connection`,
/// and applies HEAD, conditional GET (304) and byte ranges (206/416) on the way out.
struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    var status: Int
    /// The header fields the handler chose.
    var headers: HTTPHeaders
    /// The body.
    var body: HTTPResponseBody
    /// The route's label for metrics and the log, e.g. "GET /api/v1/courses/{id}".
    var route: String?

    /// A response with the given parts.
    init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .none, route: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.route = route
    }

    /// A JSON response: `data` with `Content-Type: application/json`.
    static func json(_ status: Int, _ data: Data) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: .data(data))
    }

    /// A plain-text response in UTF-8.
    static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
            body: .data(Data(text.utf8)))
    }

    /// Whether a response with `status` may carry a body and Content-Length (RFC 9110 §6.4.1:
    /// not 1xx, 204 or 304).
    static func allowsBody(status: Int) -> Bool {
        !(status < 200 || status == 204 || status == 304)
    }

    /// The standard reason phrase of `status` (RFC 9110 §15).
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 416: return "Range Not Satisfiable"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 426: return "Upgrade Required"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        case 507: return "Insufficient Storage"
        default: return "Status \(status)"
        }
    }
}
