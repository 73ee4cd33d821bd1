import Foundation
import LMSModel

/// `lms-offline admin …`: user administration, figures and data rights over the server API
/// (docs/CLIENT.md "Administration"); the profile must be logged in as an admin (reset: a teacher too).
enum AdminCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "admin",
            summary: "users, import, disable/enable, role, reset codes, stats, export and erasure (admins)",
            usage: """
                lms-offline admin users [--role R] [--json]
                       lms-offline admin import FILE.csv [--json]
                       lms-offline admin disable USER | enable USER | role USER student|teacher|admin
                       lms-offline admin reset USER [--json]
                       lms-offline admin stats [--json]
                       lms-offline admin export USER [-o FILE]
                       lms-offline admin erase USER --confirm [--json]
                """,
            flags: ["json", "confirm"], options: ["role", "output"], run: admin)
    ]

    static func admin(_ args: Arguments, _ console: Console) throws -> Int32 {
        let sub = try args.positional(
            0, "what to do (users, import, disable, enable, role, reset, stats, export, erase)")
        switch sub {
        case "users": return try users(args, console)
        case "import": return try importUsers(args, console)
        case "disable", "enable": return try setDisabled(args, console, disabled: sub == "disable")
        case "role": return try role(args, console)
        case "reset": return try reset(args, console)
        case "stats": return try stats(args, console)
        case "export": return try export(args, console)
        case "erase": return try erase(args, console)
        default:
            let known = ["users", "import", "disable", "enable", "role", "reset", "stats", "export", "erase"]
            let hint = nearest(to: sub, among: known).map { " (did you mean \($0)?)" } ?? ""
            throw Arguments.UsageError(description: "unknown admin command \"\(sub)\"\(hint)")
        }
    }

    static func userPath(_ name: String) -> String { "/api/v1/admin/users/" + ServerConnection.escape(name) }

    // MARK: - users

    static func users(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        if let role = args.value("role"), !["student", "teacher", "admin"].contains(role) {
            throw Arguments.UsageError(description: "--role must be student, teacher or admin")
        }
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json(
            "GET", "/api/v1/admin/users" + (args.value("role").map { "?role=" + $0 } ?? ""))
        let users = answer["users"]?.arrayValue ?? []
        if args.has("json") {
            console.out(JSONWriter.write(.obj([("users", .list(users))]), pretty: true))
            return 0
        }
        for user in users {
            let name = (user["username"]?.stringValue ?? "").padding(toLength: 20, withPad: " ", startingAt: 0)
            let role = (user["role"]?.stringValue ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)
            let disabled = user["disabled"]?.boolValue == true ? "  [disabled]" : ""
            console.out("\(name) \(role) \(user["displayName"]?.stringValue ?? "")\(disabled)")
        }
        return 0
    }

    static func importUsers(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let file = try args.positional(1, "FILE.csv (a header row: username,displayName,email,role,password)")
        guard let data = FileManager.default.contents(atPath: file) else { throw ClientError(.fileUnreadable, file) }
        let (_, connection) = try ServerConnection.open(args, console)
        let answer: JSONValue
        do {
            answer = try connection.send("POST", "/api/v1/admin/users/import", contentType: "text/csv", body: data)
        } catch let error as AdminError {
            // Every bad row on a line of its own.
            guard case .server(_, "invalid_rows", let message) = error.underlying.kind,
                let colon = message.range(of: ": ")
            else { throw error }
            let rows = message[colon.upperBound...].components(separatedBy: "; ")
            throw ImportRefused(summary: String(message[..<colon.lowerBound]), rows: rows)
        }
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        let users = answer["users"]?.arrayValue ?? []
        console.out(Messages.t(.imported, Messages.count(.countUsers, Int(answer["created"]?.numberValue ?? 0))))
        let table = users.map {
            [$0["username"]?.stringValue ?? "", $0["role"]?.stringValue ?? "", $0["resetCode"]?.stringValue ?? ""]
        }
        for line in TextTable.lines(table) { console.out("  " + line) }
        return 0
    }

    static func setDisabled(_ args: Arguments, _ console: Console, disabled: Bool) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let user = try args.positional(1, "USER")
        let (_, connection) = try ServerConnection.open(args, console)
        _ = try connection.json("PATCH", userPath(user), .obj([("disabled", .flag(disabled))]))
        console.out(Messages.t(disabled ? .userDisabled : .userEnabled, user))
        return 0
    }

    static func role(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 3)
        let user = try args.positional(1, "USER")
        let role = try args.positional(2, "ROLE (student, teacher or admin)")
        guard ["student", "teacher", "admin"].contains(role) else {
            throw Arguments.UsageError(description: "ROLE must be student, teacher or admin (found \"\(role)\")")
        }
        let (_, connection) = try ServerConnection.open(args, console)
        _ = try connection.json("PATCH", userPath(user), .obj([("role", .str(role))]))
        console.out(Messages.t(.roleSet, user, role))
        return 0
    }

    static func reset(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let user = try args.positional(1, "USER")
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json("POST", "/api/v1/users/\(ServerConnection.escape(user))/reset-code")
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
        } else {
            console.out(
                Messages.t(
                    .resetCode, user, answer["code"]?.stringValue ?? "?", answer["expiresAt"]?.stringValue ?? "?"))
            console.err(Messages.t(.resetCodeNote, user))
        }
        return 0
    }
}

/// An import the server refused, with each bad row on its own line.
struct ImportRefused: Error, CustomStringConvertible {
    let summary: String
    let rows: [String]

    var description: String { ([summary + ":"] + rows.map { "  " + $0 }).joined(separator: "\n") }
}
