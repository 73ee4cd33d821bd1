import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension SyncHTTP {
    /// Sends the file at `file` as the body, streamed from disk (a course package can be large),
    /// and keeps the answer's body in memory (at most `maxBytes`); errors as in `send`.
    func upload(
        _ method: String, _ path: String, file: String, headers: [String: String] = [:],
        maxBytes: Int = SyncLimits.maxJSONBytes
    ) throws -> HTTPAnswer {
        var collected = Data()
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
        var all = headers
        all["Content-Length"] = String(size)
        var answer = try perform(method, path, headers: all, body: nil, bodyFile: URL(fileURLWithPath: file)) { _ in
            { chunk in
                collected.append(chunk)
                if collected.count > maxBytes { throw SyncError(.badAnswer("an answer larger than \(maxBytes) bytes")) }
            }
        }
        answer.body = collected
        if answer.status >= 400 { throw Self.error(status: answer.status, body: collected) }
        return answer
    }
}
