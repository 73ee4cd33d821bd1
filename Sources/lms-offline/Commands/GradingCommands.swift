import Foundation
import LMSModel

/// `lms-offline gradebook` and `grade`: a teacher's view of a course's grades and the grading queue,
/// over the server's API (docs/CLIENT.md "Teaching").
enum GradingCommands {
    /// These commands, `report`, `certificate` and `verify`.
    static let all: [LMSOffline.Command] = commands + CourseReportCommand.all + CertificateCommands.all

    static let commands: [LMSOffline.Command] = [
        .init(
            name: "gradebook",
            summary: "students × quizzes and assignments with weighted totals and pass/fail (teachers)",
            usage: "lms-offline gradebook COURSE [--csv FILE] [--json] [--home DIR]", flags: ["json"], options: ["csv"],
            run: gradebook),
        .init(
            name: "grade",
            summary:
                "grade the queue of submissions and essays by rubric, or one with --submission/--attempt (teachers)",
            usage: """
                lms-offline grade COURSE [--files DIR]   (interactive: the queue, one by one)
                       lms-offline grade COURSE --list [--json]
                       lms-offline grade COURSE --submission ID|--attempt ID --score CRITERION=POINTS... [--feedback TEXT] [--json]
                       lms-offline grade COURSE --attempt ID --count-late|--no-count-late [--score …] [--json]
                       lms-offline grade COURSE --release-review QUIZ [--json]
                       lms-offline grade COURSE --history [--student NAME] [--item ID] [--json]
                       lms-offline grade COURSE --offline [--list [--json] | --show ID | --submission ID|--attempt ID --score CRITERION=POINTS... [--feedback TEXT]]
                """,
            flags: ["json", "list", "history", "offline", "count-late", "no-count-late"],
            options: [
                "submission", "attempt", "score", "feedback", "files", "student", "item", "show", "release-review"
            ],
            run: grade)
    ]

    // MARK: - gradebook

    static func gradebook(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let course = try args.positional(0, "COURSE")
        let context = try ClientContext(args, console: console)
        let api = try ServerConnection.connect(context, args)
        if let file = args.value("csv") {
            let data = try api.text(ServerConnection.course(course, "/gradebook?format=csv"))
            try writeOut(data, to: file, console: console)
            return 0
        }
        let book = try api.json("GET", ServerConnection.course(course, "/gradebook"))
        if args.has("json") {
            console.out(JSONWriter.write(book, pretty: true))
            return 0
        }
        let items = book["items"]?.arrayValue ?? []
        let students = book["students"]?.arrayValue ?? []
        let pass = book["policy"]?["passPercent"]?.numberValue ?? 60
        console.outFolded(
            console.paint(
                Messages.t(
                    .gradebookSummary, book["title"]?.stringValue ?? course,
                    Messages.count(.countStudents, students.count),
                    Messages.count(.countItems, items.count),
                    ScoreFormat.text(pass)), .bold), width: Pager.width(environment: context.environment), indent: 2)
        // Items are numbered in the header and listed below, so the table stays narrow.
        let width = max(
            8, Messages.t(.wordStudent).count, students.map { ($0["username"]?.stringValue ?? "").count }.max() ?? 0)
        var header = Messages.t(.wordStudent).padding(toLength: width, withPad: " ", startingAt: 0)
        for i in items.indices { header += " " + pad("#\(i + 1)", 6) }
        console.out(header + "  " + pad(Messages.t(.wordTotal), 6) + "  " + Messages.t(.wordResult))
        for s in students {
            var line = (s["username"]?.stringValue ?? "").padding(toLength: width, withPad: " ", startingAt: 0)
            for item in items {
                let value = s["scores"]?[item["id"]?.stringValue ?? ""]?.numberValue
                line += " " + pad(value.map(ScoreFormat.text) ?? "–", 6)
            }
            let passed = s["passed"]?.boolValue == true
            line +=
                "  " + String(format: "%5.1f%%", s["total"]?.numberValue ?? 0) + "  "
                + console.paint(Messages.t(passed ? .wordPass : .wordFail), passed ? .green : .red)
            console.out(line)
        }
        // What "–" means, when one shows: a teacher looking for a student's 7/12 finds why it is not here.
        if students.contains(where: { s in items.contains { s["scores"]?[$0["id"]?.stringValue ?? ""] == nil } }) {
            console.outFolded(
                Messages.t(.gradebookDash), width: Pager.width(environment: context.environment), indent: 2)
        }
        // Late attempts (docs/PROTOCOL.md §8): kept and scored, but counted only when a teacher says so.
        for s in students {
            for late in s["late"]?.arrayValue ?? [] {
                let score =
                    "\(ScoreFormat.text(late["points"]?.numberValue ?? 0))/\(ScoreFormat.text(late["maxPoints"]?.numberValue ?? 0))"
                let counted = late["counted"]?.boolValue == true
                console.outFolded(
                    TerminalText.sanitize(
                        Messages.t(
                            counted ? .gradebookLateCounted : .gradebookLate, s["username"]?.stringValue ?? "",
                            late["item"]?.stringValue ?? "", late["attempt"]?.stringValue ?? "", score,
                            late["lateReason"]?.stringValue ?? "", course)),
                    width: Pager.width(environment: context.environment), indent: 4)
            }
        }
        for (i, item) in items.enumerated() {
            console.outFolded(
                TerminalText.sanitize(
                    "  #\(i + 1) \(item["title"]?.stringValue ?? "") [\(item["id"]?.stringValue ?? "")] (\(CourseCatalog.kindWord(item["kind"]?.stringValue ?? "")), /\(ScoreFormat.text(item["maxPoints"]?.numberValue ?? 0)))"
                ), width: Pager.width(environment: context.environment), indent: 6)
        }
        return 0
    }

