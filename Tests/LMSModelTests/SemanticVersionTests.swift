import Testing
@testable import LMSModel

struct SemanticVersionTests {
    @Test(arguments: ["1.2.0", "0.0.1", "10.20.30", "1.0.0-beta.2", "1.0.0+build.5", "1.0.0-rc.1+exp.sha"])
    func valid_RoundTrips(_ text: String) throws {
        let version = try #require(SemanticVersion(text))
        #expect(version.description == text)
    }

    @Test(arguments: ["two", "1.2", "1.2.3.4", "01.2.3", "1.2.3-", "1.2.3-01", "-1.2.3", "1..3", "", "1.2.3-a..b"])
    func invalid_IsRefused(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func ordering_FollowsSemVerPrecedence() throws {
        let chain = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "2.0.0"
        ]
        let versions = try chain.map { try #require(SemanticVersion($0)) }
        for (a, b) in zip(versions, versions.dropFirst()) { #expect(a < b, "\(a) < \(b)") }
        #expect(SemanticVersion("1.0.0+a") == SemanticVersion("1.0.0+b"))
    }
}
