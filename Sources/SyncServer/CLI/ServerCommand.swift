import Foundation
import LMSModel

/// The `lms-server` program's commands. Configuration comes from options, else environment
/// variables (`LMS_DATA`, `LMS_HOST`, `LMS_PORT`), else defaults.
enum ServerCommand {
    /// The program's version.
    static let version = LMSVersion.current

    /// A usage mistake (exit status 2): the shared parser's.
    typealias UsageError = Arguments.UsageError

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
          lms-server gc --data DIR
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
            let options = try parseOptions(Array(args.dropFirst()), command: command)
            if options.has("help") {
                print(usage)
                return 0
            }
            switch command {
            case "--version", "version":
                print("lms-server \(version)")
            case "init":
                try initialise(options, environment: environment)
            case "serve":
                try serve(options, environment: environment)
            case "backup":
                let data = try dataDirectory(options, environment)
                guard let to = options.value("to") else { throw UsageError(description: "backup needs --to FILE") }
                let summary = try ServerBackup.backup(dataDirectory: data, to: to)
                print("backup written to \(to): \(summary)")
            case "gc":
                // Uploaded files that no submission names after the grace period (serve does it at start too).
                let data = try dataDirectory(options, environment)
                guard FileManager.default.fileExists(atPath: data + "/" + ServerStore.fileName) else {
                    throw Failure(description: "\(data) is not initialised: run lms-server init --data \(data) first")
                }
                let app = try ServerApp(
                    configuration: .init(dataDirectory: data, passwordIterations: passwordIterations(environment)))
                print("gc \(data): \(try app.collectUnreferencedUploads())")
            case "restore":
                let data = try dataDirectory(options, environment)
                guard let from = options.value("from") else {
                    throw UsageError(description: "restore needs --from FILE")
                }
                let summary = try ServerBackup.restore(from: from, dataDirectory: data, force: options.has("force"))
                print("restored \(data) from \(from): \(summary)")
            default:
                throw UsageError(description: "unknown command \"\(command)\"")
            }
            return 0
        } catch let error as UsageError {
            // The mistake first, then the usage of the command it was made in (all of it when the command is unknown).
            FileHandle.standardError.write(Data("lms-server: \(error)\n\(usage(of: command))\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("lms-server: \(error)\n".utf8))
            return 1
        }
    }

    /// The usage of `command` and where to read the rest; the whole usage for an unknown command.
    static func usage(of command: String) -> String {
        let prefix = "  lms-server \(command) "
        guard commandOptions[command] != nil,
            let line = usage.split(separator: "\n").first(where: { $0.hasPrefix(prefix) })
        else { return usage }
        return "usage:\n\(line)\n(lms-server help shows every command)"
    }

    /// Each command's flags and valued options (`help` goes with every one).
    static let commandOptions: [String: (flags: Set<String>, options: Set<String>)] = [
        "init": (["admin-password-stdin"], ["data", "admin"]),
        "serve": ([], ["data", "host", "port", "trusted-proxy"]),
        "backup": ([], ["data", "to"]),
        "gc": ([], ["data"]),
        "restore": (["force"], ["data", "from"]),
        "version": ([], []), "--version": ([], [])
    ]

    /// Parses a command's options with the shared strict parser; positionals are refused.
    static func parseOptions(_ args: [String], command: String) throws -> Arguments {
        guard let known = commandOptions[command] else {
            let hint = nearest(
                to: command, among: commandOptions.keys.filter { !$0.hasPrefix("-") }.sorted(), within: 2)
            throw UsageError(
                description: "unknown command \"\(command)\"" + (hint.map { " (did you mean \($0)?)" } ?? ""))
        }
        try refuseOptionsOfOtherCommands(args, command: command, known: known)
        let options = try Arguments(
            args, flags: known.flags.union(["help"]), options: known.options, shortNames: ["h": "help"])
        try options.expectPositionals(atMost: 0)
        return options
    }

    /// An option that belongs to another command (`backup --port`) is refused with the command that
    /// takes it, before the parser's general "unknown option".
    static func refuseOptionsOfOtherCommands(
        _ args: [String], command: String, known: (flags: Set<String>, options: Set<String>)
    ) throws {
        for arg in args {
            if arg == "--" { return }
            guard arg.hasPrefix("--") else { continue }
            let name = String(arg.dropFirst(2).prefix { $0 != "=" })
            guard !known.flags.contains(name), !known.options.contains(name), name != "help" else { continue }
            let owners = commandOptions.filter { !$0.key.hasPrefix("-") && $0.key != command }
                .filter { $0.value.flags.contains(name) || $0.value.options.contains(name) }.map(\.key).sorted()
            guard !owners.isEmpty else { continue }
            let takes = (known.options.sorted().map { "--\($0)" } + known.flags.sorted().map { "--\($0)" })
            throw UsageError(
                description:
                    "--\(name) is an option of lms-server \(owners.joined(separator: " and ")), not of \(command)"
                    + (takes.isEmpty ? "" : " (\(command) takes \(takes.joined(separator: ", ")))"))
        }
    }

    static func dataDirectory(_ options: Arguments, _ environment: [String: String]) throws -> String {
        guard let data = options.value("data") ?? environment["LMS_DATA"], !data.isEmpty else {
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
    static func initialise(_ options: Arguments, environment: [String: String]) throws {
        let data = try dataDirectory(options, environment)
        let username = options.value("admin") ?? "admin"
        guard User.isValidUsername(username) else { throw UsageError(description: "--admin must be a valid username") }
        if FileManager.default.fileExists(atPath: data + "/" + ServerStore.fileName) {
            throw Failure(description: "\(data) is already initialised; use lms-server serve --data \(data)")
        }
        var password: String
        var generated = false
        if options.has("admin-password-stdin") {
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
