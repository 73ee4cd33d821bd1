import Foundation

// MARK: - Conditional GET (RFC 9110 §13.1.2) and byte ranges (RFC 9110 §14)

extension HTTPResponse {
    /// The response as it goes out for a GET or HEAD request with `requestHeaders`: 304 when
    /// `If-None-Match` matches its `ETag`, 206 or 416 for a single byte range when it
    /// advertises `Accept-Ranges: bytes`; otherwise unchanged. Other methods pass through.
    func applyingPreconditions(method: HTTPMethod, requestHeaders: HTTPHeaders) -> HTTPResponse {
        guard method == .get || method == .head, status == 200 else { return self }
        // RFC 9110 §13.2.2: If-None-Match is evaluated before Range.
        if let etag = headers["ETag"], let condition = requestHeaders["If-None-Match"],
            Self.ifNoneMatch(condition, matches: etag)
        {
            var notModified = self
            notModified.status = 304
            notModified.body = .none
            notModified.headers.remove("Content-Length")
            return notModified
        }
        // RFC 9110 §14.2: range handling is defined for GET only.
        guard method == .get, let range = requestHeaders["Range"],
            headers["Accept-Ranges"].map({ HTTPBytes.equalsIgnoringCase($0.utf8, "bytes") }) == true
        else {
            return self
        }
        if let ifRange = requestHeaders["If-Range"], !ifRangeHolds(ifRange) { return self }
        let size = body.count
        switch Self.parseRange(range, size: size) {
        case .ignore:
            return self
        case .unsatisfiable:
            var refused = HTTPResponse(status: 416, headers: HTTPHeaders(), body: .none, route: route)
            refused.headers["Content-Range"] = "bytes */\(size)"
            return refused
        case .satisfiable(let first, let last):
            var partial = self
            partial.status = 206
            partial.headers["Content-Range"] = "bytes \(first)-\(last)/\(size)"
            partial.body = body.slice(offset: first, length: last - first + 1)
            return partial
        }
    }

    /// Weak comparison of `If-None-Match` (a list of entity-tags, or `*`) with `etag`
    /// (RFC 9110 §13.1.2, §8.8.3.2).
    static func ifNoneMatch(_ condition: String, matches etag: String) -> Bool {
        let trimmed = Substring(condition).trimmingSpaces()
        if trimmed == "*" { return true }
        let mine = opaqueTag(Substring(etag).trimmingSpaces())
        return trimmed.split(separator: ",").contains { opaqueTag($0.trimmingSpaces()) == mine }
    }

    /// The entity-tag without its weakness indicator `W/`.
    private static func opaqueTag(_ tag: Substring) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
    }

    /// Whether `If-Range` lets the range apply: a strong ETag equal to ours, or a date equal
    /// to our Last-Modified (RFC 9110 §13.1.5).
    private func ifRangeHolds(_ value: String) -> Bool {
        let v = Substring(value).trimmingSpaces()
        if v.hasPrefix("\"") || v.hasPrefix("W/") {
            guard !v.hasPrefix("W/"), let etag = headers["ETag"], !etag.hasPrefix("W/") else { return false }
            return Substring(etag).trimmingSpaces() == v
        }
        return headers["Last-Modified"] == String(v)
    }

    /// What a Range header asks of a representation of `size` bytes.
    enum RangeRequest: Equatable {
        /// Not understood or several ranges: answer in full (RFC 9110 §14.2 allows it).
        case ignore
        /// No byte of it exists: 416.
        case unsatisfiable
        /// Bytes `first...last`.
        case satisfiable(first: Int64, last: Int64)
    }

    /// Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` (RFC 9110 §14.1.2).
    static func parseRange(_ header: String, size: Int64) -> RangeRequest {
        let value = Substring(header).trimmingSpaces()
        guard value.count > 6, HTTPBytes.equalsIgnoringCase(value.prefix(6).utf8, "bytes=") else { return .ignore }
        let spec = value.dropFirst(6).trimmingSpaces()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .ignore }
        let firstText = spec[spec.startIndex..<dash]
        let lastText = spec[spec.index(after: dash)...]
        func number(_ s: Substring) -> Int64? { HTTPRequestHead.parseContentLength(String(s)) }
        if firstText.isEmpty {
            guard let suffix = number(lastText) else { return .ignore }
            if suffix == 0 || size == 0 { return .unsatisfiable }
            return .satisfiable(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = number(firstText) else { return .ignore }
        var last = size - 1
        if !lastText.isEmpty {
            guard let l = number(lastText) else { return .ignore }
            if l < first { return .ignore }
            last = min(l, size - 1)
        }
        return first < size ? .satisfiable(first: first, last: last) : .unsatisfiable
    }
}

extension HTTPResponseBody {
    /// `length` bytes of this body from `offset` within it.
    func slice(offset: Int64, length: Int64) -> HTTPResponseBody {
        switch self {
        case .none: return .none
        case .data(let data):
            let start = data.startIndex + Int(offset)
            return .data(data.subdata(in: start..<(start + Int(length))))
        case .file(let path, let base, _):
            return .file(path: path, offset: base + offset, length: length)
        }
    }
}
