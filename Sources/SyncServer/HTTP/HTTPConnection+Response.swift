import Foundation

// MARK: - Writing responses (RFC 9112 §4, §6)

extension HTTPConnection {
    /// What was sent: the final status, the body bytes, and whether the connection is still sound.
    struct Sent {
        var status: Int
        var bytes: Int64
        var ok: Bool
    }

    /// Headers the server owns; a handler's values for them are replaced.
    private static let serverOwned: Set<String> = [
        "content-length", "transfer-encoding", "connection", "date", "server", "keep-alive"
    ]

    /// Writes `response`: its status line and headers with `Content-Length` (or none for
    /// 1xx/204/304), `Date`, `Server`, and `Connection` when the connection closes (or stays
    /// open for HTTP/1.0); then its body unless the request was HEAD.
    func write(_ response: HTTPResponse, isHead: Bool, minorVersion: Int, keepAlive: Bool) -> Sent {
        var response = response
        var file: HTTPFile?
        if case .file(let path, let offset, let length) = response.body {
            do {
                let opened = try HTTPFile.openForReading(path)
                guard offset >= 0, length >= 0, offset + length <= (try opened.size()) else {
                    throw SocketError.failed(call: "fstat", errno: 0)
                }
                file = opened
            } catch {
                response = HTTPResponse.text(500, "the response's file cannot be read\n")
            }
        }
        let allowsBody = HTTPResponse.allowsBody(status: response.status)
        let bodyCount = allowsBody ? response.body.count : 0

        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reasonPhrase(response.status))\r\n"
        for field in response.headers where !Self.serverOwned.contains(field.name.lowercased()) {
            // A handler's header must not split the response (CR or LF in a name or value).
            guard !field.name.utf8.contains(where: { $0 < 0x21 || $0 == 0x3A }),
                !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
            else { continue }
            head += "\(field.name): \(field.value)\r\n"
        }
        if allowsBody { head += "Content-Length: \(bodyCount)\r\n" }
        head += "Date: \(currentDate())\r\nServer: lms-server\r\n"
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if minorVersion == 0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        let sendBody = allowsBody && !isHead
        do {
            var bytes = Array(head.utf8)
            switch response.body {
            case .data(let data) where sendBody && data.count <= 64 * 1024:
                bytes.append(contentsOf: data)
                try bytes.withUnsafeBytes { try socket.send($0) }
            case .data(let data) where sendBody:
                try bytes.withUnsafeBytes { try socket.send($0) }
                try data.withUnsafeBytes { try socket.send($0) }
            case .file(_, let offset, let length) where sendBody:
                try bytes.withUnsafeBytes { try socket.send($0) }
                if let file {
                    try socket.sendFile(file.fd, offset: offset, count: length, chunk: limits.fileChunkBytes)
                }
            default:
                try bytes.withUnsafeBytes { try socket.send($0) }
            }
        } catch {
            return Sent(status: response.status, bytes: 0, ok: false)
        }
        return Sent(status: response.status, bytes: sendBody ? bodyCount : 0, ok: true)
    }
}
