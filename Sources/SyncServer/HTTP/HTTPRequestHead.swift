/// The request line and header section of one request, validated, before its body.
struct HTTPRequestHead: Sendable {
    /// How the body of a request is delimited (RFC 9112 §6.3).
    enum Framing: Sendable, Equatable {
        /// No body.
        case none
        /// Exactly this many bytes (Content-Length, > 0).
        case length(Int64)
        /// Transfer-Encoding: chunked.
        case chunked
    }

    /// The method as sent (HEAD stays `.head` here).
    var method: HTTPMethod
    /// The raw request-target.
    var rawTarget: String
    /// The parsed request-target.
    var target: HTTPRequestTarget
    /// 1 for HTTP/1.1, 0 for HTTP/1.0.
    var minorVersion: Int
    /// The header fields.
    var headers: HTTPHeaders
    /// How the body is delimited.
    var framing: Framing
    /// Whether the connection may carry another request after this one (RFC 9112 §9.3).
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body (RFC 9110 §10.1.1).
    var expectsContinue: Bool
}

extension HTTPRequestHead {
    /// Builds the head from its request line and fields, checking the rules that need the
    /// whole section: Host, framing and the connection's fate.
    init(
        method: HTTPMethod, rawTarget: String, target: HTTPRequestTarget, minorVersion: Int,
        headers: HTTPHeaders
    ) throws(HTTPParseError) {
        // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host; more than one is refused
        // in any version.
        let hosts = headers.values("Host")
        if hosts.count > 1 || (minorVersion == 1 && hosts.isEmpty) { throw .invalidHost }
        if let host = hosts.first, !host.utf8.allSatisfy(Self.isHostChar) { throw .invalidHost }

        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        var framing = Framing.none
        if !encodings.isEmpty {
            // RFC 9112 §6.1: with both, a server MAY reject the message as smuggling; we do.
            guard lengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            // Only exactly `chunked`: any other coding list leaves the length unknowable, and
            // RFC 9112 §6.1 makes Transfer-Encoding in HTTP/1.0 faulty framing.
            guard minorVersion == 1, encodings.count == 1,
                HTTPBytes.equalsIgnoringCase(encodings[0].utf8, "chunked")
            else {
                throw .unsupportedTransferEncoding
            }
            framing = .chunked
        } else if !lengths.isEmpty {
            // RFC 9110 §8.6: Content-Length = 1*DIGIT. Duplicates, even identical, are refused.
            guard lengths.count == 1, let length = Self.parseContentLength(lengths[0]) else {
                throw .invalidContentLength
            }
            framing = length == 0 ? .none : .length(length)
        }

        let connection = headers.tokens("Connection")
        let keepAlive =
            minorVersion == 1
            ? !connection.contains("close") : connection.contains("keep-alive") && !connection.contains("close")

        var expectsContinue = false
        let expectations = headers.values("Expect")
        if !expectations.isEmpty {
            guard expectations.count == 1, HTTPBytes.equalsIgnoringCase(expectations[0].utf8, "100-continue") else {
                throw .unsupportedExpectation
            }
            // RFC 9110 §10.1.1: a 100-continue expectation in HTTP/1.0 is ignored.
            expectsContinue = minorVersion == 1
        }
        self.init(
            method: method, rawTarget: rawTarget, target: target, minorVersion: minorVersion,
            headers: headers, framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue)
    }

    /// The value of a Content-Length field: 1*DIGIT only (no sign, no spaces, no list), at most
    /// 18 digits so that it fits in Int64.
    static func parseContentLength(_ value: String) -> Int64? {
        let digits = value.utf8
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var result: Int64 = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            result = result * 10 + Int64(d - 0x30)
        }
        return result
    }

    /// uri-host and port characters (RFC 3986 §3.2.2): reg-name, IP literals and ":port".
    private static func isHostChar(_ b: UInt8) -> Bool {
        HTTPBytes.isPathChar(b) && b != 0x40 || b == 0x5B || b == 0x5D || b == HTTPBytes.percent
    }
}
