// MARK: - Request line and header section (RFC 9112 §3, §5)

extension HTTPRequestParser {
    /// Reads the request line and header lines until the head is complete.
    mutating func readHead() -> Event {
        while true {
            switch state {
            case .requestLine:
                switch readLine(limit: limits.maxRequestLineBytes + 2, tooLong: .requestLineTooLong) {
                case .incomplete: return .needMore
                case .error(let error): return .error(fail(error))
                case .line(let range):
                    if range.isEmpty {
                        // RFC 9112 §2.2: empty lines before a request line are ignored, boundedly.
                        skippedBytes += 2
                        if skippedBytes > limits.maxRequestLineBytes { return .error(fail(.malformedRequestLine)) }
                        continue
                    }
                    do {
                        state = .headers(try parseRequestLine(bytes(range)))
                    } catch {
                        return .error(fail(error))
                    }
                }
            case .headers(let requestLine):
                let remaining = limits.maxHeaderBytes - sectionBytes
                switch readLine(limit: max(remaining, 2), tooLong: .headerSectionTooLarge) {
                case .incomplete: return .needMore
                case .error(let error): return .error(fail(error))
                case .line(let range):
                    if range.isEmpty { return finishHead(requestLine) }
                    sectionBytes += range.count + 2
                    sectionCount += 1
                    if sectionCount > limits.maxHeaderCount { return .error(fail(.tooManyHeaders)) }
                    do {
                        let (name, value) = try Self.parseFieldLine(bytes(range))
                        headers.add(name, value)
                    } catch {
                        return .error(fail(error))
                    }
                }
            default:
                return .needMore
            }
        }
    }

    private mutating func finishHead(_ line: RequestLine) -> Event {
        do {
            let head = try HTTPRequestHead(
                method: line.method, rawTarget: line.rawTarget, target: line.target,
                minorVersion: line.minorVersion, headers: headers)
            state = .bodyDecision(head.framing)
            headers = HTTPHeaders()
            return .head(head)
        } catch {
            return .error(fail(error))
        }
    }

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> RequestLine {
        guard let firstSpace = line.firstIndex(of: HTTPBytes.space),
            let lastSpace = line.lastIndex(of: HTTPBytes.space), firstSpace < lastSpace
        else {
            throw .malformedRequestLine
        }
        let methodBytes = line[line.startIndex..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<lastSpace]
        let versionBytes = line[(lastSpace + 1)..<line.endIndex]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPBytes.isTokenChar), !targetBytes.isEmpty,
            !targetBytes.contains(HTTPBytes.space)
        else {
            throw .malformedRequestLine
        }
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3); other versions are 505.
        guard versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
            let major = versionBytes.dropFirst(5).first, major >= 0x30 && major <= 0x39,
            versionBytes[versionBytes.startIndex + 6] == HTTPBytes.dot,
            let minor = versionBytes.last, minor >= 0x30 && minor <= 0x39
        else {
            throw .malformedRequestLine
        }
        // RFC 9110 §2.5: a later minor version of HTTP/1 is handled as HTTP/1.1.
        guard major == 0x31 else { throw .unsupportedVersion }
        guard let method = HTTPMethod(bytes: methodBytes) else { throw .methodNotImplemented }
        let target = try HTTPRequestTarget.parse(targetBytes, method: method)
        return RequestLine(
            method: method, rawTarget: String(decoding: targetBytes, as: UTF8.self),
            target: target, minorVersion: min(Int(minor - 0x30), 1))
    }

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 §5).
    static func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first else { throw .invalidHeaderName }
        // RFC 9112 §5.2: obs-fold is refused (a line starting with SP or HTAB).
        if first == HTTPBytes.space || first == HTTPBytes.tab { throw .obsoleteLineFolding }
        var colon = line.startIndex
        while colon < line.endIndex && HTTPBytes.isTokenChar(line[colon]) { colon += 1 }
        guard colon < line.endIndex, colon > line.startIndex else { throw .invalidHeaderName }
        if line[colon] != HTTPBytes.colon {
            // RFC 9112 §5.1: no whitespace between the field name and the colon.
            if line[colon] == HTTPBytes.space || line[colon] == HTTPBytes.tab { throw .whitespaceBeforeColon }
            throw .invalidHeaderName
        }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd, line[valueStart] == HTTPBytes.space || line[valueStart] == HTTPBytes.tab {
            valueStart += 1
        }
        while valueEnd > valueStart, line[valueEnd - 1] == HTTPBytes.space || line[valueEnd - 1] == HTTPBytes.tab {
            valueEnd -= 1
        }
        let value = line[valueStart..<valueEnd]
        guard value.allSatisfy(HTTPBytes.isFieldValueChar) else { throw .invalidHeaderValue }
        return (String(decoding: line[line.startIndex..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}
