import Testing
@testable import SyncServer

@Suite struct HTTPRequestParserTests {
    @Test func simpleGet_ParsesMethodTargetHeaders() throws {
        let outcome = parse([crlf("GET /api/v1/courses?x=1 HTTP/1.1\nHost: example.com\nAccept: */*\n\n")])
        #expect(outcome.error == nil)
        let head = try #require(outcome.requests.first).head
        #expect(head.method == .get)
        #expect(head.rawTarget == "/api/v1/courses?x=1")
        #expect(head.target.segments == ["api", "v1", "courses"])
        #expect(head.headers["accept"] == "*/*")
        #expect(head.keepAlive)
        #expect(head.framing == .none)
    }

    @Test func contentLengthBody_IsDelivered() throws {
        let outcome = parse([crlf("POST /a HTTP/1.1\nHost: a\nContent-Length: 5\n\n") + Array("hello".utf8)])
        #expect(try #require(outcome.requests.first).body == Array("hello".utf8))
    }

    @Test func chunkedBody_WithExtensionsAndTrailers_IsDecoded() throws {
        let text =
            "POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n"
            + "5;ilovew3;somuchlove=aretheseparametersfor;another=withvalue\nhello\n"
            + "6;q=\"a \\\"quoted\\\" ;value\"\n world\n0\nVary: *\nContent-Type: text/plain\n\n"
        let outcome = parse([crlf(text)])
        #expect(outcome.error == nil)
        #expect(try #require(outcome.requests.first).body == Array("hello world".utf8))
    }

    @Test(arguments: [
        ("5 ;ext\nhello\n0\n\n", true), // BWS before ";" is allowed (RFC 9112 §7.1.1)
        ("5\nhello\n000\n\n", true), // last-chunk with leading zeros
        ("A\n0123456789\n0\n\n", true), // uppercase hex
        ("5 \nhello\n0\n\n", false), // trailing space without extension
        ("5;\nhello\n0\n\n", false), // ";" without a name
        ("5;a=\"open\nhello\n0\n\n", false), // unbalanced quote
        ("2 erfrferferf\naa\n0\n\n", false), // no ";" before extension
        ("5\nhelloXX0\n\n", false), // data not followed by CRLF
        ("g\nhello\n0\n\n", false), // not hex
        ("-5\nhello\n0\n\n", false), // sign
        ("1000000000000000\nx\n0\n\n", false) // 16 hex digits: overflow refused
    ])
    func chunkSizeLine_FollowsGrammar(body: String, accepted: Bool) {
        let outcome = parse(
            [crlf("POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n" + body)], maxBody: Int64.max)
        if accepted {
            #expect(outcome.error == nil && outcome.requests.count == 1)
        } else {
            #expect(outcome.error == .invalidChunk)
        }
    }

    @Test func chunkedBody_PastLimit_Is413() {
        let outcome = parse(
            [crlf("POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n5\nhello\n6\n world\n0\n\n")], maxBody: 8)
        #expect(outcome.error == .bodyTooLarge)
        #expect(outcome.error?.status == 413)
    }

    @Test func trailers_PastLimits_Are431() {
        var limits = HTTPLimits()
        limits.maxTrailerCount = 2
        let text = "POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n0\nA: 1\nB: 2\nC: 3\n\n"
        #expect(parse([crlf(text)], limits: limits).error == .trailersTooLarge)
        limits.maxTrailerBytes = 10
        limits.maxTrailerCount = 20
        let long = "POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n0\nA: 1234567890\n\n"
        #expect(parse([crlf(long)], limits: limits).error?.status == 431)
    }

    // MARK: - Request smuggling: 400 and close (RFC 9112 §6, §5; RFC 9110 §8.6)

