/// Why a request was refused, with the status it is answered with. After any of these the
/// connection is closed: the framing of whatever follows can no longer be trusted.
enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request line is longer than `HTTPLimits.maxRequestLineBytes` (414).
    case requestLineTooLong
    /// The header section is larger than `HTTPLimits.maxHeaderBytes` (431).
    case headerSectionTooLarge
    /// More header lines than `HTTPLimits.maxHeaderCount` (431).
    case tooManyHeaders
    /// The chunked body's trailer section is past `maxTrailerBytes` or `maxTrailerCount` (431).
    case trailersTooLarge
    /// The request line is not `method SP request-target SP HTTP-version` (400).
    case malformedRequestLine
    /// An HTTP version other than 1.0 or 1.1 (505).
    case unsupportedVersion
    /// A well-formed method that the server does not implement (501).
    case methodNotImplemented
    /// The request-target is refused; the reason says which rule (400).
    case invalidTarget(String)
    /// A line ends in LF without CR (400; RFC 9112 §2.2 lets us refuse it, and we do, strictly).
    case bareLineFeed
    /// A CR not followed by LF (400, RFC 9112 §2.2).
    case bareCarriageReturn
    /// A header line starts with a space or tab: obsolete line folding (400, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// Whitespace between a field name and its colon (400, RFC 9112 §5.1).
    case whitespaceBeforeColon
    /// A field name that is not a token, or a line without a colon (400, RFC 9110 §5.1).
    case invalidHeaderName
    /// A field value with NUL, another control character or DEL (400, RFC 9110 §5.5).
    case invalidHeaderValue
    /// An HTTP/1.1 request without Host, with more than one, or with an invalid one
    /// (400, RFC 9112 §3.2).
    case invalidHost
    /// Both Content-Length and Transfer-Encoding (400, RFC 9112 §6.1: a smuggling vector).
    case contentLengthWithTransferEncoding
    /// Content-Length that is not exactly one 1*DIGIT value (400, RFC 9110 §8.6).
    case invalidContentLength
    /// Transfer-Encoding other than exactly `chunked`, or in an HTTP/1.0 request (400,
    /// RFC 9112 §6.1).
    case unsupportedTransferEncoding
    /// A malformed chunked body: size line, extension or the CRLF after data (400, RFC 9112 §7.1).
    case invalidChunk
    /// The body is larger than its route allows (413).
    case bodyTooLarge
    /// An Expect other than `100-continue` (417, RFC 9110 §10.1.1).
    case unsupportedExpectation
    /// A phase of the request missed its deadline (408).
    case timedOut
    /// The disk is full (ENOSPC) or the server account's quota spent (EDQUOT) while a body was
    /// spooled: nothing was kept (507, RFC 4918 §11.5).
    case insufficientStorage

    /// The status code the request is answered with.
    var status: Int {
        switch self {
        case .requestLineTooLong: return 414
        case .headerSectionTooLarge, .tooManyHeaders, .trailersTooLarge: return 431
        case .unsupportedVersion: return 505
        case .methodNotImplemented: return 501
        case .bodyTooLarge: return 413
        case .unsupportedExpectation: return 417
        case .timedOut: return 408
        case .insufficientStorage: return 507
        default: return 400
        }
    }

    /// A short explanation for the client and the log.
    var description: String {
        switch self {
        case .requestLineTooLong: return "request line too long"
        case .headerSectionTooLarge: return "header section too large"
        case .tooManyHeaders: return "too many header fields"
        case .trailersTooLarge: return "trailer section too large"
        case .malformedRequestLine: return "malformed request line"
        case .unsupportedVersion: return "only HTTP/1.0 and HTTP/1.1 are supported"
        case .methodNotImplemented: return "method not implemented"
        case .invalidTarget(let why): return "invalid request target: \(why)"
        case .bareLineFeed: return "line ends in LF without CR"
        case .bareCarriageReturn: return "CR not followed by LF"
        case .obsoleteLineFolding: return "obsolete line folding is not accepted"
        case .whitespaceBeforeColon: return "whitespace before a header field's colon"
        case .invalidHeaderName: return "invalid header field name"
        case .invalidHeaderValue: return "invalid character in a header field value"
        case .invalidHost: return "exactly one valid Host header field is required"
        case .contentLengthWithTransferEncoding: return "both Content-Length and Transfer-Encoding"
        case .invalidContentLength: return "invalid Content-Length"
        case .unsupportedTransferEncoding: return "only Transfer-Encoding: chunked is supported"
        case .invalidChunk: return "malformed chunked body"
        case .bodyTooLarge: return "request body too large"
        case .unsupportedExpectation: return "only Expect: 100-continue is supported"
        case .timedOut: return "request timed out"
        case .insufficientStorage:
            return "the server's disk is full: nothing was kept; try again once its admin has made room"
        }
    }
}
