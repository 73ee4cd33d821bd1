// MARK: - Chunked bodies (RFC 9112 §7.1)

extension HTTPRequestParser {
    /// Reads chunk-size lines, chunk data and the trailer section.
    mutating func readChunked() -> Event {
        while true {
            switch state {
            case .chunkSize:
                switch readLine(limit: limits.maxChunkLineBytes, tooLong: .invalidChunk) {
                case .incomplete: return .needMore
                case .error(let error):
                    return .error(fail(error == .bareLineFeed || error == .bareCarriageReturn ? .invalidChunk : error))
                case .line(let range):
                    guard let size = Self.parseChunkSizeLine(bytes(range)) else { return .error(fail(.invalidChunk)) }
                    if size == 0 {
                        state = .trailers
                        continue
                    }
                    if size > bodyLimit - bodyReceived { return .error(fail(.bodyTooLarge)) }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let available = Int64(bufferedByteCount)
                if available == 0 { return .needMore }
                let take = Int(min(available, remaining))
                let slice = bytes(readIndex..<(readIndex + take))
                readIndex += take
                scanIndex = max(scanIndex, readIndex)
                bodyReceived += Int64(take)
                state = remaining == Int64(take) ? .chunkDataEnd : .chunkData(remaining: remaining - Int64(take))
                return .body(slice)
            case .chunkDataEnd:
                if bufferedByteCount < 2 {
                    if bufferedByteCount == 1 && bytes(readIndex..<(readIndex + 1)).first != HTTPBytes.cr {
                        return .error(fail(.invalidChunk))
                    }
                    return .needMore
                }
                guard bytes(readIndex..<(readIndex + 2)).elementsEqual([HTTPBytes.cr, HTTPBytes.lf]) else {
                    return .error(fail(.invalidChunk))
                }
                readIndex += 2
                scanIndex = max(scanIndex, readIndex)
                state = .chunkSize
            case .trailers:
                let remaining = limits.maxTrailerBytes - sectionBytes
                switch readLine(limit: max(remaining, 2), tooLong: .trailersTooLarge) {
                case .incomplete: return .needMore
                case .error(let error): return .error(fail(error))
                case .line(let range):
                    if range.isEmpty {
                        state = .endOfRequest
                        return next()
                    }
                    sectionBytes += range.count + 2
                    sectionCount += 1
                    if sectionCount > limits.maxTrailerCount { return .error(fail(.trailersTooLarge)) }
                    // Trailer fields are checked like header fields, then dropped.
                    do { _ = try Self.parseFieldLine(bytes(range)) } catch { return .error(fail(error)) }
                }
            default:
                return next()
            }
        }
    }

    /// The size of `chunk-size [ chunk-ext ]` (RFC 9112 §7.1.1), extensions checked and dropped:
    /// `chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )`, ext-val a token or a
    /// quoted-string. At most 15 hex digits, so the size fits in Int64.
    static func parseChunkSizeLine(_ line: ArraySlice<UInt8>) -> Int64? {
        var i = line.startIndex
        let end = line.endIndex
        var size: Int64 = 0
        var digits = 0
        while i < end, let v = HTTPBytes.hexValue(line[i]) {
            size = size << 4 | Int64(v)
            digits += 1
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        func skipWhitespace() { while i < end, line[i] == HTTPBytes.space || line[i] == HTTPBytes.tab { i += 1 } }
        while i < end {
            skipWhitespace()
            guard i < end, line[i] == HTTPBytes.semicolon else { return nil }
            i += 1
            skipWhitespace()
            let nameStart = i
            while i < end, HTTPBytes.isTokenChar(line[i]) { i += 1 }
            guard i > nameStart else { return nil }
            skipWhitespace()
            guard i < end, line[i] == HTTPBytes.equals else { continue }
            i += 1
            skipWhitespace()
            guard i < end else { return nil }
            if line[i] == HTTPBytes.quote {
                i += 1
                var closed = false
                while i < end {
                    let b = line[i]
                    if b == HTTPBytes.quote {
                        closed = true
                        i += 1
                        break
                    }
                    if b == HTTPBytes.backslash {
                        // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                        guard i + 1 < end, HTTPBytes.isFieldValueChar(line[i + 1]) else { return nil }
                        i += 2
                        continue
                    }
                    guard HTTPBytes.isFieldValueChar(b) else { return nil }
                    i += 1
                }
                guard closed else { return nil }
            } else {
                let valueStart = i
                while i < end, HTTPBytes.isTokenChar(line[i]) { i += 1 }
                guard i > valueStart else { return nil }
            }
        }
        return size
    }
}
