import Foundation
import LMSModel

/// A JSON request body read strictly: it must be an object, every key must be known, and every
/// value must have the right type; anything else is a 400 that names the field.
struct JSONBody {
    /// The largest JSON body any route accepts.
    static let maxBytes = 1 << 20
    /// The largest JSON body a route open to anyone (login, reset) accepts: 4 KiB, room for a
    /// username, a reset code and a password of `Passwords.maximumLength`; a larger one is 413 before
    /// it is read, so anonymous callers cannot make the server hold megabytes.
    static let maxAnonymousBytes = 4 * 1024
    /// Values one JSON body may hold: 50,000 (a roster of thousands of names; about 3 MB decoded).
    static let maxValues = 50_000
    /// Nesting of a JSON body: 16 levels, more than any route's body has.
    static let maxDepth = 16

    let object: JSONValue

    /// Parses `request`'s body, allowing only `keys`.
    init(_ request: HTTPRequest, allowing keys: Set<String>) throws {
        guard case .data(let data) = request.body, !data.isEmpty else {
            throw APIError.badRequest("send a JSON object as the request body", code: "invalid_json")
        }
        do {
            object = try JSONParser.parse(bytes: [UInt8](data), maxValues: Self.maxValues, maxDepth: Self.maxDepth)
        } catch {
            throw APIError.badRequest("the body is not valid JSON (\(error))", code: "invalid_json")
        }
        guard let members = object.objectMembers else {
            throw APIError.badRequest("the body must be a JSON object", code: "invalid_json")
        }
        for member in members where !keys.contains(member.key) {
            throw APIError.badRequest(
                "unknown field \"\(member.key)\" (known: \(keys.sorted().joined(separator: ", ")))",
                code: "unknown_field")
        }
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = object[key], !value.isNull else {
            if required { throw APIError.badRequest("\"\(key)\" is required", code: "missing_field") }
            return nil
        }
        guard let s = value.stringValue else {
            throw APIError.badRequest("\"\(key)\" must be a string", code: "wrong_type")
        }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let b = value.boolValue else {
            throw APIError.badRequest("\"\(key)\" must be true or false", code: "wrong_type")
        }
        return b
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw APIError.badRequest("\"\(key)\" must be a list of strings", code: "wrong_type")
        }
        return items.compactMap(\.stringValue)
    }
}