    @Test(arguments: [
        ("Content-Length: 5\nTransfer-Encoding: chunked", HTTPParseError.contentLengthWithTransferEncoding),
        ("Transfer-Encoding: chunked\nContent-Length: 5", .contentLengthWithTransferEncoding),
        ("Content-Length: +5", .invalidContentLength),
        ("Content-Length: -0", .invalidContentLength),
        ("Content-Length: 1,2", .invalidContentLength),
        ("Content-Length: 5, 5", .invalidContentLength),
        ("Content-Length: 4 2", .invalidContentLength),
        ("Content-Length: 0x5", .invalidContentLength),
        ("Content-Length:", .invalidContentLength),
        ("Content-Length: 1000000000000000000000", .invalidContentLength),
        ("Content-Length: 5\nContent-Length: 5", .invalidContentLength),
        ("Content-Length: 5\nContent-Length: 6", .invalidContentLength),
        ("Transfer-Encoding: identity", .unsupportedTransferEncoding),
        ("Transfer-Encoding: gzip, chunked", .unsupportedTransferEncoding),
        ("Transfer-Encoding: chunked, gzip", .unsupportedTransferEncoding),
        ("Transfer-Encoding: chunkedchunked", .unsupportedTransferEncoding),
        ("Transfer-Encoding: chunked\nTransfer-Encoding: chunked", .unsupportedTransferEncoding),
        ("Transfer-Encoding:", .unsupportedTransferEncoding),
        ("Content-Length : 5", .whitespaceBeforeColon),
        ("Content-Length\t: 5", .whitespaceBeforeColon),
        ("X-A: b\n Content-Length: 5", .obsoleteLineFolding),
        ("X-A: b\n\tcontinued", .obsoleteLineFolding),
        ("X-A: a\u{0}b", .invalidHeaderValue),
        ("X-A: a\u{1}b", .invalidHeaderValue),
        ("X-A: a\u{7F}b", .invalidHeaderValue),
        ("X@A: b", .invalidHeaderName),
        (": b", .invalidHeaderName),
        ("NoColon", .invalidHeaderName),
        ("Host: b", .invalidHost),
        ("Expect: something-else", .unsupportedExpectation)
    ])
    func smugglingVector_IsRefused(fields: String, expected: HTTPParseError) {
        let outcome = parse([crlf("POST /a HTTP/1.1\nHost: a\n\(fields)\n\n") + Array("hello".utf8)])
        #expect(outcome.error == expected)
        #expect(outcome.requests.isEmpty)
    }

    @Test func bareLF_IsRefused() {
        #expect(parse([Array("GET / HTTP/1.1\nHost: a\n\n".utf8)]).error == .bareLineFeed)
        #expect(parse([Array("GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n".utf8)]).error == .bareLineFeed)
    }

    @Test func bareCR_IsRefused() {
        #expect(parse([Array("GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n".utf8)]).error == .bareCarriageReturn)
    }

    @Test func missingHost_InHTTP11_IsRefused_ButAllowedIn10() {
        #expect(parse([crlf("GET / HTTP/1.1\n\n")]).error == .invalidHost)
        #expect(parse([crlf("GET / HTTP/1.0\n\n")]).requests.count == 1)
        #expect(parse([crlf("GET / HTTP/1.1\nHost: a/b\n\n")]).error == .invalidHost)
    }

