import Foundation

/// One page of a communication list (docs/API.md "Communication"): `?limit=` items (default
/// `ServerLimits.defaultCommunicationPage`, at most `maxCommunicationPage`) older than the
/// `?before=` cursor, newest first. A cursor is `MILLISECONDS:ID` of the last item of the page
/// before, answered as `next` (null on the last page); the id breaks ties of time.
struct CommunicationPage: Sendable {
    var limit: Int
    /// The time (ms) and id that the page's items come before; nil for the newest page.
    var before: (at: Int64, id: String)?

    /// Reads `limit` and `before` from a request's query.
    init(query: [String: String]) throws {
        limit = ServerLimits.defaultCommunicationPage
        if let text = query["limit"] {
            guard let n = Int(text), (1...ServerLimits.maxCommunicationPage).contains(n) else {
                throw APIError.badRequest("limit must be 1 to \(ServerLimits.maxCommunicationPage)")
            }
            limit = n
        }
        if let text = query["before"] {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let at = Int64(parts[0]), !parts[1].isEmpty, parts[1].utf8.count <= 64 else {
                throw APIError.badRequest("before must be the `next` of the previous page (MILLISECONDS:ID)")
            }
            before = (at, String(parts[1]))
        }
    }

    init(limit: Int = ServerLimits.defaultCommunicationPage, before: (at: Int64, id: String)? = nil) {
        self.limit = limit
        self.before = before
    }

    /// The arguments of the keyset condition `(?b IS NULL OR t < ?b OR (t = ?b AND id < ?i))`.
    var beforeAt: Int64? { before?.at }
    var beforeID: String { before?.id ?? "" }

    /// The cursor of the page after `rows` (fetched with `limit + 1`): the last kept item's, when there are more.
    func next(fetched count: Int, lastAt: Int64?, lastID: String?) -> String? {
        guard count > limit, let lastAt, let lastID else { return nil }
        return "\(lastAt):\(lastID)"
    }
}
