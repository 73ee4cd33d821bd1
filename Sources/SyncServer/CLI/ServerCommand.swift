import Foundation
import LMSModel

/// The `lms-server` program's commands. Configuration comes from options, else environment
/// variables (`LMS_DATA`, `LMS_HOST`, `LMS_PORT`), else defaults.
enum ServerCommand {
    /// The program's version.
    static let version = LMSVersion.current

    /// A usage mistake (exit status 2).
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    /// A failure that is not a usage mistake (exit status 1).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = """
        lms-server \(version): the course system's sync server

        usage:
          lms-server init --data DIR [--admin USERNAME] [--admin-password-stdin]
          lms-server serve --data DIR [--host 127.0.0.1] [--port 8080] [--trusted-proxy ADDR[,ADDR]]
          lms-server backup --data DIR --to FILE
          lms-server restore --data DIR --from FILE [--force]
          lms-server --version

        environment: LMS_DATA (--data), LMS_HOST (--host), LMS_PORT (--port), LMS_TRUSTED_PROXY (--trusted-proxy)
        """

    /// Runs the program and returns its exit status.
    static func run(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let command = args.first, !["help", "--help", "-h"].contains(command) else {
            print(usage)
            return 0
        }
        if command == "http-selftest" { return runHTTPSelfTest(arguments: Array(args.dropFirst())) }
        DataFolderPermissions.restrictNewFiles()
        do {
            let options = try parseOptions(Array(args.dropFirst()))
            switch command {
            case "--version", "version":
                print("lms-server \(version)")
            case "init":
                try initialise(options, environment: environment)
            case "serve":
                try serve(options, environment: environment)
            case "backup":
                let data = try dataDirectory(options, environment)
                guard let to = options["to"] else { throw UsageError(description: "backup needs --to FILE") }
                let summary = try ServerBackup.backup(dataDirectory: data, to: to)
                print("backup written to \(to): \(summary)")
            case "restore":
                let data = try dataDirectory(options, environment)
                guard let from = options["from"] else { throw UsageError(description: "restore needs --from FILE") }
                let summary = try ServerBackup.restore(from: from, dataDirectory: data, force: options["force"] != nil)
                print("restored \(data) from \(from): \(summary)")
            default:
                throw UsageError(description: "unknown command \"\(command)\"")
            }
            return 0
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("lms-server: \(error)\n\(usage)\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("lms-server: \(error)\n".utf8))
            return 1
        }
    }

    static let flags: Set<String> = ["admin-password-stdin", "force"]
    static let valued: Set<String> = ["data", "host", "port", "admin", "to", "from", "trusted-proxy"]

    static func parseOptions(_ args: [String]) throws -> [String: String] {
        var options: [String: String] = [:]
        var i = 0
        while i < args.count {
            let arg = args[i]
            guard arg.hasPrefix("--") else { throw UsageError(description: "unexpected argument \(arg)") }
            var name = String(arg.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if flags.contains(name) {
                options[name] = "true"
            } else if valued.contains(name) {
                if value == nil {
                    i += 1
                    guard i < args.count else { throw UsageError(description: "--\(name) needs a value") }
                    value = args[i]
                }
                options[name] = value
            } else {
                throw UsageError(description: "unknown option \(arg)")
            }
            i += 1
        }
        return options
    }

    static func dataDirectory(_ options: [String: String], _ environment: [String: String]) throws -> String {
        guard let data = options["data"] ?? environment["LMS_DATA"], !data.isEmpty else {
            throw UsageError(description: "give the data folder with --data DIR (or LMS_DATA)")
        }
        return data
    }

    /// PBKDF2 rounds: the constant, unless `LMS_PASSWORD_ITERATIONS` lowers it for tests (never below the minimum).
    static func passwordIterations(_ environment: [String: String]) -> Int {
        guard let text = environment["LMS_PASSWORD_ITERATIONS"], let n = Int(text) else { return Passwords.iterations }
        FileHandle.standardError.write(
            Data("lms-server: warning: LMS_PASSWORD_ITERATIONS=\(n) is for tests only\n".utf8))
        return max(n, Passwords.minimumIterations)
    }

    /// `init`: makes the data folder and the first admin.
    static func initialise(_ options: [String: String], environment: [String: String]) throws {
        let data = try dataDirectory(options, environment)
        let username = options["admin"] ?? "admin"
        guard User.isValidUsername(username) else { throw UsageError(description: "--admin must be a valid username") }
        if FileManager.default.fileExists(atPath: data + "/" + ServerStore.fileName) {
            throw Failure(description: "\(data) is already initialised; use lms-server serve --data \(data)")
        }
        var password: String
        var generated = false
        if options["admin-password-stdin"] != nil {
            password = readLine(strippingNewline: true) ?? ""
            if let problem = Passwords.problem(with: password) {
                throw Failure(description: "the admin password is refused: \(problem)")
            }
        } else {
            password = Passwords.makeResetCode()
            generated = true
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let app = try ServerApp(
            configuration: .init(dataDirectory: data, passwordIterations: passwordIterations(environment)))
        try app.store.accounts.createUser(
            username: username, displayName: "Administrator", email: nil, role: .admin,
            password: Passwords.hash(password, iterations: app.configuration.passwordIterations))
        print("initialised \(data) with admin user \"\(username)\"")
        if generated {
            print("admin password (shown once; change it after logging in): \(password)")
        }
        password = ""
    }
}