    /// `text` right-aligned in `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Writes `data` to `file` (atomically), or to standard output for `-`.
    static func writeOut(_ data: Data, to file: String, console: Console) throws {
        if file == "-" {
            // A pipe reads plain UTF-8: the byte order mark is for spreadsheets opening a file.
            let bom = Data([0xEF, 0xBB, 0xBF])
            FileHandle.standardOutput.write(data.starts(with: bom) ? data.dropFirst(bom.count) : data)
            return
        }
        try AtomicFile.write(data, to: file)
        console.err(Messages.t(.csvWritten, file))
    }

    // MARK: - grade

    static func grade(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let course = try args.positional(0, "COURSE")
        let context = try ClientContext(args, console: console)
        if args.has("count-late") || args.has("no-count-late"), args.value("attempt") == nil || args.has("offline") {
            throw Arguments.UsageError(description: Messages.t(.countLateNeedsAttempt))
        }
        if args.value("release-review") != nil, args.has("offline") {
            throw Arguments.UsageError(description: Messages.t(.releaseReviewOnline))
        }
        if args.has("offline") {
            return try OfflineGrading.run(args, course: course, context: context, console: console)
        }
        let api = try ServerConnection.connect(context, args)
        if let quiz = args.value("release-review") {
            return try releaseReview(api, course: course, quiz: quiz, args: args, console: console)
        }
        if args.has("history") { return try history(api, course: course, args: args, console: console) }
        if args.value("submission") != nil || args.value("attempt") != nil {
            return try gradeOne(api, course: course, args: args, console: console)
        }
        let queue = try api.json("GET", ServerConnection.course(course, "/grading/queue"))["queue"]?.arrayValue ?? []
        if args.has("list") {
            if args.has("json") {
                console.out(JSONWriter.write(.list(queue), pretty: true))
                return 0
            }
            if queue.isEmpty { console.out(Messages.t(.queueEmpty, course)) }
            let width = Pager.width(environment: context.environment)
            for e in queue {
                console.outFolded(
                    "\(e["kind"]?.stringValue ?? "")  \(e["id"]?.stringValue ?? "")  \(e["student"]?["username"]?.stringValue ?? "")  "
                        + "\(e["item"]?.stringValue ?? "")\(e["late"]?.boolValue == true ? "  " + Messages.t(.wordLate) : "")\(e["regrade"]?.boolValue == true ? "  " + Messages.t(.wordRegrade) : "")",
                    width: width, indent: 4)
            }
            return 0
        }
        let folder = args.value("files") ?? FileManager.default.currentDirectoryPath + "/grading-\(course)"
        return try GradingSession(api: api, course: course, folder: folder, console: console).run(queue)
    }

