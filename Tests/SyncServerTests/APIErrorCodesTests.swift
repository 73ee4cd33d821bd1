import Foundation
import Testing
@testable import SyncServer

/// Every error `code` the server makes (`APIError` and the routes) is in docs/API.md's table of
/// error codes with the same status, and every code of the table is still made: a code added to
/// one and not the other fails here, as `RouteTableTests` does for routes.
@Suite struct APIErrorCodesTests {
    /// The capture groups of each match of `pattern` in `text`, with the match's start (UTF-16 offset).
    static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = [])
        throws -> [(start: Int, groups: [String])]
    {
        let regex = try NSRegularExpression(pattern: pattern, options: options)
        let string = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: string.length)).map { match in
            let groups = (0..<match.numberOfRanges).map { i -> String in
                let range = match.range(at: i)
                return range.location == NSNotFound ? "" : string.substring(with: range)
            }
            return (match.range.location, groups)
        }
    }

    /// Code → status of each row `| \`code\` | status | when |` of docs/API.md.
    static func documentedCodes() throws -> [String: Int] {
        let text = try String(contentsOfFile: SamplePackages.root + "/docs/API.md", encoding: .utf8)
        var codes: [String: Int] = [:]
        for match in try matches(#"^\| `([a-z_]+)` \| ([0-9]{3}) \|"#, in: text, options: .anchorsMatchLines) {
            codes[match.groups[1]] = Int(match.groups[2])
        }
        return codes
    }

    /// Code → statuses of each `code: "…"` in Sources/SyncServer, the status read from the call that
    /// makes it: `status: N`, or `badRequest(` (400) or `unprocessable(` (422), the nearest before it.
    static func codesInSources() throws -> [String: Set<Int>] {
        let root = SamplePackages.root + "/Sources/SyncServer"
        var codes: [String: Set<Int>] = [:]
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            let makers = try matches(#"status: ([0-9]{3})|(badRequest)\(|(unprocessable)\("#, in: text)
            for match in try matches(#"code: (?:String = )?"([a-z_]+)""#, in: text) {
                var status = 0
                if let call = makers.last(where: { $0.start < match.start && $0.start > match.start - 600 }) {
                    status = !call.groups[2].isEmpty ? 400 : !call.groups[3].isEmpty ? 422 : Int(call.groups[1]) ?? 0
                }
                codes[match.groups[1], default: []].insert(status)
            }
        }
        return codes
    }

    @Test func everyCodeInTheSources_IsInAPIDocs_WithItsStatus_AndEveryDocumentedCodeIsMade() throws {
        let documented = try Self.documentedCodes()
        let made = try Self.codesInSources()
        #expect(made.count >= 30, "the scan found the codes: \(made.keys.sorted())")
        #expect(Set(made.keys).subtracting(documented.keys).sorted() == [], "codes missing from docs/API.md")
        #expect(
            Set(documented.keys).subtracting(made.keys).sorted() == [],
            "codes in docs/API.md the server no longer makes")
        for (code, statuses) in made.sorted(by: { $0.key < $1.key }) {
            guard let status = documented[code] else { continue }
            #expect(statuses == [status], "\(code): docs/API.md says \(status), the sources make \(statuses.sorted())")
        }
    }

    @Test func theHelpers_AnswerTheStatusesTheTableGives() throws {
        let documented = try Self.documentedCodes()
        for error in [
            APIError.badRequest("x"), .unauthorized(), .forbidden("x"), .notFound("x"), .conflict("x"), .tooLarge("x"),
            .unprocessable("x"), .tooManyRequests(retryAfter: 1), .insufficientStorage(), .internalError("x"),
            .accountErased()
        ] {
            #expect(documented[error.code] == error.status, "\(error.code)")
        }
    }
}
