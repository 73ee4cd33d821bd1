/// A request-target parsed by hand, strictly (RFC 9112 §3.2): origin-form only, plus `*` for
/// OPTIONS. No Foundation URL normalisation: what is not plainly a path is refused, so that
/// no later layer can be tricked into a different path than the one checked.
///
/// Refused with 400: absolute-form and authority-form, fragments, raw bytes outside pchar
/// (space, quotes, `\`, non-ASCII), malformed percent-escapes, encoded `.`, `/`, `\`, NUL and
/// control characters, `.` and `..` segments, empty segments (`//`), and invalid UTF-8.
struct HTTPRequestTarget: Sendable, Equatable {
    /// The decoded path, e.g. "/api/v1/courses/abc"; "*" for `OPTIONS *`.
    var path: String
    /// The decoded segments, e.g. ["api", "v1", "courses", "abc"]; a trailing slash adds none.
    var segments: [String]
    /// The decoded query items in order, repeats kept.
    var queryItems: [QueryItem]

    /// One `name=value` pair of the query.
    struct QueryItem: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Parses the raw target bytes of a request with `method`.
    static func parse(_ raw: ArraySlice<UInt8>, method: HTTPMethod) throws(HTTPParseError) -> HTTPRequestTarget {
        guard let first = raw.first else { throw .invalidTarget("empty") }
        if first == 0x2A && raw.count == 1 {
            // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
            guard method == .options else { throw .invalidTarget("* is only for OPTIONS") }
            return HTTPRequestTarget(path: "*", segments: [], queryItems: [])
        }
        // RFC 9112 §3.2.2: a server MUST accept the absolute-form (`http://host/path?query`); the
        // authority is dropped (this server has one name) and the rest read as the origin-form.
        if let rest = absoluteFormRest(raw) {
            return try parse(rest.isEmpty ? ArraySlice("/".utf8) : rest, method: method)
        }
        guard first == HTTPBytes.slash else {
            throw .invalidTarget("only origin-form (/path?query) and absolute-form (http://host/path) are accepted")
        }
        let queryStart = raw.firstIndex(of: HTTPBytes.question)
        let pathBytes = raw[raw.startIndex..<(queryStart ?? raw.endIndex)]
        let segments = try parsePath(pathBytes)
        let trailingSlash = pathBytes.count > 1 && pathBytes.last == HTTPBytes.slash
        let path = "/" + segments.joined(separator: "/") + (trailingSlash ? "/" : "")
        var items: [QueryItem] = []
        if let queryStart {
            items = try parseQuery(raw[(queryStart + 1)..<raw.endIndex])
        }
        return HTTPRequestTarget(path: path, segments: segments, queryItems: items)
    }

