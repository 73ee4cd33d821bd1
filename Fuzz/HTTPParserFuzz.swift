// libFuzzer entry point for the HTTP request parser. Built by scripts/fuzz-http.sh (no
// SwiftPM) from the parser's sources alone. The input is fed to the parser twice, whole and
// split at a point chosen by its first byte, with small limits; both runs must end, without
// trapping, in the same verdict.

/// Feeds `chunks` to a parser and returns the paths of complete requests and the final error.
private func run(_ chunks: [ArraySlice<UInt8>]) -> ([String], HTTPParseError?) {
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 256
    limits.maxHeaderBytes = 1024
    limits.maxHeaderCount = 16
    limits.maxChunkLineBytes = 64
    limits.maxTrailerBytes = 128
    limits.maxTrailerCount = 4
    var parser = HTTPRequestParser(limits: limits)
    var paths: [String] = []
    var bodyBytes = 0
    var steps = 0
    for chunk in chunks {
        parser.append(contentsOf: chunk)
        loop: while true {
            steps += 1
            if steps > 100_000 { fatalError("parser does not make progress") }
            switch parser.next() {
            case .needMore: break loop
            case .head(let head):
                if head.target.path.isEmpty { fatalError("empty path accepted") }
                if head.target.segments.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
                    fatalError("dot or empty segment accepted: \(head.target.segments)")
                }
                bodyBytes = 0
                if let error = parser.beginBody(maxBytes: 4096) { return (paths, error) }
            case .body(let bytes):
                bodyBytes += bytes.count
                if bodyBytes > 4096 { fatalError("body past its limit") }
            case .end:
                paths.append("req")
            case .error(let error):
                return (paths, error)
            }
        }
    }
    return (paths, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = run([bytes[...]])
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let parts = run([bytes[..<split], bytes[split...]])
    if whole.0 != parts.0 || whole.1 != parts.1 {
        fatalError("verdict depends on the split: \(whole) vs \(parts)")
    }
    return 0
}
