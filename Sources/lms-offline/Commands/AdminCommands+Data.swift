import Foundation
import LMSModel

/// `admin stats`, `admin export`, `admin erase`.
extension AdminCommands {
    static func stats(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json("GET", "/api/v1/admin/stats")
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        func n(_ value: JSONValue?) -> String { String(Int(value?.numberValue ?? 0)) }
        let users = answer["users"]
        console.out(
            "Users: \(n(users?["student"])) students, \(n(users?["teacher"])) teachers, \(n(users?["admin"])) admins")
        console.out(
            "Courses: \(n(answer["courses"])), active enrollments: \(n(answer["enrollments"])), devices active in 30 days: \(n(answer["activeDevices"]))"
        )
        console.out("Last sync: \(answer["lastSync"]?.stringValue ?? "never")")
        let courses = answer["perCourse"]?.arrayValue ?? []
        if !courses.isEmpty {
            console.out("\nEnrollments per course:")
            let most = courses.map { $0["activeEnrollments"]?.numberValue ?? 0 }.max() ?? 0
            for c in courses {
                let count = c["activeEnrollments"]?.numberValue ?? 0
                console.out(
                    "  \((c["id"]?.stringValue ?? "").padding(toLength: 24, withPad: " ", startingAt: 0)) \(bar(count, most)) \(Int(count)) (\(n(c["completed"])) completed)"
                )
            }
        }
        let sites = answer["sites"]?.arrayValue ?? []
        if !sites.isEmpty {
            console.out("\nLast sync per site:")
            for s in sites {
                let name = s["site"]?.stringValue ?? ""
                console.out(
                    "  \((name.isEmpty ? "(no site)" : name).padding(toLength: 24, withPad: " ", startingAt: 0)) \(s["lastSync"]?.stringValue ?? "")"
                )
            }
        }
        let devices = answer["devices"]?.arrayValue ?? []
        if !devices.isEmpty {
            console.out("\nLast sync per device:")
            for d in devices.prefix(20) {
                console.out(
                    "  \((d["device"]?.stringValue ?? "").prefix(12))  \((d["user"]?.stringValue ?? "").padding(toLength: 16, withPad: " ", startingAt: 0)) \(d["lastSync"]?.stringValue ?? "")"
                )
            }
            if devices.count > 20 { console.out("  … \(devices.count - 20) more (--json lists them)") }
        }
        let days = answer["syncVolume"]?.arrayValue ?? []
        if !days.isEmpty {
            console.out("\nSync volume per day (pushes + pulls):")
            let most = days.map { ($0["pushes"]?.numberValue ?? 0) + ($0["pulls"]?.numberValue ?? 0) }.max() ?? 0
            for d in days {
                let total = (d["pushes"]?.numberValue ?? 0) + (d["pulls"]?.numberValue ?? 0)
                console.out(
                    "  \(d["day"]?.stringValue ?? "") \(bar(total, most)) \(Int(total)) (\(n(d["entriesIn"])) in, \(n(d["changesOut"])) out)"
                )
            }
        }
        return 0
    }

    /// A bar of up to 30 cells for `value` of `most`.
    static func bar(_ value: Double, _ most: Double) -> String {
        let cells = most > 0 ? Int((value / most * 30).rounded()) : 0
        return String(repeating: "█", count: cells) + String(repeating: " ", count: 30 - cells)
    }

    static func export(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let user = try args.positional(1, "USER")
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json("GET", userPath(user) + "/export")
        let text = JSONWriter.write(answer, pretty: true) + "\n"
        if let output = args.value("output") {
            try AtomicFile.write(Data(text.utf8), to: output)
            console.err(Messages.t(.exported, user, output))
        } else {
            console.out(String(text.dropLast()))
        }
        return 0
    }

    static func erase(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let user = try args.positional(1, "USER")
        guard args.has("confirm") else {
            throw Arguments.UsageError(description: Messages.t(.eraseNeedsConfirm, user))
        }
        let (_, connection) = try ServerConnection.open(args, console)
        let answer = try connection.json("POST", userPath(user) + "/erase", .obj([("confirm", .str(user))]))
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
        } else {
            console.out(
                Messages.t(
                    .erased, user, answer["anonymousName"]?.stringValue ?? "?",
                    Int(answer["filesRemoved"]?.numberValue ?? 0)))
        }
        return 0
    }
}
