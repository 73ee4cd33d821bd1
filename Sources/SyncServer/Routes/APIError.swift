import Foundation
import LMSModel

/// An error answered as `{"error": {"code", "message"}}` with its HTTP status. The message says
/// what to do; it never holds a secret.
struct APIError: Error, CustomStringConvertible, Sendable {
    /// The HTTP status.
    var status: Int
    /// A stable machine-readable code (`not_found`, `invalid_json`, ...).
    var code: String
    /// What went wrong and what to do.
    var message: String
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    var headers: [(String, String)] = []

    var description: String { "\(status) \(code): \(message)" }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: 400, code: code, message: message)
    }
    static func unauthorized(
        _ message: String = "log in first: POST /api/v1/auth/login, then send Authorization: Bearer TOKEN"
    ) -> APIError {
        APIError(status: 401, code: "unauthorized", message: message, headers: [("WWW-Authenticate", "Bearer")])
    }
    static func forbidden(_ message: String) -> APIError { APIError(status: 403, code: "forbidden", message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: 404, code: "not_found", message: message) }
    static func conflict(_ message: String) -> APIError { APIError(status: 409, code: "conflict", message: message) }
    static func tooLarge(_ message: String) -> APIError { APIError(status: 413, code: "too_large", message: message) }
    static func unprocessable(_ message: String, code: String = "invalid") -> APIError {
        APIError(status: 422, code: code, message: message)
    }
    static func tooManyRequests(retryAfter seconds: Int) -> APIError {
        APIError(
            status: 429, code: "too_many_attempts",
            message: "too many failed logins; wait \(seconds) seconds and try again",
            headers: [("Retry-After", String(seconds))])
    }
    /// 507 (RFC 4918 §11.5): the disk is full or the quota spent; nothing of the request was kept.
    static func insufficientStorage() -> APIError {
        APIError(
            status: 507, code: "disk_full",
            message: "the server's disk is full: nothing was kept; try again once its admin has made room")
    }
    static func internalError(_ message: String) -> APIError {
        APIError(status: 500, code: "internal", message: message)
    }

    /// The response.
    var response: HTTPResponse {
        let body = JSONOut.obj([("error", JSONOut.obj([("code", JSONOut.s(code)), ("message", JSONOut.s(message))]))])
        var response = HTTPResponse.json(status, Data(JSONWriter.write(body).utf8))
        for (name, value) in headers { response.headers[name] = value }
        return response
    }
}
