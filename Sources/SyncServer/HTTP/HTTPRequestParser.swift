/// The HTTP/1.1 request parser: a value-type state machine over a byte buffer (RFC 9112).
///
/// Feed it bytes with ``append(_:)`` and pull events with ``next()`` until it answers
/// `.needMore`. After `.head`, the caller decides the body's fate (``beginBody(maxBytes:)``),
/// then pulls `.body` events until `.end`. Pipelined requests follow one another in the same
/// buffer. Every error is final: the caller answers with its status and closes.
///
/// Lines end in CRLF only: RFC 9112 §2.2 lets a recipient accept a bare LF, but a server that
/// accepts what a proxy in front of it reads differently invites smuggling, so we refuse.
struct HTTPRequestParser: Sendable {
    /// What the parser found next.
    enum Event: Sendable {
        /// No complete element in the buffer: read more bytes.
        case needMore
        /// A request's line and headers; call ``beginBody(maxBytes:)`` before the next event
        /// if its framing announces a body.
        case head(HTTPRequestHead)
        /// Bytes of the body, in order.
        case body(ArraySlice<UInt8>)
        /// The end of the request (and of its body).
        case end
        /// The request is refused; nothing more will be parsed.
        case error(HTTPParseError)
    }

    /// Where the parser is within a request, for the caller's deadlines.
    enum Phase: Sendable, Equatable {
        /// Between requests, no byte of the next one received.
        case idle
        /// Reading a request line or header section.
        case head
        /// Waiting for the caller's decision about the body.
        case bodyDecision
        /// Reading a body (or a chunked body's trailers).
        case body
        /// After an error.
        case failed
    }

    enum State: Sendable {
        case requestLine
        case headers(RequestLine)
        case bodyDecision(HTTPRequestHead.Framing)
        case fixedBody(remaining: Int64)
        case chunkSize
        case chunkData(remaining: Int64)
        case chunkDataEnd
        case trailers
        case endOfRequest
        case failed(HTTPParseError)
    }

    /// The parts of a request line, kept while its headers arrive.
    struct RequestLine: Sendable {
        var method: HTTPMethod
        var rawTarget: String
        var target: HTTPRequestTarget
        var minorVersion: Int
    }

    let limits: HTTPLimits
    var state: State = .requestLine
    /// Received bytes; those before `readIndex` are consumed.
    private(set) var buffer: [UInt8] = []
    var readIndex = 0
    /// Where the search for the next LF resumes, so dripped bytes are scanned once.
    var scanIndex = 0
    /// Bytes of empty lines skipped before a request line (RFC 9112 §2.2), bounded.
    var skippedBytes = 0
    var headers = HTTPHeaders()
    var sectionBytes = 0
    var sectionCount = 0
    var bodyLimit: Int64 = 0
    var bodyReceived: Int64 = 0

    /// A parser enforcing `limits`.
    init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Bytes received and not yet consumed.
    var bufferedByteCount: Int { buffer.count - readIndex }

    /// Where the parser is, for deadlines.
    var phase: Phase {
        switch state {
        case .requestLine: return bufferedByteCount == 0 && skippedBytes == 0 ? .idle : .head
        case .headers: return .head
        case .bodyDecision: return .bodyDecision
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers, .endOfRequest: return .body
        case .failed: return .failed
        }
    }

    /// Appends received bytes to the buffer.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes to the buffer.
    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes once they are the larger part of the buffer.
    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else if readIndex >= 4096 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }

    /// Decides the body of the request whose head was just returned: at most `maxBytes` are
    /// accepted. Returns `.bodyTooLarge` at once when a Content-Length already exceeds it.
    mutating func beginBody(maxBytes: Int64) -> HTTPParseError? {
        guard case .bodyDecision(let framing) = state else { return nil }
        bodyLimit = maxBytes
        bodyReceived = 0
        switch framing {
        case .none: state = .endOfRequest
        case .length(let length):
            if length > maxBytes { return fail(.bodyTooLarge) }
            state = .fixedBody(remaining: length)
        case .chunked: state = .chunkSize
        }
        return nil
    }

    /// Fails for good with `error`, and returns it.
    @discardableResult
    mutating func fail(_ error: HTTPParseError) -> HTTPParseError {
        state = .failed(error)
        return error
    }

    /// The next event from the buffered bytes.
    mutating func next() -> Event {
        switch state {
        case .failed(let error): return .error(error)
        case .requestLine, .headers: return readHead()
        case .bodyDecision(let framing):
            if framing == .none {
                state = .endOfRequest
                return next()
            }
            // The caller must decide first; reading on would treat the body as a request.
            return .needMore
        case .endOfRequest:
            resetForNextRequest()
            return .end
        case .fixedBody(let remaining):
            let available = Int64(bufferedByteCount)
            if available == 0 { return .needMore }
            let take = Int(min(available, remaining))
            let slice = buffer[readIndex..<(readIndex + take)]
            readIndex += take
            scanIndex = max(scanIndex, readIndex)
            state = remaining == Int64(take) ? .endOfRequest : .fixedBody(remaining: remaining - Int64(take))
            return .body(slice)
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            return readChunked()
        }
    }

    private mutating func resetForNextRequest() {
        state = .requestLine
        headers = HTTPHeaders()
        sectionBytes = 0
        sectionCount = 0
        skippedBytes = 0
    }

    // MARK: - Lines

    /// The result of looking for the next CRLF-terminated line.
    enum LineResult {
        case line(Range<Int>)
        case incomplete
        case error(HTTPParseError)
    }

    /// The next line (without its CRLF) if the buffer holds all of it. `limit` bounds the
    /// line with its CRLF; past it, `tooLong` is the error.
    mutating func readLine(limit: Int, tooLong: HTTPParseError) -> LineResult {
        let start = readIndex
        let end = buffer.count
        var lf = -1
        buffer.withUnsafeBufferPointer { p in
            var i = scanIndex
            while i < end {
                if p[i] == HTTPBytes.lf {
                    lf = i
                    break
                }
                i += 1
            }
        }
        if lf < 0 {
            scanIndex = end
            return end - start > limit ? .error(tooLong) : .incomplete
        }
        if lf + 1 - start > limit { return .error(tooLong) }
        guard lf > start, buffer[lf - 1] == HTTPBytes.cr else { return .error(.bareLineFeed) }
        let line = start..<(lf - 1)
        if buffer[line].contains(HTTPBytes.cr) { return .error(.bareCarriageReturn) }
        readIndex = lf + 1
        scanIndex = readIndex
        return .line(line)
    }

    /// The bytes of `range` in the buffer.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { buffer[range] }
}
