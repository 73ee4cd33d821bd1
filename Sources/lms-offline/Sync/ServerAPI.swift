import Foundation
import LMSModel

/// The server's teaching API for the active profile's account (docs/API.md): the commands that
/// teachers run (gradebook, grade, report) and a student's certificate. Needs a login.
struct ServerAPI {
    let http: SyncHTTP
    let account: SyncAccount

    /// The active profile's server and token.
    static func connect(_ context: ClientContext, _ args: Arguments) throws -> ServerAPI {
        let profile = try context.activeProfile(args)
        guard let account = try SyncAccountStore(queue: context.queue).account(of: profile.id), let token = account.token else {
            throw ClientError(.notLoggedIn, profile.name)
        }
        return ServerAPI(http: SyncHTTP(server: account.server, token: token), account: account)
    }

    /// One path segment, percent-encoded.
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A query value, percent-encoded.
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `/api/v1/courses/COURSE` + `rest`.
    static func course(_ id: String, _ rest: String) -> String { "/api/v1/courses/\(segment(id))\(rest)" }

    func json(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue { try http.json(method, path, body) }

    /// A text answer (CSV) up to `maxBytes`.
    func text(_ path: String, maxBytes: Int = ClientGradingLimits.maxCSVBytes) throws -> Data {
        try http.send("GET", path, maxBytes: maxBytes).body
    }
}

/// The limits of the teaching commands.
enum ClientGradingLimits {
    /// The largest CSV or file accepted from the server (a gradebook of 1,000 students × 50 items is about 400 KB).
    static let maxCSVBytes = 64 << 20
    /// The widest terminal bar chart, in cells.
    static let barCells = 30
}
