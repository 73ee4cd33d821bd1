// TEMPORARY: the interface of the HTTP layer (being written on branch http), so that the
// application compiles and its tests run in process. Deleted when that branch is merged.
import Foundation

enum HTTPMethod: String, Sendable { case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE", options = "OPTIONS" }

struct HTTPHeaders: Sendable, Sequence {
    private var pairs: [(String, String)] = []
    init() {}
    init(_ pairs: [(String, String)]) { self.pairs = pairs }
    subscript(name: String) -> String? {
        get { pairs.first { $0.0.lowercased() == name.lowercased() }?.1 }
        set {
            pairs.removeAll { $0.0.lowercased() == name.lowercased() }
            if let newValue { pairs.append((name, newValue)) }
        }
    }
    mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }
    func values(_ name: String) -> [String] { pairs.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
    func makeIterator() -> IndexingIterator<[(String, String)]> { pairs.makeIterator() }
}

enum HTTPRequestBody: Sendable { case none, data(Data), file(path: String, size: Int64) }

struct HTTPRequest: Sendable {
    var method: HTTPMethod
    var target: String
    var path: String
    var pathSegments: [String]
    var query: [String: String]
    var headers: HTTPHeaders
    var body: HTTPRequestBody
    var remoteAddress: String
    var receivedAt: Date
}

enum HTTPResponseBody: Sendable { case none, data(Data), file(path: String, offset: Int64, length: Int64) }

struct HTTPResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: HTTPResponseBody
    var route: String?
    init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .none, route: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.route = route
    }
    static func json(_ status: Int, _ data: Data) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: .data(data))
    }
    static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]), body: .data(Data(text.utf8)))
    }
}

enum BodyPolicy: Sendable { case reject, memory(maxBytes: Int), spool(maxBytes: Int64, directory: String) }
