import Foundation
import LMSModel

/// Who may call a route. Course rules read the `{id}` path parameter.
enum Access: String, Sendable, CaseIterable {
    /// No token needed.
    case anyone
    /// Any logged-in user.
    case user
    /// A teacher or an admin.
    case teacher
    /// An admin.
    case admin
    /// An admin, or a teacher of course `{id}` (owner or co-teacher).
    case courseStaff
    /// An admin, or the owner of course `{id}`.
    case courseOwner
    /// Course `{id}`'s staff, or a student actively enrolled in it.
    case courseMember
    /// An admin, or a teacher of a course in which the student `{username}` is actively enrolled.
    case studentsTeacher
    /// A teacher or an admin; when the uploaded package's course exists, its staff or an admin
    /// (checked by `authorize(.courseStaff, …)` once the package names the course).
    case publisher
}

/// What body a route takes.
enum BodyKind: Sendable {
    /// None: any body is refused (413).
    case none
    /// A JSON object up to `JSONBody.maxBytes`.
    case json
    /// CSV text up to `ServerLimits.maxCSVBytes`.
    case csv
    /// A course package, streamed to a temp file up to `ServerLimits.maxPackageBytes`.
    case package
    /// A sync frame (gzip'd or not), up to `SyncLimits.maxPushBodyBytes`.
    case frame
    /// A submitted file, streamed to a temp file up to `SyncLimits.maxFileBytes`.
    case file
}

/// The user behind a request's bearer token.
struct AuthUser: Sendable {
    var user: User
    var tokenHash: [UInt8]
}

/// What a handler gets.
struct RequestContext: Sendable {
    var request: HTTPRequest
    var parameters: [String: String]
    var auth: AuthUser?
    var app: ServerApp

    /// The logged-in user (the router has checked there is one when the route needs it).
    var user: User {
        get throws {
            guard let auth else { throw APIError.unauthorized() }
            return auth.user
        }
    }

    /// A path parameter.
    func parameter(_ name: String) -> String { parameters[name] ?? "" }
}

/// One route: method, path pattern (`{name}` matches one segment), who may call it, its body,
/// and its handler.
struct Route: Sendable {
    var method: HTTPMethod
    var pattern: String
    var access: Access
    var body: BodyKind
    var summary: String
    var handler: @Sendable (RequestContext) throws -> HTTPResponse

    /// The pattern's segments.
    var segments: [String] { pattern.split(separator: "/").map(String.init) }

    /// The parameters when `path` matches, else nil.
    func match(_ pathSegments: [String]) -> [String: String]? {
        let mine = segments
        guard mine.count == pathSegments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, actual) in zip(mine, pathSegments) {
            if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                parameters[String(pattern.dropFirst().dropLast())] = actual
            } else if pattern != actual {
                return nil
            }
        }
        return parameters
    }

    /// The label for metrics and logs: `GET /api/v1/courses/{id}`.
    var label: String { "\(method.rawValue) \(pattern)" }
}
