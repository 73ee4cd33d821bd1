import Foundation
import Testing
@testable import SyncServer

/// The route table (`ServerApp.routes`) and docs/API.md list the same routes: a route added to
/// one and not the other fails here.
@Suite struct RouteTableTests {
    /// `METHOD /path` of each `### \`METHOD /path[?query]…\`` heading of docs/API.md.
    static func documentedRoutes() throws -> Set<String> {
        let text = try String(contentsOfFile: SamplePackages.root + "/docs/API.md", encoding: .utf8)
        var routes: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("### `") {
            let heading = line.dropFirst("### `".count).prefix { $0 != "`" }
            let parts = heading.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, HTTPMethod(rawValue: String(parts[0])) != nil else { continue }
            let path = parts[1].prefix { $0 != "[" && $0 != "?" && $0 != " " }
            routes.insert("\(parts[0]) \(path)")
        }
        return routes
    }

    @Test func everyRoute_IsInAPIDocs_AndEveryDocumentedRouteExists() throws {
        let documented = try Self.documentedRoutes()
        let served = Set(ServerApp.routes.map(\.label))
        #expect(served.subtracting(documented).sorted() == [], "routes missing from docs/API.md")
        #expect(documented.subtracting(served).sorted() == [], "routes in docs/API.md that the server does not serve")
        #expect(served.count == ServerApp.routes.count, "a route is listed twice")
    }

    @Test func everyDocumentedRoute_StatesItsAnswer() throws {
        let text = try String(contentsOfFile: SamplePackages.root + "/docs/API.md", encoding: .utf8)
        var missing: [String] = []
        var heading: String?
        var answered = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### `") || line.hasPrefix("## ") {
                if let heading, !answered { missing.append(heading) }
                heading = line.hasPrefix("### `") ? String(line) : nil
                answered = false
            } else if line.contains("→") {
                answered = true
            }
        }
        if let heading, !answered { missing.append(heading) }
        #expect(missing == [], "routes of docs/API.md without an answer (→ STATUS body)")
    }

    @Test func theManifestRoute_IsDocumented() throws {
        #expect(try Self.documentedRoutes().contains("GET /api/v1/courses/{id}/versions/{version}/manifest"))
    }
}
