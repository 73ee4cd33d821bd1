import Foundation
import Testing
@testable import SyncServer

@Suite struct HTTPResponseConditionalTests {
    static let tagged = HTTPResponse(
        status: 200, headers: HTTPHeaders([("ETag", "\"v1\""), ("Accept-Ranges", "bytes")]),
        body: .data(Data("0123456789".utf8)))

    @Test(arguments: ["\"v1\"", "W/\"v1\"", "\"x\", \"v1\"", "*", " \"a\" ,W/\"v1\" "])
    func ifNoneMatch_Matching_Gives304WithoutBody(condition: String) {
        let r = Self.tagged.applyingPreconditions(
            method: .get, requestHeaders: HTTPHeaders([("If-None-Match", condition)]))
        #expect(r.status == 304)
        #expect(r.body.count == 0)
        #expect(r.headers["ETag"] == "\"v1\"")
    }

    @Test func ifNoneMatch_Different_GivesFull200() {
        let r = Self.tagged.applyingPreconditions(
            method: .get, requestHeaders: HTTPHeaders([("If-None-Match", "\"v2\"")]))
        #expect(r.status == 200)
    }

    @Test(
        arguments: [
            ("bytes=0-3", 206, "0123", "bytes 0-3/10"), ("bytes=7-", 206, "789", "bytes 7-9/10"),
            ("bytes=-2", 206, "89", "bytes 8-9/10"), ("bytes=5-100", 206, "56789", "bytes 5-9/10"),
            ("bytes=-100", 206, "0123456789", "bytes 0-9/10"), ("BYTES=1-1", 206, "1", "bytes 1-1/10"),
            ("bytes=10-", 416, "", "bytes */10"), ("bytes=-0", 416, "", "bytes */10"),
            ("bytes=0-1,3-4", 200, "0123456789", nil), ("bytes=5-2", 200, "0123456789", nil),
            ("items=0-1", 200, "0123456789", nil), ("bytes=a-b", 200, "0123456789", nil)
        ] as [(String, Int, String, String?)])
    func range_IsAnswered(range: String, status: Int, body: String, contentRange: String?) {
        let r = Self.tagged.applyingPreconditions(method: .get, requestHeaders: HTTPHeaders([("Range", range)]))
        #expect(r.status == status)
        #expect(r.headers["Content-Range"] == contentRange)
        if case .data(let data) = r.body {
            #expect(String(decoding: data, as: UTF8.self) == body)
        } else {
            #expect(body.isEmpty)
        }
    }

    @Test func range_OnFileBody_MovesOffset() {
        let file = HTTPResponse(
            status: 200, headers: HTTPHeaders([("Accept-Ranges", "bytes")]),
            body: .file(path: "/x", offset: 100, length: 50))
        let r = file.applyingPreconditions(method: .get, requestHeaders: HTTPHeaders([("Range", "bytes=10-19")]))
        guard case .file(_, let offset, let length) = r.body else {
            Issue.record("expected a file")
            return
        }
        #expect(offset == 110 && length == 10)
    }

    @Test func ifRange_WithOtherETag_GivesFull200() {
        let headers = HTTPHeaders([("Range", "bytes=0-1"), ("If-Range", "\"v0\"")])
        #expect(Self.tagged.applyingPreconditions(method: .get, requestHeaders: headers).status == 200)
        let same = HTTPHeaders([("Range", "bytes=0-1"), ("If-Range", "\"v1\"")])
        #expect(Self.tagged.applyingPreconditions(method: .get, requestHeaders: same).status == 206)
    }

    @Test func range_WithoutAcceptRanges_OrOnHead_IsIgnored() {
        let plain = HTTPResponse(status: 200, body: .data(Data("abc".utf8)))
        #expect(
            plain.applyingPreconditions(method: .get, requestHeaders: HTTPHeaders([("Range", "bytes=0-1")])).status
                == 200)
        #expect(
            Self.tagged.applyingPreconditions(method: .head, requestHeaders: HTTPHeaders([("Range", "bytes=0-1")]))
                .status == 200)
    }

    @Test func nonSuccess_PassesThrough() {
        var r = Self.tagged
        r.status = 404
        #expect(
            r.applyingPreconditions(method: .get, requestHeaders: HTTPHeaders([("If-None-Match", "*")])).status == 404)
    }
}
