import Foundation
import LMSTestSupport
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import LMSDatabase
import LMSModel
import Testing

/// The real `lms-server` on a free loopback port, with an admin, a teacher (`ada`) who publishes
/// the rich sample, and helpers to make students and devices (homes) that sync against it.
final class SyncWorld {
    let scratch = Scratch()
    let process = Process()
    private(set) var base = ""
    private let output = Pipe()
    private(set) var adminToken = ""
    private(set) var teacherToken = ""

    static let serverBinary = (CLI.binary as NSString).deletingLastPathComponent + "/lms-server"
    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["LMS_PASSWORD_ITERATIONS"] = "1000"
        return env
    }()

    /// Starts the server, makes the teacher and publishes the rich sample (1.2.0).
    init(publish: Bool = true) throws {
        let data = scratch.sub("server")
        base = try ServerLauncher.start(
            process, output: output, binary: Self.serverBinary, data: data, adminPassword: "admin password!",
            environment: Self.environment)
        adminToken = try login("admin", "admin password!")
        try createUser("ada", role: "teacher")
        teacherToken = try login("ada", "password of ada")
        if publish { try self.publish(folder: RichSample.folder) }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The port the server listens on.
    var port: UInt16 { UInt16(base.split(separator: ":").last.map(String.init) ?? "") ?? 0 }

    /// One HTTP exchange.
    func call(_ method: String, _ path: String, token: String?, body: Data? = nil) throws -> (Int, JSONValue) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        nonisolated(unsafe) var result: (Int, Data) = (0, Data())
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
            done.signal()
        }.resume()
        done.wait()
        return (result.0, (try? JSONParser.parse(bytes: [UInt8](result.1))) ?? JSONValue(.null))
    }

    func login(_ username: String, _ password: String) throws -> String {
        let (status, json) = try call(
            "POST", "/api/v1/auth/login", token: nil,
            body: Data(#"{"username": "\#(username)", "password": "\#(password)"}"#.utf8))
        guard status == 200, let token = json["token"]?.stringValue else { throw CocoaError(.userCancelled) }
        return token
    }

    /// Makes a user whose password is `password of NAME`.
    func createUser(_ username: String, role: String = "student") throws {
        let body =
            #"{"username": "\#(username)", "displayName": "\#(username)", "role": "\#(role)", "password": "password of \#(username)"}"#
        let (status, _) = try call("POST", "/api/v1/admin/users", token: adminToken, body: Data(body.utf8))
        #expect(status == 201 || status == 200)
    }

    /// Packs a course folder and publishes it as the teacher.
    func publish(folder: String) throws {
        let zip = scratch.sub("publish-\(UInt32.random(in: 0...UInt32.max)).zip")
        let packed = try CLI.run(["pack", folder, "-o", zip])
        #expect(packed.status == 0, "\(packed.stderr)")
        let (status, json) = try call(
            "POST", "/api/v1/courses", token: teacherToken, body: try Data(contentsOf: URL(fileURLWithPath: zip)))
        #expect(status == 201, "\(json)")
    }

    /// Enrolls a student in the rich sample.
    func enroll(_ username: String, course: String = "intro-programming") throws {
        let (status, json) = try call(
            "POST", "/api/v1/courses/\(course)/enrollments", token: teacherToken,
            body: Data(#"{"username": "\#(username)"}"#.utf8))
        #expect(status == 201 || status == 200, "\(json)")
    }

    /// Releases the review of `quiz` (an exam's marks are withheld from students until then,
    /// docs/PROTOCOL.md §8 "Review"), so that its results carry their marks.
    func releaseReview(_ quiz: String = "practice/exam", course: String = "intro-programming") throws {
        let (status, json) = try call(
            "POST", "/api/v1/courses/\(course)/reviews", token: teacherToken, body: Data(#"{"quiz": "\#(quiz)"}"#.utf8))
        #expect(status == 200, "\(json)")
    }

    /// A device (a home) with a profile of the same name, logged in as that student.
    func device(_ student: String, server: String? = nil) throws -> ClientFixture {
        let f = ClientFixture()
        try f.addProfile(student)
        try f.login(student, server: server ?? base)
        return f
    }
}

extension ClientFixture {
    /// Logs the active profile in as `student` (password `password of NAME`).
    func login(_ student: String, server: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["login", "--server", server, "--username", student, "--password-stdin"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging([
            "LMS_PIN": "1234"
        ]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("password of \(student)\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "login \(student)")
    }

    /// Runs `sync --json` and returns its status and the report of the first profile.
    @discardableResult
    func sync(_ extra: [String] = [], env: [String: String] = [:]) throws -> (
        status: Int32, report: JSONValue, stderr: String
    ) {
        let result = try run(["sync", "--json"] + extra, env)
        let json = (try? JSONParser.parse(result.stdout)) ?? JSONValue(.null)
        return (result.status, json["profiles"]?.arrayValue?.first ?? JSONValue(.null), result.stderr)
    }

    /// A value from the store.
    func scalar(_ sql: String) throws -> String? { try store().read { try $0.fetchScalar(String.self, sql) } }
}
