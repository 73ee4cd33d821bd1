/// The client address of a request that came through a trusted reverse proxy (issue 13, item 7).
/// Behind the TLS proxy of docs/OPERATIONS.md every connection comes from the proxy's address, so
/// per-address limits and throttles must use the address the proxy passes on. Only a proxy named
/// with `--trusted-proxy` is believed; from any other peer these headers are ignored, so no caller
/// can claim another's address.
enum HTTPForwarded {
    /// The address to count a request against: the peer's own, unless the peer is a trusted proxy
    /// and names the client, in `X-Forwarded-For` (the last entry: the one the proxy appended) or
    /// else in `Forwarded` (RFC 7239 §4, the last `for=`).
    static func clientAddress(peer: String, headers: HTTPHeaders, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer) else { return peer }
        if let list = headers["X-Forwarded-For"],
            let last = list.split(separator: ",").last.map { String($0.trimmingSpaces()) },
            let address = address(last)
        {
            return address
        }
        if let forwarded = headers["Forwarded"] {
            // `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`
            let pairs = forwarded.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0.trimmingSpaces()) }
            if let last = pairs.last(where: { $0.lowercased().hasPrefix("for=") }),
                let address = address(
                    String(last.dropFirst(4)))
            {
                return address
            }
        }
        return peer
    }

    /// A numeric IPv4 or IPv6 address from a header's node (quotes, brackets and a port taken off),
    /// or nil for anything else (`unknown`, obfuscated names, junk): then the peer counts.
    static func address(_ node: String) -> String? {
        var text = Substring(node)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = text[..<colon] // IPv4 with a port
        }
        guard !text.isEmpty, text.count <= 45,
            text.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }),
            text.contains(".") || text.contains(":")
        else { return nil }
        return String(text)
    }
}