    /// For an absolute-form target (`http://` or `https://`, scheme in any case, then an authority of
    /// host characters), the path and query after the authority; nil for any other form.
    private static func absoluteFormRest(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        for scheme in ["http://", "https://"] {
            let prefix = Array(scheme.utf8)
            guard raw.count > prefix.count,
                zip(raw.prefix(prefix.count), prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            else { continue }
            let afterScheme = raw.dropFirst(prefix.count)
            let end = afterScheme.firstIndex { $0 == HTTPBytes.slash || $0 == HTTPBytes.question } ?? raw.endIndex
            let authority = raw[afterScheme.startIndex..<end]
            // RFC 3986 §3.2: host and port only; userinfo (`@`) and anything odd is refused.
            guard !authority.isEmpty,
                authority.allSatisfy({ HTTPBytes.isTokenChar($0) || $0 == HTTPBytes.colon || $0 == 0x5B || $0 == 0x5D })
            else { return nil }
            let rest = raw[end..<raw.endIndex]
            // A bare query after the authority (`http://a?x`) has the path "/".
            if rest.first == HTTPBytes.question { return ArraySlice(Array("/".utf8) + rest) }
            return rest
        }
        return nil
    }

    /// Parses a target given as a string (for tests and tools).
    static func parse(_ raw: String, method: HTTPMethod = .get) throws(HTTPParseError) -> HTTPRequestTarget {
        try parse(ArraySlice(raw.utf8), method: method)
    }

    /// The segments of an absolute path (which starts with "/").
    private static func parsePath(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> [String] {
        var segments: [String] = []
        var current: [UInt8] = []
        var rawSegmentLength = 0
        var rawSegmentIsDots = true
        var index = bytes.startIndex + 1
        let end = bytes.endIndex

        func finishSegment(isLast: Bool) throws(HTTPParseError) {
            if rawSegmentLength == 0 {
                // "/" alone, or a trailing slash, is fine; "//" is not.
                if isLast { return }
                throw .invalidTarget("empty path segment")
            }
            if rawSegmentIsDots && rawSegmentLength <= 2 { throw .invalidTarget("dot segment") }
            guard let text = String(validating: current, as: UTF8.self) else {
                throw .invalidTarget("path is not UTF-8")
            }
            segments.append(text)
            current.removeAll(keepingCapacity: true)
            rawSegmentLength = 0
            rawSegmentIsDots = true
        }

        while index < end {
            let b = bytes[index]
            if b == HTTPBytes.slash {
                try finishSegment(isLast: false)
                index += 1
                continue
            }
            rawSegmentLength += 1
            if b != HTTPBytes.dot { rawSegmentIsDots = false }
            if b == HTTPBytes.percent {
                let decoded = try decodeEscape(bytes, at: index, end: end)
                switch decoded {
                case HTTPBytes.dot: throw .invalidTarget("encoded dot")
                case HTTPBytes.slash: throw .invalidTarget("encoded slash")
                case HTTPBytes.backslash: throw .invalidTarget("encoded backslash")
                case 0: throw .invalidTarget("encoded NUL")
                case 0x01...0x1F, 0x7F: throw .invalidTarget("encoded control character")
                default: current.append(decoded)
                }
                index += 3
                continue
            }
            guard HTTPBytes.isPathChar(b) else {
                throw .invalidTarget(b >= 0x80 ? "raw non-ASCII byte" : "character not allowed in a path")
            }
            current.append(b)
            index += 1
        }
        try finishSegment(isLast: true)
        return segments
    }

    /// The items of a query: `&`-separated `name=value`, `+` as space, percent-decoded.
    private static func parseQuery(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> [QueryItem] {
        var items: [QueryItem] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var index = bytes.startIndex
        let end = bytes.endIndex

        func finishItem() throws(HTTPParseError) {
            defer {
                name.removeAll(keepingCapacity: true)
                value.removeAll(keepingCapacity: true)
                inValue = false
            }
            if name.isEmpty && !inValue { return } // "a&&b": empty pairs are skipped
            guard let n = String(validating: name, as: UTF8.self), let v = String(validating: value, as: UTF8.self)
            else {
                throw .invalidTarget("query is not UTF-8")
            }
            items.append(QueryItem(name: n, value: v))
        }

        while index < end {
            let b = bytes[index]
            var decoded = b
            switch b {
            case HTTPBytes.ampersand:
                try finishItem()
                index += 1
                continue
            case HTTPBytes.equals where !inValue:
                inValue = true
                index += 1
                continue
            case HTTPBytes.plus:
                decoded = HTTPBytes.space
                index += 1
            case HTTPBytes.percent:
                decoded = try decodeEscape(bytes, at: index, end: end)
                if decoded == 0 { throw .invalidTarget("encoded NUL in query") }
                index += 3
            case HTTPBytes.slash, HTTPBytes.question:
                index += 1
            default:
                guard HTTPBytes.isPathChar(b) else {
                    throw .invalidTarget(b >= 0x80 ? "raw non-ASCII byte" : "character not allowed in a query")
                }
                index += 1
            }
            if inValue { value.append(decoded) } else { name.append(decoded) }
        }
        try finishItem()
        return items
    }

    /// The byte of the escape `%XY` at `index`, with strict hex digits.
    private static func decodeEscape(_ bytes: ArraySlice<UInt8>, at index: Int, end: Int) throws(HTTPParseError)
        -> UInt8
    {
        guard index + 2 < end,
            let high = HTTPBytes.hexValue(bytes[index + 1]), let low = HTTPBytes.hexValue(bytes[index + 2])
        else {
            throw .invalidTarget("malformed percent-escape")
        }
        return high << 4 | low
    }
}
