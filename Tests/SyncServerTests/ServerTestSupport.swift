import CoursePackage
import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
@testable import SyncServer

/// A server application on a temp data folder, driven in process (no sockets).
final class TestServer {
    let data: String
    let app: ServerApp
    /// Tokens by username.
    var tokens: [String: String] = [:]

    /// A server on a fresh data folder in `parent` (the temp folder by default).
    init(parent: String = NSTemporaryDirectory()) throws {
        data = parent + "/lms-server-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        app = try ServerApp(configuration: .init(dataDirectory: data, passwordIterations: Passwords.minimumIterations))
    }

    deinit { try? FileManager.default.removeItem(atPath: data) }

    /// A server on a fresh data folder with `users` made and logged in (password `password-<username>`).
    convenience init(users: KeyValuePairs<String, Role>) throws {
        try self.init()
        for (username, role) in users { try addUser(username, role: role) }
    }

    /// `username` publishes the sample course `sample` (at `version` if given); the answer is returned.
    func publish(_ sample: String, version: String? = nil, as username: String) throws -> HTTPResponse {
        request(
            .post, "/api/v1/courses", as: username,
            body: try upload(try SamplePackages.pack(sample, version: version)))
    }

    /// A server with `admin`, `owner` (a teacher) and `student`, and the rich sample published by `owner`.
    static func withRichCourse() throws -> TestServer {
        let server = try TestServer()
        try server.addUser("admin", role: .admin)
        try server.addUser("owner", role: .teacher)
        try server.addUser("student", role: .student)
        let published = try server.publish("rich-course", as: "owner")
        guard published.status == 201 else {
            throw APIError.internalError("publishing the rich sample answered \(published.status)")
        }
        return server
    }

    /// Makes a user with password `password-<username>` and logs them in.
    @discardableResult
    func addUser(_ username: String, role: Role) throws -> User {
        let user = try app.store.accounts.createUser(
            username: username, displayName: username.capitalized, email: nil, role: role,
            password: Passwords.hash("password-\(username)", iterations: Passwords.minimumIterations))
        let response = request(
            .post, "/api/v1/auth/login",
            json: ["username": .init(.string(username)), "password": .init(.string("password-\(username)"))])
        tokens[username] = try JSONParser.parse(bytes: [UInt8](response.bodyData))["token"]?.stringValue
        return user
    }

    /// Answers a request as the server would.
    func request(
        _ method: HTTPMethod, _ target: String, as username: String? = nil, json: [String: JSONValue]? = nil,
        body: HTTPRequestBody? = nil, headers: [(String, String)] = [], remote: String = "127.0.0.1"
    ) -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1)
        let path = String(parts[0])
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                query[kv[0]] = kv.count > 1 ? kv[1] : ""
            }
        }
        var allHeaders = HTTPHeaders(headers)
        if let username, let token = tokens[username] { allHeaders["Authorization"] = "Bearer \(token)" }
        var requestBody = body ?? .none
        if let json {
            requestBody = .data(
                Data(JSONWriter.write(JSONValue(.object(json.map { (key: $0.key, value: $0.value) }))).utf8))
        }
        let request = HTTPRequest(
            method: method, target: target, path: path, pathSegments: path.split(separator: "/").map(String.init),
            query: query, queryItems: query.map { ($0.key, $0.value) }, headers: allHeaders, body: requestBody,
            remoteAddress: remote, receivedAt: Date())
        return app.handle(request)
    }

    /// A fresh copy of a packed sample (the server consumes uploaded files).
    func upload(_ package: String) throws -> HTTPRequestBody {
        let copy = app.blobs.root + "/tmp/upload-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: package, toPath: copy)
        let size = (try FileManager.default.attributesOfItem(atPath: copy)[.size] as? NSNumber)?.int64Value ?? 0
        return .file(path: copy, size: size)
    }

    /// A digest of every row of every table: equal before and after means nothing was stored.
    func snapshot() throws -> String {
        try app.store.read { db in
            var text = ""
            for table in try db.fetchColumn(
                String.self, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).compactMap({ $0 }) {
                for row in try db.fetchAll("SELECT * FROM \(table)") { text += "\(table): \(row.values)\n" }
            }
            return text
        }
    }
}

extension HTTPResponse {
    /// The body bytes (files read whole: tests only).
    var bodyData: Data {
        switch body {
        case .none: return Data()
        case .data(let d): return d
        case .file(let path, let offset, let length):
            guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
            try? handle.seek(toOffset: UInt64(offset))
            return (try? handle.read(upToCount: Int(length))) ?? Data()
        }
    }

    /// The body parsed as JSON (null when it is not).
    var json: JSONValue { (try? JSONParser.parse(bytes: [UInt8](bodyData))) ?? JSONValue(.null) }
}

/// Packs a sample course once per test run and returns the package's path.
enum SamplePackages {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Packs `samples/NAME` (optionally with its version replaced) into a temp file; the rich
    /// sample with its dates moved ahead of today (`RichSample`).
    static func pack(_ name: String, version: String? = nil) throws -> String {
        let folder = NSTemporaryDirectory() + "lms-sample-\(UUID().uuidString)"
        let source = name == "rich-course" ? RichSample.folder : root + "/samples/" + name
        try FileManager.default.copyItem(atPath: source, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if let version {
            let path = folder + "/course.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let replaced = text.replacingOccurrences(
                of: #""version": "[^"]+""#, with: "\"version\": \"\(version)\"", options: .regularExpression)
            try replaced.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let output = NSTemporaryDirectory() + "lms-package-\(UUID().uuidString).zip"
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(folder: folder, to: output, diagnostics: &diagnostics)
        return output
    }
}
