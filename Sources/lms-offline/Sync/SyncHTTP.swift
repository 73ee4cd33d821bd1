import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import LMSModel

/// One HTTP answer: status, headers (names in lowercase) and the body when it was kept in memory.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// A header by its lowercase name.
    func header(_ name: String) -> String? { headers[name] }
}

/// The sync client's HTTP: FoundationNetworking's URLSession, driven synchronously (the client is a
/// command that does one thing after another), with named timeouts, bodies bounded in memory or
/// streamed to a file, and errors sorted by the server's `{"error": {"code", "message"}}` (docs/API.md).
/// Not thread-safe: one request at a time.
final class SyncHTTP {
    /// The server's base URL, without a final slash.
    let server: String
    /// The bearer token, if logged in. Never printed.
    var token: String?
    private let session: URLSession
    private let delegate = StreamingDelegate()

    /// A client of `server`.
    init(server: String, token: String?) {
        self.server = server
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = SyncLimits.requestTimeout
        configuration.timeoutIntervalForResource = SyncLimits.resourceTimeout
        var headers = ["User-Agent": "lms-offline/\(LMSOffline.version)"]
        // The field site this device syncs from, for the server's figures (`admin stats`).
        if let site = ProcessInfo.processInfo.environment["LMS_SITE"], !site.isEmpty, site.utf8.count <= 64,
            site.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
        {
            headers["X-LMS-Site"] = site
        }
        configuration.httpAdditionalHeaders = headers
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// A base URL as typed, checked and without its final slash; nil when it is not http(s).
    static func normalize(server text: String) -> String? {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil, url.query == nil
        else { return nil }
        return text
    }

    /// Sends a request and keeps the answer's body in memory (at most `maxBytes`). Answers of 400
    /// and above are thrown as `SyncError`s (401 as `.unauthorized`).
    func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil,
        maxBytes: Int = SyncLimits.maxJSONBytes
    ) throws -> HTTPAnswer {
        var collected = Data()
        let answer = try perform(method, path, headers: headers, body: body) { _ in
            { chunk in
                collected.append(chunk)
                if collected.count > maxBytes { throw SyncError(.badAnswer("an answer larger than \(maxBytes) bytes")) }
            }
        }
        var result = answer
        result.body = collected
        if result.status >= 400 { throw Self.error(status: result.status, body: collected) }
        return result
    }

    /// Sends a JSON body and parses a JSON answer (an empty body is `null`).
    func json(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
        let data = body.map { Data(JSONWriter.write($0).utf8) }
        let answer = try send(
            method, path, headers: data == nil ? [:] : ["Content-Type": "application/json"], body: data)
        if answer.body.isEmpty { return JSONValue(.null) }
        do { return try JSONParser.parse(bytes: [UInt8](answer.body)) } catch {
            throw SyncError(.badAnswer("\(method) \(path) did not answer JSON"))
        }
    }

    /// Sends a request whose successful body goes to `sink` chunk by chunk, as it arrives (a download):
    /// `accept` sees the answer's head and returns the sink, or nil to keep the body for an error.
    /// Bytes already given to the sink stay given when the connection breaks.
    func stream(
        _ method: String, _ path: String, headers: [String: String],
        accept: @escaping (HTTPAnswer) throws -> ((Data) throws -> Void)?
    ) throws -> HTTPAnswer {
        var errorBody = Data()
        let answer = try perform(method, path, headers: headers, body: nil) { head in
            if head.status < 400, let sink = try accept(head) { return sink }
            return { chunk in if errorBody.count < SyncLimits.maxJSONBytes { errorBody.append(chunk) } }
        }
        if answer.status >= 400 { throw Self.error(status: answer.status, body: errorBody) }
        return answer
    }

    // MARK: - One exchange

    func perform(
        _ method: String, _ path: String, headers: [String: String], body: Data?, bodyFile: URL? = nil,
        sink: @escaping (HTTPAnswer) throws -> (Data) throws -> Void
    ) throws -> HTTPAnswer {
        guard let url = URL(string: server + path) else {
            throw SyncError(.badAnswer("cannot make a URL of \(server)\(path)"))
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let exchange = StreamingDelegate.Exchange(makeSink: sink)
        delegate.begin(exchange)
        // A file body (a course package) is streamed from disk, never held in memory.
        (bodyFile.map { session.uploadTask(with: request, fromFile: $0) } ?? session.dataTask(with: request)).resume()
        exchange.done.wait()
        if let failure = exchange.failure { throw failure }
        if let error = exchange.transportError { throw SyncError(.network(Self.cause(of: error), server: server)) }
        guard let head = exchange.head else { throw SyncError(.network(.noAnswer, server: server)) }
        return head
    }

    /// A transport failure sorted into what a person can act on (libcurl's own words say nothing to a student).
    static func cause(of error: Error) -> SyncError.NetworkCause {
        switch (error as NSError).code {
        case URLError.cannotConnectToHost.rawValue: return .refused
        case URLError.cannotFindHost.rawValue, URLError.dnsLookupFailed.rawValue: return .unknownHost
        case URLError.timedOut.rawValue: return .timedOut
        case URLError.notConnectedToInternet.rawValue: return .offline
        case URLError.networkConnectionLost.rawValue: return .lost
        case URLError.secureConnectionFailed.rawValue, URLError.serverCertificateUntrusted.rawValue,
            URLError.serverCertificateHasBadDate.rawValue, URLError.serverCertificateNotYetValid.rawValue,
            URLError.serverCertificateHasUnknownRoot.rawValue:
            return .insecure
        default: return .noAnswer
        }
    }

    /// The error an answer of 400 or above stands for.
    static func error(status: Int, body: Data) -> SyncError {
        let json = try? JSONParser.parse(bytes: [UInt8](body.prefix(SyncLimits.maxJSONBytes)))
        let code = json?["error"]?["code"]?.stringValue ?? "http_\(status)"
        // An erased account's token (docs/PROTOCOL.md "erasure") is kept apart from an expired one.
        if status == 401, code != "account_erased" { return SyncError(.unauthorized) }
        let message = json?["error"]?["message"]?.stringValue ?? HTTPURLResponse.localizedString(forStatusCode: status)
        return SyncError(.server(status: status, code: code, message: message))
    }
}

/// URLSession's delegate for `SyncHTTP`: hands each chunk to the current exchange's sink as it arrives.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// One request in flight: its sink, what came back, and a semaphore signalled at the end.
    final class Exchange: @unchecked Sendable {
        let makeSink: (HTTPAnswer) throws -> (Data) throws -> Void
        var sink: ((Data) throws -> Void)?
        var head: HTTPAnswer?
        var failure: Error?
        var transportError: Error?
        let done = DispatchSemaphore(value: 0)

        init(makeSink: @escaping (HTTPAnswer) throws -> (Data) throws -> Void) { self.makeSink = makeSink }
    }

    private let lock = NSLock()
    private var current: Exchange?

    func begin(_ exchange: Exchange) { lock.withLock { current = exchange } }

    private func exchange() -> Exchange? { lock.withLock { current } }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let exchange = exchange(), let http = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        let head = HTTPAnswer(status: http.statusCode, headers: headers, body: Data())
        exchange.head = head
        do {
            exchange.sink = try exchange.makeSink(head)
            completionHandler(.allow)
        } catch {
            exchange.failure = error
            completionHandler(.cancel)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(), exchange.failure == nil else { return }
        do { try exchange.sink?(data) } catch {
            exchange.failure = error
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let exchange = exchange() else { return }
        if exchange.failure == nil { exchange.transportError = error }
        lock.withLock { current = nil }
        exchange.done.signal()
    }
}
