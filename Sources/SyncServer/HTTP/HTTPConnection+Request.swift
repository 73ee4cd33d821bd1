import Foundation

// MARK: - One request: body, handler, response, log

extension HTTPConnection {
    /// Where a body goes while it is read.
    private enum BodySink {
        case discard
        case memory(Data)
        case file(HTTPFile, path: String, size: Int64)
    }

    /// Reads the body of `head`, calls the handler and answers. Returns whether the
    /// connection may carry another request.
    func serveRequest(_ head: HTTPRequestHead, buffer: UnsafeMutableRawBufferPointer, isLast: Bool) -> Bool {
        client = HTTPForwarded.clientAddress(
            peer: remoteAddress, headers: head.headers, trustedProxies: server.configuration.trustedProxies)
        defer { client = nil }
        // Behind a trusted proxy one client holds at most its share of requests in flight, as a
        // direct caller holds at most its share of connections (HTTPLimits promise 5).
        let forwarded = client.flatMap { $0 == remoteAddress ? nil : $0 }
        if let forwarded, !server.beginForwardedRequest(from: forwarded) {
            refuseBusy(head)
            return false
        }
        defer { if let forwarded { server.endForwardedRequest(from: forwarded) } }
        // RFC 9110 §9.3.7: `OPTIONS *` asks about the server as a whole; the HTTP layer answers it.
        let policy =
            head.target.path == "*"
            ? .respond(Self.serverOptions) : server.bodyPolicy(head.method, head.target.path, head.headers)
        if case .respond(var early) = policy {
            // Refused from the head alone: no body byte is read (nor 100 Continue sent).
            early = early.applyingPreconditions(method: head.method, requestHeaders: head.headers)
            let keepAlive = head.framing == .none && head.keepAlive && !isLast && !server.isStopping
            let sent = write(early, isHead: head.method == .head, minorVersion: head.minorVersion, keepAlive: keepAlive)
            finish(
                method: head.method.rawValue, path: head.target.path, status: sent.status, bytes: sent.bytes,
                route: early.route)
            if !keepAlive { lingeringClose() }
            return keepAlive && sent.ok
        }
        var spoolPath: String?
        defer { if let spoolPath { HTTPFile.remove(spoolPath) } }

        let body: HTTPRequestBody
        switch readBody(head, policy: policy, buffer: buffer, spoolPath: &spoolPath) {
        case .success(let b): body = b
        case .failure(let error):
            refuse(error, head: head)
            return false
        }

        let isHead = head.method == .head
        let request = HTTPRequest(
            method: isHead ? .get : head.method, target: head.rawTarget, path: head.target.path,
            pathSegments: head.target.segments,
            query: Dictionary(
                head.target.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
            queryItems: head.target.queryItems.map { ($0.name, $0.value) },
            headers: head.headers, body: body,
            remoteAddress: client ?? remoteAddress,
            receivedAt: Date(timeIntervalSince1970: requestWallStart), isHead: isHead, minorVersion: head.minorVersion)
        let response = server.handler(request)
            .applyingPreconditions(method: head.method, requestHeaders: head.headers)
        // The spooled body goes as soon as the handler returns (unless it moved the file).
        if let path = spoolPath {
            HTTPFile.remove(path)
            spoolPath = nil
        }
        let wantsClose = response.headers.tokens("Connection").contains("close")
        let keepAlive = head.keepAlive && !isLast && !wantsClose && !server.isStopping
        let sent = write(response, isHead: isHead, minorVersion: head.minorVersion, keepAlive: keepAlive)
        finish(
            method: head.method.rawValue, path: head.target.path, status: sent.status, bytes: sent.bytes,
            route: response.route)
        return keepAlive && sent.ok
    }

    /// The answer to `OPTIONS *`: the methods some route of the server takes.
    static let serverOptions: HTTPResponse = {
        var response = HTTPResponse(status: 204)
        response.headers["Allow"] = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
        response.route = "OPTIONS *"
        return response
    }()

    /// Reads the body as `policy` says, answering `100 Continue` first when the client
    /// waits for it and the body will be accepted (RFC 9110 §10.1.1).
    private func readBody(
        _ head: HTTPRequestHead, policy: BodyPolicy, buffer: UnsafeMutableRawBufferPointer,
        spoolPath: inout String?
    ) -> Result<HTTPRequestBody, HTTPParseError> {
        if head.framing == .none {
            _ = parser.beginBody(maxBytes: 0)
            if case .end = parser.next() { return .success(.none) }
            return .failure(.malformedRequestLine)
        }
        if case .reject = policy { return .failure(.bodyTooLarge) }
        if let error = parser.beginBody(maxBytes: policy.maxBytes) { return .failure(error) }
        if head.expectsContinue && parser.bufferedByteCount == 0 {
            let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            do { try interim.withUnsafeBytes { try socket.send($0) } } catch { return .failure(.timedOut) }
        }
        var sink: BodySink
        switch policy {
        case .reject, .respond: sink = .discard
        case .memory: sink = .memory(Data())
        case .spool(_, let directory):
            do {
                let (file, path) = try HTTPFile.createTemporary(in: directory)
                spoolPath = path
                sink = .file(file, path: path, size: 0)
            } catch {
                return .failure(StorageFull.matches(error) ? .insufficientStorage : .bodyTooLarge)
            }
        }
        let bodyStart = HTTPClock.now()
        var received: Int64 = 0
        while true {
            switch parser.next() {
            case .body(let chunk):
                received += Int64(chunk.count)
                switch sink {
                case .discard: break
                case .memory(var data):
                    sink = .discard
                    data.append(contentsOf: chunk)
                    sink = .memory(data)
                case .file(let file, let path, let size):
                    do { try chunk.withUnsafeBytes { try file.write($0) } } catch {
                        return .failure(StorageFull.matches(error) ? .insufficientStorage : .bodyTooLarge)
                    }
                    sink = .file(file, path: path, size: size + Int64(chunk.count))
                }
            case .end:
                switch sink {
                case .discard: return .success(.none)
                case .memory(let data): return .success(.data(data))
                case .file(_, let path, let size): return .success(.file(path: path, size: size))
                }
            case .error(let error):
                return .failure(error)
            case .head:
                return .failure(.malformedRequestLine)
            case .needMore:
                // The body must keep up a minimum average rate after a grace period, and never
                // take longer than the absolute bound.
                // Promise 6: as `received` never passes the route's limit, neither does the deadline.
                let allowed = min(
                    limits.bodyTimeout,
                    limits.bodyGraceTimeout + Double(received) / limits.bodyMinimumBytesPerSecond)
                switch fill(buffer, deadline: bodyStart + allowed, wakeable: false) {
                case .data: continue
                case .timedOut: return .failure(.timedOut)
                case .closed, .stopping: return .failure(.timedOut)
                }
            }
        }
    }

    /// Answers a refused request with its status and closes, draining briefly what the
    /// client is still sending so that it reads the answer instead of a reset.
    func refuse(_ error: HTTPParseError, head: HTTPRequestHead?) {
        var response = HTTPResponse.text(error.status, error.description + "\n")
        // A full disk while a body is spooled is answered like one met by a route: the API's error
        // shape with `disk_full`, which clients read (docs/API.md).
        if case .insufficientStorage = error { response = APIError.insufficientStorage().response }
        response.route = "rejected"
        let sent = write(
            response, isHead: head?.method == .head, minorVersion: head?.minorVersion ?? 1, keepAlive: false)
        finish(
            method: head?.method.rawValue ?? "-", path: head?.target.path ?? "-", status: error.status,
            bytes: sent.bytes, route: response.route)
        lingeringClose()
    }

    /// Answers 503 and closes: the forwarded client already has its share of requests in flight.
    private func refuseBusy(_ head: HTTPRequestHead) {
        var response = HTTPResponse.text(503, "too many requests from your address at once: try again in a moment\n")
        response.headers["Retry-After"] = "1"
        response.route = "rejected"
        let sent = write(response, isHead: head.method == .head, minorVersion: head.minorVersion, keepAlive: false)
        finish(
            method: head.method.rawValue, path: head.target.path, status: 503, bytes: sent.bytes,
            route: response.route)
        lingeringClose()
    }

    private func lingeringClose() {
        socket.shutdownWrite()
        let deadline = HTTPClock.now() + limits.lingerTimeout
        var drained = 0
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 16) { scratch in
            while drained < limits.lingerMaxBytes {
                let remaining = deadline - HTTPClock.now()
                guard remaining > 0,
                    socket.waitReadable(timeoutMilliseconds: Int32(remaining * 1000) + 1, wakeFD: nil) == .readable,
                    let n = try? socket.receive(into: scratch, nonBlocking: true), n > 0
                else { return }
                drained += n
            }
        }
    }

    /// Counts and logs one answered request.
    private func finish(method: String, path: String, status: Int, bytes: Int64, route: String?) {
        let seconds = HTTPClock.now() - requestStart
        server.metrics.recordRequest(route: route ?? "unmatched", status: status, seconds: seconds)
        let configuration = server.configuration
        guard configuration.log else { return }
        let wall = requestWallStart
        let line = HTTPRequestLog(
            seconds: Int(wall), milliseconds: Int((wall - Double(Int(wall))) * 1000),
            remote: client ?? remoteAddress, method: method, path: path, status: status, bytes: bytes,
            durationMilliseconds: seconds * 1000, route: route
        ).jsonLine
        if let sink = configuration.logSink {
            sink(line)
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