    @Test func transferEncodingInHTTP10_IsRefused() {
        #expect(
            parse([crlf("POST / HTTP/1.0\nTransfer-Encoding: chunked\n\n0\n\n")]).error == .unsupportedTransferEncoding)
    }

    @Test(arguments: [
        ("GET / HTTP/2.0", 505), ("GET / HTTP/0.9", 505),
        ("GET / HTTP/1.1x", 400), ("GET / http/1.1", 400), ("GET / ICE/1.0", 400), ("GET /  HTTP/1.1", 400),
        ("GET  / HTTP/1.1", 400), ("GET /", 400), ("/ HTTP/1.1", 400),
        ("PROPFIND / HTTP/1.1", 501), ("get / HTTP/1.1", 501), ("CONNECT a:443 HTTP/1.1", 501),
        ("G(T / HTTP/1.1", 400)
    ])
    func requestLine_MapsToStatus(line: String, status: Int) {
        #expect(parse([crlf("\(line)\nHost: a\n\n")]).error?.status == status)
    }

    @Test func aLaterMinorVersionOfHTTP1_IsHandledAsHTTP11() {
        let parsed = parse([crlf("GET / HTTP/1.2\nHost: a\n\n")])
        #expect(parsed.error == nil && parsed.requests.count == 1)
        #expect(parse([crlf("GET / HTTP/1.9\n\n")]).error == .invalidHost, "1.9 is 1.1: Host is required")
    }

    @Test func emptyLinesBeforeRequestLine_AreIgnored() {
        #expect(parse([crlf("\n\nGET / HTTP/1.1\nHost: a\n\n")]).requests.count == 1)
    }

    // MARK: - Limits

    @Test func longRequestLine_Is414() {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = 64
        let target = "/" + String(repeating: "a", count: 100)
        #expect(parse([crlf("GET \(target) HTTP/1.1\nHost: a\n\n")], limits: limits).error == .requestLineTooLong)
        // Without its line end yet, too: the parser does not wait for the end of an endless line.
        #expect(parse([Array("GET \(target)".utf8)], limits: limits).error?.status == 414)
    }

    @Test func largeHeaderSection_Is431() {
        var limits = HTTPLimits()
        limits.maxHeaderBytes = 100
        let outcome = parse(
            [crlf("GET / HTTP/1.1\nHost: a\nX-Big: \(String(repeating: "b", count: 200))\n\n")], limits: limits)
        #expect(outcome.error == .headerSectionTooLarge)
        #expect(
            parse([Array("GET / HTTP/1.1\r\nX: \(String(repeating: "b", count: 200))".utf8)], limits: limits).error?
                .status == 431)
    }

    @Test func manyHeaders_Are431() {
        var limits = HTTPLimits()
        limits.maxHeaderCount = 10
        let fields = (0..<11).map { "X-\($0): v\n" }.joined()
        #expect(parse([crlf("GET / HTTP/1.1\nHost: a\n\(fields)\n")], limits: limits).error == .tooManyHeaders)
    }

    @Test func contentLengthPastLimit_Is413_BeforeTheBody() {
        #expect(parse([crlf("POST / HTTP/1.1\nHost: a\nContent-Length: 100\n\n")], maxBody: 10).error == .bodyTooLarge)
    }

    // MARK: - Keep-alive and pipelining

    @Test func connectionTokens_DecideKeepAlive() throws {
        #expect(
            try #require(parse([crlf("GET / HTTP/1.1\nHost: a\nConnection: close\n\n")]).requests.first).head.keepAlive
                == false)
        #expect(try #require(parse([crlf("GET / HTTP/1.0\n\n")]).requests.first).head.keepAlive == false)
        #expect(try #require(parse([crlf("GET / HTTP/1.0\nConnection: Keep-Alive\n\n")]).requests.first).head.keepAlive)
        #expect(
            try #require(parse([crlf("GET / HTTP/1.1\nHost: a\nConnection: keep-alive, Upgrade\n\n")]).requests.first)
                .head.keepAlive)
    }

    @Test func expectContinue_IsReported_OnlyForHTTP11() throws {
        let head = try #require(
            parse([crlf("POST / HTTP/1.1\nHost: a\nExpect: 100-Continue\nContent-Length: 1\n\nx")]).requests.first
        ).head
        #expect(head.expectsContinue)
        let old = try #require(
            parse([crlf("POST / HTTP/1.0\nExpect: 100-continue\nContent-Length: 1\n\nx")]).requests.first
        ).head
        #expect(!old.expectsContinue)
    }

    static let pipelined = crlf(
        "GET /one HTTP/1.1\nHost: a\n\n"
            + "POST /two HTTP/1.1\nHost: a\nContent-Length: 3\n\nabc"
            + "PUT /three HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n2;x=y\nde\n1\nf\n0\nT: 1\n\n"
            + "DELETE /four HTTP/1.1\nHost: a\nConnection: close\n\n")

    @Test func pipelinedRequests_SplitAtEveryByte_ParseIdentically() {
        let bytes = Self.pipelined
        for split in 0...bytes.count {
            let outcome = parse([Array(bytes[0..<split]), Array(bytes[split...])])
            #expect(outcome.error == nil, "split at \(split)")
            #expect(
                outcome.requests.map(\.head.target.path) == ["/one", "/two", "/three", "/four"], "split at \(split)")
            #expect(
                outcome.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["", "abc", "def", ""],
                "split at \(split)")
        }
    }

    @Test func pipelinedRequests_FedOneByteAtATime_ParseIdentically() {
        let outcome = parse(Self.pipelined.map { [$0] })
        #expect(outcome.requests.map(\.head.method) == [.get, .post, .put, .delete])
    }

    @Test func errorsAreFinal_NothingAfterIsParsed() {
        var parser = HTTPRequestParser()
        parser.append(contentsOf: crlf("GET / HTTP/1.1\nHost: a\nContent-Length: x\n\nGET / HTTP/1.1\nHost: a\n\n"))
        guard case .error = parser.next() else {
            Issue.record("expected an error")
            return
        }
        guard case .error = parser.next() else {
            Issue.record("expected the error again")
            return
        }
        #expect(parser.phase == .failed)
    }
}
