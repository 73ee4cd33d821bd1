import Foundation
import LMSModel

/// The server's one way to build JSON: values of LMSModel's `JSONValue` made with these
/// shorthands for LMSModel's one builder (`JSONValue.str`, `num`, `flag`, `opt`, `obj`, `list`,
/// `date`, which the client uses too), for API answers, change payloads, exports and backups,
/// written by `JSONWriter` (`response`). Pull pages and attempt results stream the same values as `WireCodec` frames
/// (docs/PROTOCOL.md), and the request log writes its line with `JSONWriter` too; nothing
/// builds JSON text by hand.
enum JSONOut {
    /// `null`.
    static let null = JSONValue(.null)
    /// A string.
    static func s(_ text: String) -> JSONValue { .str(text) }
    /// A number.
    static func n(_ number: Double) -> JSONValue { .num(number) }
    /// A whole number (exact up to 2^53).
    static func n(_ number: Int64) -> JSONValue { .num(Double(number)) }
    /// `true` or `false`.
    static func b(_ value: Bool) -> JSONValue { .flag(value) }
    /// A string, or `null`.
    static func opt(_ text: String?) -> JSONValue { .opt(text) }
    /// An object with its members in the order given.
    static func obj(_ members: [(String, JSONValue)]) -> JSONValue { .obj(members) }
    /// An object with its members in key order (from a dictionary, whose order is not stable).
    static func obj(sorted members: [String: JSONValue]) -> JSONValue {
        .obj(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
    /// An array.
    static func arr(_ items: [JSONValue]) -> JSONValue { .list(items) }

    /// ISO 8601 text of a millisecond time.
    static func time(_ ms: Int64?) -> JSONValue {
        .date(ms.map { Date(timeIntervalSince1970: Double($0) / 1000) })
    }

    /// A response with a JSON body.
    static func response(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        .json(status, Data(JSONWriter.write(value).utf8))
    }
}
