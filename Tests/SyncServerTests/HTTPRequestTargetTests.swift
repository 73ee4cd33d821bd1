import Testing
@testable import SyncServer

@Suite struct HTTPRequestTargetTests {
    @Test func originForm_IsDecodedIntoPathAndSegments() throws {
        let target = try HTTPRequestTarget.parse("/api/v1/courses/caf%C3%A9%201")
        #expect(target.path == "/api/v1/courses/café 1")
        #expect(target.segments == ["api", "v1", "courses", "café 1"])
    }

    @Test func root_HasNoSegments() throws {
        let target = try HTTPRequestTarget.parse("/")
        #expect(target.path == "/" && target.segments.isEmpty)
    }

    @Test func trailingSlash_IsKeptInPath_NotInSegments() throws {
        let target = try HTTPRequestTarget.parse("/a/b/")
        #expect(target.path == "/a/b/" && target.segments == ["a", "b"])
    }

    @Test func query_IsDecodedSeparately_PlusAsSpace() throws {
        let target = try HTTPRequestTarget.parse("/p+q?name=J%C3%B6+Doe&x=1&x=2&flag&&empty=")
        #expect(target.segments == ["p+q"]) // "+" is a space only in the query
        #expect(target.queryItems.map(\.name) == ["name", "x", "x", "flag", "empty"])
        #expect(target.queryItems.map(\.value) == ["Jö Doe", "1", "2", "", ""])
        #expect(try HTTPRequestTarget.parse("/?a=%2F..%2e").queryItems.first?.value == "/...")
    }

    @Test func absoluteForm_IsReadAsItsPathAndQuery() throws {
        #expect(try HTTPRequestTarget.parse("http://example.com/healthz").path == "/healthz")
        #expect(try HTTPRequestTarget.parse("HTTPS://h:8443/a/b?x=1").segments == ["a", "b"])
        #expect(try HTTPRequestTarget.parse("HTTPS://h:8443/a/b?x=1").queryItems.first?.value == "1")
        #expect(try HTTPRequestTarget.parse("http://[::1]:80").path == "/")
        #expect(try HTTPRequestTarget.parse("http://h?x=2").queryItems.first?.value == "2")
    }

    @Test func asterisk_IsOnlyForOptions() throws {
        #expect(try HTTPRequestTarget.parse("*", method: .options).path == "*")
        #expect(throws: HTTPParseError.self) { try HTTPRequestTarget.parse("*", method: .get) }
    }

    @Test(arguments: [
        "http://user@example.com/a", "http:///a", "ftp://example.com/a", "example.com:443", "a/b", "",
        "http://example.com/a/../b",
        "/a/../b", "/a/./b", "/..", "/.", "/a/..", "/a//b", "//a",
        "/%2e%2e/secret", "/%2E", "/a%2fb", "/a%2Fb", "/a%5cb", "/a%5Cb", "/a%00b", "/a%0ab",
        "/a%", "/a%2", "/a%zz", "/a%+1", "/a%-1",
        "/a\\b", "/a b", "/a\"b", "/a<b>", "/a#frag", "/a^b", "/a|b", "/a{b}", "/a`b",
        "/caf\u{E9}", "/a?q=\u{E9}", "/a?q=%00", "/a?q=%zz", "/a?q=%C3", "/%C3%28"
    ])
    func hostileTarget_IsRefused(raw: String) {
        #expect(throws: HTTPParseError.self) { try HTTPRequestTarget.parse(raw) }
    }

    @Test func refusals_Are400() {
        do {
            _ = try HTTPRequestTarget.parse("/a/../b")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.status == 400)
        }
    }
}
