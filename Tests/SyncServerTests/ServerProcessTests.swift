import CoursePackage
import Foundation
import LMSTestSupport
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import LMSModel
import Testing

/// The real `lms-server` binary, started on a free loopback port by the test and stopped by its PID.
final class ServerProcess {
    let data: String
    let process = Process()
    private(set) var base = ""
    private let output = Pipe()

    static var binary: String {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("lms-server").path
    }

    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["LMS_PASSWORD_ITERATIONS"] = "1000"
        return env
    }()

    /// `lms-server init` with the admin password on standard input, then `serve --port 0`.
    init(adminPassword: String = "admin password!") throws {
        data = NSTemporaryDirectory() + "lms-srv-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        base = try ServerLauncher.start(
            process, output: output, binary: Self.binary, data: data, adminPassword: adminPassword,
            environment: Self.environment)
    }

    /// Stops the server with SIGTERM (by its PID) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: data)
    }

    /// One HTTP exchange through URLSession.
    func call(
        _ method: String, _ path: String, token: String? = nil, body: Data? = nil, headers: [String: String] = [:]
    ) throws -> (Int, Data, [String: String]) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        nonisolated(unsafe) var result: (Int, Data, [String: String]) = (0, Data(), [:])
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            var headers: [String: String] = [:]
            for (k, v) in http?.allHeaderFields ?? [:] {
                headers[String(describing: k).lowercased()] = String(describing: v)
            }
            result = (http?.statusCode ?? 0, data ?? Data(), headers)
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 30)
        return result
    }
}

@Suite(.serialized) struct ServerProcessTests {
    @Test func operator_InitServePublishDownloadBackupAndStop() throws {
        let server = try ServerProcess()
        #expect(try server.call("GET", "/healthz").0 == 200)
        let login = try server.call(
            "POST", "/api/v1/auth/login", body: Data(#"{"username": "admin", "password": "admin password!"}"#.utf8))
        #expect(login.0 == 200)
        let token = try #require(try JSONParser.parse(bytes: [UInt8](login.1))["token"]?.stringValue)

        let package = try SamplePackages.pack("rich-course")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: package))
        let published = try server.call(
            "POST", "/api/v1/courses", token: token, body: bytes, headers: ["Content-Type": "application/zip"])
        #expect(published.0 == 201, "\(String(decoding: published.1, as: UTF8.self))")
        #expect(try server.call("POST", "/api/v1/courses", token: token, body: bytes).0 == 409)

        // A cut download resumes with a range, and the pieces make the whole.
        let path = "/api/v1/courses/intro-programming/versions/1.2.0/package"
        let whole = try server.call("GET", path, token: token)
        #expect(whole.0 == 200)
        #expect(whole.1 == bytes, "staff get the full package, byte for byte")
        let first = try server.call("GET", path, token: token, headers: ["Range": "bytes=0-999"])
        let rest = try server.call(
            "GET", path, token: token, headers: ["Range": "bytes=1000-", "If-Range": whole.2["etag"] ?? ""])
        #expect(first.0 == 206 && rest.0 == 206)
        #expect(first.1 + rest.1 == bytes)
        #expect(try server.call("GET", path, token: token, headers: ["If-None-Match": whole.2["etag"] ?? ""]).0 == 304)
        #expect(try server.call("GET", path, token: token, headers: ["Range": "bytes=999999-"]).0 == 416)

        // A hot backup while serving, restored into a new folder, holds the course.
        let backup = server.data + "-backup.zip"
        defer { unlink(backup) }
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        tool.arguments = ["backup", "--data", server.data, "--to", backup]
        tool.standardOutput = FileHandle.nullDevice
        try tool.run()
        tool.waitUntilExit()
        #expect(tool.terminationStatus == 0)
        let restoreInUse = Process()
        restoreInUse.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        restoreInUse.arguments = ["restore", "--data", server.data, "--from", backup, "--force"]
        restoreInUse.standardError = FileHandle.nullDevice
        try restoreInUse.run()
        restoreInUse.waitUntilExit()
        #expect(restoreInUse.terminationStatus == 1, "no restore under a running server")

        #expect(server.stop() == 0, "SIGTERM stops cleanly")
        let restored = server.data + "-restored"
        defer { try? FileManager.default.removeItem(atPath: restored) }
        let restore = Process()
        restore.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        restore.arguments = ["restore", "--data", restored, "--from", backup]
        restore.standardOutput = FileHandle.nullDevice
        try restore.run()
        restore.waitUntilExit()
        #expect(restore.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: restored + "/lms.sqlite"))
    }

    @Test func badCommands_ExitWithUsage() throws {
        for (args, status) in [
            (["serve"], Int32(2)), (["serve", "--data", "/nonexistent/x"], 1), (["frobnicate"], 2), (["--version"], 0),
            (["serve", "--help"], 0), (["backup", "--data", "/nonexistent/x", "--port", "1"], 2)
        ] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ServerProcess.binary)
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == status, "\(args)")
        }
    }
}
