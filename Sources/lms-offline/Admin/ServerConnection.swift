import Foundation
import LMSModel

/// The logged-in account of the active profile, for the teaching and admin commands that talk to
/// the server's API (publish, roster, admin, gradebook, grade, report, certificate). Errors become
/// messages for people (`AdminError`). Not thread-safe.
struct ServerConnection {
    /// The active profile's account.
    let account: SyncAccount
    /// HTTP with its token.
    let http: SyncHTTP

    /// The connection of the active profile; a clear error when it is not logged in.
    static func open(_ args: Arguments, _ console: Console) throws -> (ClientContext, ServerConnection) {
        let context = try ClientContext(args, console: console)
        return (context, try connect(context, args))
    }

    /// The connection of the active profile of `context`.
    static func connect(_ context: ClientContext, _ args: Arguments) throws -> ServerConnection {
        let profile = try context.activeProfile(args)
        guard let account = try SyncAccountStore(queue: context.queue).account(of: profile.id),
            let token = account.token
        else {
            throw ClientError(.notLoggedIn, profile.name)
        }
        return ServerConnection(account: account, http: SyncHTTP(server: account.server, token: token))
    }

    /// A JSON exchange whose errors become messages for people: 401 says log in again, others carry
    /// the server's message (which says what to do).
    func json(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
        do {
            return try explained { try http.json(method, path, body) }
        } catch var error as AdminError {
            error.subject = Self.subject(of: path)
            throw error
        }
    }

    /// Sends raw bytes (CSV) and parses a JSON answer.
    func send(_ method: String, _ path: String, contentType: String, body: Data) throws -> JSONValue {
        try explained { Self.parsed(try http.send(method, path, headers: ["Content-Type": contentType], body: body)) }
    }

    /// Uploads a file (streamed from disk) and parses a JSON answer.
    func upload(_ method: String, _ path: String, file: String, contentType: String, headers: [String: String] = [:])
        throws -> JSONValue
    {
        try explained {
            Self.parsed(
                try http.upload(
                    method, path, file: file, headers: headers.merging(["Content-Type": contentType]) { $1 }))
        }
    }

    /// A text answer (CSV) up to `maxBytes`.
    func text(_ path: String, maxBytes: Int = ClientLimits.maxCSVBytes) throws -> Data {
        try explained { try http.send("GET", path, maxBytes: maxBytes).body }
    }

    /// Runs an exchange, turning its `SyncError` into an `AdminError` (a message for people).
    private func explained<T>(_ exchange: () throws -> T) throws -> T {
        do { return try exchange() } catch let error as SyncError { throw AdminError(error, server: account.server) }
    }

    /// The user a path names (`/users/bob/…`, `/enrollments/bob`), for messages about a missing one.
    static func subject(of path: String) -> String? {
        let segments = path.split(separator: "?").first?.split(separator: "/").map(String.init) ?? []
        guard let at = segments.lastIndex(where: { $0 == "users" || $0 == "enrollments" }), at + 1 < segments.count
        else { return nil }
        return segments[at + 1].removingPercentEncoding
    }

    /// An answer's body as JSON (null when empty or not JSON).
    private static func parsed(_ answer: HTTPAnswer) -> JSONValue {
        answer.body.isEmpty
            ? JSONValue(.null) : ((try? JSONParser.parse(bytes: [UInt8](answer.body))) ?? JSONValue(.null))
    }

    /// Text for a path segment or a query value: every byte but RFC 3986's unreserved ASCII
    /// (letters, digits, `-._~`) percent-encoded. The one encoder of the client's requests.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `/api/v1/courses/COURSE` + `rest`.
    static func course(_ id: String, _ rest: String) -> String { "/api/v1/courses/\(escape(id))\(rest)" }
}

/// A failed server exchange for a teacher or an admin: the status, and the server's message.
struct AdminError: Error, CustomStringConvertible {
    let underlying: SyncError
    let server: String
    /// A hint added by the command (e.g. how to raise a version).
    var hint: String?
    /// What the request was about (a username), named when the server says it does not exist.
    var subject: String?

    init(_ underlying: SyncError, server: String, hint: String? = nil) {
        self.underlying = underlying
        self.server = server
        self.hint = hint
    }

    /// The HTTP status, when the server answered.
    var status: Int? {
        if case .server(let status, _, _) = underlying.kind { return status }
        return underlying.kind == .unauthorized ? 401 : nil
    }

    var description: String {
        var text: String
        switch underlying.kind {
        case .server(let status, _, let message):
            // People read what went wrong, not HTTP codes; a missing thing is named.
            if status == 403 {
                text = Messages.t(.forbidden, message)
            } else if status == 404, let subject, !message.contains(subject) {
                text = "\(message) \"\(subject)\""
            } else {
                text = message
            }
        case .unauthorized: text = Messages.t(.loginAgain, server)
        default: text = underlying.description
        }
        if let hint { text += "\n" + hint }
        return text
    }
}