    /// `--submission ID` or `--attempt ID` with `--score` and `--feedback`: for scripts.
    static func gradeOne(_ api: ServerConnection, course: String, args: Arguments, console: Console) throws -> Int32 {
        if args.value("submission") != nil, args.value("attempt") != nil {
            throw Arguments.UsageError(description: Messages.t(.gradeOneTarget))
        }
        let raw = args.values("score")
        let countLate: Bool? = args.has("count-late") ? true : args.has("no-count-late") ? false : nil
        if countLate != nil, args.value("attempt") == nil || (args.has("count-late") && args.has("no-count-late")) {
            throw Arguments.UsageError(description: Messages.t(.countLateNeedsAttempt))
        }
        guard !raw.isEmpty || countLate != nil else {
            throw Arguments.UsageError(description: Messages.t(.gradeNeedsScore))
        }
        var members: [(String, JSONValue)] = []
        for text in raw {
            guard let (name, points) = RubricScoring.parse(text) else {
                throw Arguments.UsageError(description: Messages.t(.gradeScoreSyntax, text))
            }
            members.append((name, .num(points)))
        }
        var body: [(String, JSONValue)] = raw.isEmpty ? [] : [("scores", .obj(members))]
        if let feedback = args.value("feedback") { body.append(("feedback", .str(feedback))) }
        if let countLate { body.append(("countLate", .flag(countLate))) }
        let path =
            args.value("submission").map {
                ServerConnection.course(course, "/submissions/\(ServerConnection.escape($0))/grade")
            }
            ?? ServerConnection.course(
                course, "/attempts/\(ServerConnection.escape(args.value("attempt") ?? ""))/grade")
        let answer = try api.json("PUT", path, .obj(body))
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        let score =
            "\(ScoreFormat.text(answer["points"]?.numberValue ?? 0))/\(ScoreFormat.text(answer["maxPoints"]?.numberValue ?? 0))"
        let item = answer["item"]?.stringValue ?? ""
        let target = answer["submission"]?.stringValue ?? answer["attempt"]?.stringValue ?? ""
        if !raw.isEmpty { console.out(Messages.t(.gradeRecorded, score, item, target)) }
        if let countLate {
            console.out(Messages.t(countLate ? .lateCounted : .lateNotCounted, target, item, score, course))
        }
        return 0
    }

    /// `--release-review QUIZ`: closes a quiz whose review is `afterClose` and publishes every
    /// withheld result (`POST /courses/{id}/reviews`, docs/API.md); the students see their marks at
    /// their next sync.
    static func releaseReview(
        _ api: ServerConnection, course: String, quiz: String, args: Arguments, console: Console
    ) throws -> Int32 {
        let answer = try api.json("POST", ServerConnection.course(course, "/reviews"), .obj([("quiz", .str(quiz))]))
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        let released = Int(answer["released"]?.numberValue ?? 0)
        console.out(
            Messages.t(
                .reviewReleased, answer["quiz"]?.stringValue ?? quiz, Messages.count(.countResults, released)))
        return 0
    }

    /// `--history`: every change of the course's grades (of one student or item).
    static func history(_ api: ServerConnection, course: String, args: Arguments, console: Console) throws -> Int32 {
        var query: [String] = []
        if let student = args.value("student") { query.append("student=" + ServerConnection.escape(student)) }
        if let item = args.value("item") { query.append("item=" + ServerConnection.escape(item)) }
        let path =
            ServerConnection.course(course, "/grades/history")
            + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let entries = try api.json("GET", path)["history"]?.arrayValue ?? []
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries), pretty: true))
            return 0
        }
        if entries.isEmpty {
            console.out(Messages.t(.historyEmpty, course))
            return 0
        }
        for h in entries {
            let old = h["oldPoints"]?.numberValue.map(ScoreFormat.text) ?? "–"
            let new = h["newPoints"]?.numberValue.map(ScoreFormat.text) ?? "?"
            let feedback = h["newFeedback"]?.stringValue.map { "  \"\($0)\"" } ?? ""
            console.out(
                TerminalText.sanitize(
                    "\(h["changedAt"]?.stringValue ?? "")  \(h["changedBy"]?.stringValue ?? "")  \(h["student"]?.stringValue ?? "?")  "
                        + "\(h["item"]?.stringValue ?? "")  \(old) → \(new)\(feedback)"))
        }
        return 0
    }
}
