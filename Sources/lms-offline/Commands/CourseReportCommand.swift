import Foundation
import LMSModel

/// `lms-offline report`: a course's completion, score distribution and students at risk; one
/// student's progress and scores; or the item analysis, with bar charts on a terminal (teachers).
enum CourseReportCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "report",
            summary: "course report: completion, scores, students at risk; --student NAME, --items (teachers)",
            usage:
                "lms-offline report COURSE [--student NAME | --items] [--inactive-days N] [--json] [--csv FILE] [--home DIR]",
            flags: ["json", "items"], options: ["student", "csv", "inactive-days"], run: report)
    ]

    static func report(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let course = try args.positional(0, "COURSE")
        var query: [String] = []
        if let days = args.value("inactive-days") {
            guard let n = Int(days), (1...366).contains(n) else {
                throw Arguments.UsageError(description: Messages.t(.inactiveDaysInvalid))
            }
            query.append("inactiveDays=\(n)")
        }
        let path: String
        if let student = args.value("student") {
            path = ServerConnection.course(course, "/reports/students/\(ServerConnection.escape(student))")
        } else if args.has("items") {
            path = ServerConnection.course(course, "/reports/items")
        } else {
            path = ServerConnection.course(course, "/reports/course")
        }
        let context = try ClientContext(args, console: console)
        let api = try ServerConnection.connect(context, args)
        if let file = args.value("csv") {
            let data = try api.text(path + "?" + (query + ["format=csv"]).joined(separator: "&"))
            try GradingCommands.writeOut(data, to: file, console: console)
            return 0
        }
        let answer = try api.json("GET", path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        if args.value("student") != nil {
            showStudent(answer, console: console)
        } else if args.has("items") {
            showItems(answer, console: console)
        } else {
            showCourse(answer, console: console)
        }
        return 0
    }

    /// A bar of `value` out of `maximum`, `ClientLimits.barCells` wide, on a terminal only.
    static func bar(_ value: Double, of maximum: Double, console: Console, color: Console.Color = .green) -> String {
        guard console.isTerminal else { return "" }
        let cells = ClientLimits.barCells
        let filled = maximum > 0 ? min(cells, Int((value / maximum * Double(cells)).rounded())) : 0
        return console.paint(String(repeating: "█", count: filled), color)
            + String(repeating: "░", count: cells - filled) + " "
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "–" }

    static func showCourse(_ r: JSONValue, console: Console) {
        let n = r["students"]?.numberValue ?? 0
        console.out(
            console.paint(
                Messages.t(
                    .reportSummary, r["title"]?.stringValue ?? r["course"]?.stringValue ?? "",
                    Messages.count(.countStudents, n),
                    Gradebook.percent(r["completionRate"]?.numberValue ?? 0),
                    ScoreFormat.text(r["passing"]?.numberValue ?? 0),
                    Gradebook.percent(r["averageTotal"]?.numberValue ?? 0)), .bold))
        console.out(Messages.t(.reportDistribution))
        let buckets = r["distribution"]?.arrayValue ?? []
        let most = buckets.compactMap { $0["students"]?.numberValue }.max() ?? 0
        for b in buckets {
            let count = b["students"]?.numberValue ?? 0
            console.out(
                "  " + GradingCommands.pad(b["range"]?.stringValue ?? "", 6) + "  "
                    + bar(count, of: most, console: console) + ScoreFormat.text(count))
        }
        let risks = r["atRisk"]?.arrayValue ?? []
        if risks.isEmpty {
            console.out(Messages.t(.reportNobodyAtRisk))
            return
        }
        console.out(Messages.t(.reportAtRisk))
        for s in risks {
            let reasons = (s["reasons"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(
                separator: "; ")
            console.out("  " + console.paint(s["username"]?.stringValue ?? "", .yellow) + "  \(reasons)")
        }
    }

    static func showStudent(_ r: JSONValue, console: Console) {
        let done = r["lessonsDone"]?.numberValue ?? 0
        let lessons = r["lessons"]?.numberValue ?? 0
        let passed = r["passed"]?.boolValue == true
        console.out(
            console.paint(
                "\(r["student"]?["displayName"]?.stringValue ?? "") (\(r["student"]?["username"]?.stringValue ?? ""))",
                .bold)
                + "  \(bar(done, of: lessons, console: console))\(ScoreFormat.text(done))/\(ScoreFormat.text(lessons))  "
                + "\(percent(r["total"]?.numberValue))  "
                + console.paint(Messages.t(passed ? .wordPass : .wordFail), passed ? .green : .red))
        for item in r["items"]?.arrayValue ?? [] {
            let points = item["points"]?.numberValue
            let maximum = item["maxPoints"]?.numberValue ?? 0
            let score =
                points.map { "\(ScoreFormat.text($0))/\(ScoreFormat.text(maximum))" }
                ?? (item["status"]?.stringValue ?? "")
            let feedback = item["feedback"]?.stringValue.map { "  \"\(TerminalText.sanitize($0))\"" } ?? ""
            console.out(
                "  \(bar(points ?? 0, of: maximum, console: console))\(item["id"]?.stringValue ?? "")  \(score)\(feedback)"
            )
        }
        for reason in r["atRisk"]?.arrayValue ?? [] {
            console.out("  " + console.paint("! " + (reason["text"]?.stringValue ?? ""), .yellow))
        }
    }

    static func showItems(_ r: JSONValue, console: Console) {
        for q in r["questions"]?.arrayValue ?? [] {
            let share = (q["share"]?.numberValue ?? 0) * 100
            let flag = q["flag"]?.stringValue
            console.out(
                "  \(bar(share, of: 100, console: console, color: flag == nil ? .green : .red))"
                    + "\(q["quiz"]?.stringValue ?? "") \(q["question"]?.stringValue ?? "")  \(String(format: "%.0f%%", share)) of "
                    + "\(ScoreFormat.text(q["answered"]?.numberValue ?? 0))"
                    + (flag.map { "  " + console.paint("! " + $0, .red) } ?? ""))
        }
    }
}
