import Foundation
import LMSModel

/// `lms-offline roster`: a course's students, enrollment, keys and groups over the server API
/// (docs/CLIENT.md "Teaching").
enum RosterCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "roster", summary: "list, add and remove a course's students; its enrollment key; groups",
            usage: """
                lms-offline roster COURSE [--group G] [--all] [--json | --csv FILE]
                       lms-offline roster add COURSE USER... [--group G] [--ignore-prerequisites]
                       lms-offline roster remove COURSE USER
                       lms-offline roster key COURSE --mode open|key|teacher [--key K]
                       lms-offline roster group COURSE GROUP (--add USER... | --remove USER...)
                """,
            flags: ["json", "all", "ignore-prerequisites", "add", "remove"], options: ["csv", "group", "mode", "key"],
            run: roster)
    ]

    static func roster(_ args: Arguments, _ console: Console) throws -> Int32 {
        let first = try args.positional(0, "COURSE (or add, remove, key, group)")
        switch first {
        case "add": return try add(args, console)
        case "remove": return try remove(args, console)
        case "key": return try key(args, console)
        case "group": return try group(args, console)
        default: return try list(args, console)
        }
    }

    // MARK: - list

    static func list(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let course = try args.positional(0, "COURSE")
        let (_, connection) = try ServerConnection.open(args, console)
        var query = ""
        if let group = args.value("group") { query = "?group=" + ServerConnection.escape(group) }
        let answer = try connection.json("GET", ServerConnection.course(course, "/enrollments") + query)
        var students = answer["students"]?.arrayValue ?? []
        if !args.has("all") { students = students.filter { $0["status"]?.stringValue == "active" } }
        if let file = args.value("csv") {
            var lines = [CSV.line(["username", "displayName", "status", "source", "groups"])]
            for s in students {
                lines.append(
                    CSV.line([
                        s["username"]?.stringValue ?? "", s["displayName"]?.stringValue ?? "",
                        s["status"]?.stringValue ?? "",
                        s["source"]?.stringValue ?? "", groups(s).joined(separator: ";")
                    ]))
            }
            // RFC 4180: CRLF line ends.
            try AtomicFile.write(CSV.fileData(lines.joined(separator: "\r\n") + "\r\n"), to: file)
            console.out("\(file)  \(students.count)")
        } else if args.has("json") {
            console.out(JSONWriter.write(.obj([("course", .str(course)), ("students", .list(students))]), pretty: true))
        } else if students.isEmpty {
            console.out(Messages.t(.rosterEmpty, course, args.value("group").map { " (\($0))" } ?? ""))
        } else {
            let width = min(24, students.map { ($0["username"]?.stringValue ?? "").count }.max() ?? 8)
            for s in students {
                let name = (s["username"]?.stringValue ?? "").padding(
                    toLength: max(width, 8), withPad: " ", startingAt: 0)
                let status = s["status"]?.stringValue == "active" ? "" : "  [\(s["status"]?.stringValue ?? "")]"
                let g = groups(s)
                console.out(
                    "\(name)  \(s["displayName"]?.stringValue ?? "")\(g.isEmpty ? "" : "  {\(g.joined(separator: ", "))}")\(status)"
                )
            }
        }
        return 0
    }

    static func groups(_ student: JSONValue) -> [String] {
        student["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    // MARK: - add, remove

    static func add(_ args: Arguments, _ console: Console) throws -> Int32 {
        let course = try args.positional(1, "COURSE")
        let users = Array(args.positionals.dropFirst(2))
        guard !users.isEmpty else { throw Arguments.UsageError(description: "missing USER (one or more usernames)") }
        let (_, connection) = try ServerConnection.open(args, console)
        var results: [JSONValue] = []
        for user in users {
            var body: [(String, JSONValue)] = [("username", .str(user))]
            if let group = args.value("group") { body.append(("groups", .list([.str(group)]))) }
            if args.has("ignore-prerequisites") { body.append(("ignorePrerequisites", .flag(true))) }
            do {
                results.append(try connection.json("POST", ServerConnection.course(course, "/enrollments"), .obj(body)))
            } catch var error as AdminError {
                error.subject = error.subject ?? user
                throw error
            }
            if !args.has("json") { console.out(Messages.t(.enrolled, user, course)) }
        }
        if args.has("json") { console.out(JSONWriter.write(.list(results), pretty: true)) }
        return 0
    }

    static func remove(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 3)
        let course = try args.positional(1, "COURSE")
        let user = try args.positional(2, "USER")
        let (_, connection) = try ServerConnection.open(args, console)
        _ = try connection.json(
            "DELETE", ServerConnection.course(course, "/enrollments/" + ServerConnection.escape(user)))
        console.out(Messages.t(.unenrolled, user, course))
        return 0
    }

    // MARK: - key, group

    static func key(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let course = try args.positional(1, "COURSE")
        guard let mode = args.value("mode"), ["open", "key", "teacher"].contains(mode) else {
            throw Arguments.UsageError(
                description: "--mode must be open (anyone enrolls), key (with --key K) or teacher (teachers enroll)")
        }
        var body: [(String, JSONValue)] = [("enrollment", .str(mode))]
        if let key = args.value("key") {
            guard mode == "key" else { throw Arguments.UsageError(description: "--key goes with --mode key") }
            body.append(("key", .str(key)))
        } else if mode == "key" {
            throw Arguments.UsageError(description: "--mode key needs --key K (the key students type)")
        }
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json("PUT", ServerConnection.course(course, "/settings"), .obj(body))
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
        } else {
            console.out(Messages.t(.modeSet, course, mode))
        }
        return 0
    }

    static func group(_ args: Arguments, _ console: Console) throws -> Int32 {
        let course = try args.positional(1, "COURSE")
        let group = try args.positional(2, "GROUP")
        let users = Array(args.positionals.dropFirst(3))
        guard args.has("add") != args.has("remove") else {
            throw Arguments.UsageError(description: "give --add or --remove, then the usernames")
        }
        guard !users.isEmpty else { throw Arguments.UsageError(description: "missing USER (one or more usernames)") }
        let (_, connection) = try ServerConnection.open(args, console)
        var results: [JSONValue] = []
        for user in users {
            let answer = try connection.json(
                "PUT", ServerConnection.course(course, "/enrollments/" + ServerConnection.escape(user) + "/groups"),
                .obj([(args.has("add") ? "add" : "remove", .list([.str(group)]))]))
            results.append(answer)
            if !args.has("json") {
                console.out(Messages.t(.groupsSet, user, course, groups(answer).joined(separator: ", ")))
            }
        }
        if args.has("json") { console.out(JSONWriter.write(.list(results), pretty: true)) }
        return 0
    }
}
