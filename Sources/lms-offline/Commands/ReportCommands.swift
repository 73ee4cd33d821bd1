import Foundation
import LMSDatabase
import LMSModel

/// The reports: progress, grades, due, inbox.
enum ReportCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "progress", summary: "completion per module and course, time spent and scores",
            usage: "lms-offline progress [COURSE] [--json] [--home DIR]", flags: ["json"], run: progress),
        .init(
            name: "grades", summary: "your scores: practice quizzes graded here, and grades from the server",
            usage: "lms-offline grades [COURSE] [--json] [--home DIR]", flags: ["json"], run: grades),
        .init(
            name: "due", summary: "upcoming and overdue work across courses",
            usage: "lms-offline due [--json] [--home DIR]", flags: ["json"], run: due),
        .init(
            name: "inbox", summary: "notifications, read and unread; --read ID or --all-read marks them read",
            usage: "lms-offline inbox [--read ID] [--all-read] [--json] [--home DIR]",
            flags: ["json", "all-read"], options: ["read"], run: inbox)
    ]

    static func progress(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let courses = try args.positionals.first.map { [try catalog.course(matching: $0)] } ?? catalog.courses()
        var reports: [JSONValue] = []
        for course in courses {
            // One pass over the course's lessons joined with this profile's progress.
            var modules: [(id: String, title: String, lessons: Int, done: Int)] = []
            var seconds = 0
            try context.queue.read { db in
                try db.forEach(
                    """
                    SELECT i.module_id, i.module_title, p.completed, p.total_seconds FROM course_items i
                    LEFT JOIN progress p ON p.profile_id = ? AND p.course_id = i.course_id AND p.lesson_id = i.item_id
                    WHERE i.course_id = ? AND i.kind = 'lesson' AND i.removed = 0 ORDER BY i.position
                    """, arguments: [profile.id, course.id]
                ) { c in
                    let id = c.string(at: 0)
                    if modules.last?.id != id { modules.append((id, c.string(at: 1), 0, 0)) }
                    modules[modules.count - 1].lessons += 1
                    if c.int(at: 2) != 0 { modules[modules.count - 1].done += 1 }
                    seconds += c.int(at: 3)
                }
            }
            let states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
            let quizPoints = states.quizzes.values.compactMap(\.best).reduce(0, +)
            let quizMax = states.quizzes.values.filter { $0.best != nil }.compactMap(\.max).reduce(0, +)
            let lessons = modules.reduce(0) { $0 + $1.lessons }
            let done = modules.reduce(0) { $0 + $1.done }
            if args.has("json") {
                reports.append(
                    .obj([
                        ("course", .str(course.id)), ("title", .str(course.title)), ("lessons", .int(lessons)),
                        ("lessonsDone", .int(done)),
                        ("percent", .num(lessons == 0 ? 0 : (Double(done) / Double(lessons) * 1000).rounded() / 10)),
                        ("seconds", .int(seconds)), ("quizPoints", .num(quizPoints)), ("quizMaxPoints", .num(quizMax)),
                        ("submissions", .int(states.submissions.count)),
                        (
                            "modules",
                            .list(
                                modules.map {
                                    .obj([
                                        ("id", .str($0.id)), ("title", .str($0.title)),
                                        ("lessons", .int($0.lessons)), ("lessonsDone", .int($0.done))
                                    ])
                                })
                        )
                    ]))
                continue
            }
            let bar = console.isTerminal ? bar(done, lessons, console: console) + " " : ""
            console.out(
                console.paint(TerminalText.sanitize(course.title), .bold)
                    + "  \(bar)\(done)/\(lessons)  \(Messages.t(.headerTime)): \(ItemStates.duration(seconds))"
                    + (quizMax > 0
                        ? "  \(Messages.t(.headerScore)): \(ScoreFormat.fraction(quizPoints, of: quizMax))"
                        : ""))
            for m in modules { console.out("  \(TerminalText.sanitize(m.title)): \(m.done)/\(m.lessons)") }
        }
        if args.has("json") {
            console.out(JSONWriter.write(.list(reports), pretty: true))
        } else if courses.isEmpty {
            console.out(Messages.t(.noCourses))
        }
        return 0
    }

    /// A compact bar of `done` out of `total`, ten cells wide.
    static func bar(_ done: Int, _ total: Int, console: Console) -> String {
        let cells = 10
        let filled = total == 0 ? 0 : done * cells / total
        return console.paint(String(repeating: "█", count: filled), .green)
            + String(repeating: "░", count: cells - filled)
    }

    static func grades(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let courseID = try args.positionals.first.map {
            try CourseCatalog(queue: context.queue, home: context.home).course(matching: $0).id
        }
        var entries: [JSONValue] = []
        var lines: [String] = []
        try context.queue.read { db in
            try db.forEach(
                """
                SELECT course_id, quiz_id, status, points, max_points, submitted_at FROM attempts
                WHERE profile_id = ?1 AND status <> 'draft' AND (?2 IS NULL OR course_id = ?2)
                  AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.profile_id = attempts.profile_id AND g.course_id = attempts.course_id
                                  AND g.item_id = attempts.quiz_id)  -- the server's grade stands for the quiz once it is here
                ORDER BY submitted_at
                """, arguments: [profile.id, courseID]
            ) { c in
                let awaiting = c.string(at: 2) == "awaiting"
                entries.append(
                    .obj([
                        ("course", .str(c.string(at: 0))), ("item", .str(c.string(at: 1))), ("kind", .str("quiz")),
                        ("source", .str("local")), ("status", .str(awaiting ? "awaiting-server" : "graded")),
                        ("points", awaiting ? JSONValue(.null) : .num(c.double(at: 3))),
                        ("maxPoints", .num(c.double(at: 4)))
                    ]))
                lines.append(
                    "\(c.string(at: 0))  \(c.string(at: 1))  "
                        + (awaiting
                            ? Messages.t(.awaiting)
                            : ScoreFormat.fraction(c.double(at: 3), of: c.double(at: 4))))
            }
            try db.forEach(
                """
                SELECT course_id, item_id, points, max_points, feedback FROM grades
                WHERE profile_id = ?1 AND (?2 IS NULL OR course_id = ?2) ORDER BY graded_at
                """, arguments: [profile.id, courseID]
            ) { c in
                entries.append(
                    .obj([
                        ("course", .str(c.string(at: 0))), ("item", .str(c.string(at: 1))), ("source", .str("server")),
                        ("status", .str("graded")), ("points", .num(c.double(at: 2))),
                        ("maxPoints", .num(c.double(at: 3))),
                        ("feedback", c.isNull(at: 4) ? JSONValue(.null) : .str(c.string(at: 4)))
                    ]))
                lines.append(
                    "\(c.string(at: 0))  \(c.string(at: 1))  \(ScoreFormat.fraction(c.double(at: 2), of: c.double(at: 3)))"
                )
            }
        }
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries), pretty: true))
        } else {
            console.out(lines.isEmpty ? Messages.t(.noGrades) : lines.joined(separator: "\n"))
        }
        return 0
    }

    static func due(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let now = context.now()
        var entries: [JSONValue] = []
        var lines: [String] = []
        try context.queue.read { db in
            try db.forEach(
                """
                SELECT i.course_id, i.item_id, i.title, i.due FROM course_items i
                WHERE i.kind = 'assignment' AND i.removed = 0 AND i.due IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.profile_id = ? AND s.course_id = i.course_id
                                  AND s.assignment_id = i.item_id)
                ORDER BY i.due
                """, arguments: [profile.id]
            ) { c in
                let due = Date(timeIntervalSince1970: Double(c.int64(at: 3)) / 1000)
                let overdue = due < now
                entries.append(
                    .obj([
                        ("course", .str(c.string(at: 0))), ("assignment", .str(c.string(at: 1))),
                        ("title", .str(c.string(at: 2))),
                        ("due", .date(due)), ("overdue", .flag(overdue))
                    ]))
                let state =
                    overdue
                    ? console.paint(Messages.t(.overdue), .red)
                    : Messages.t(.dueIn, ItemStates.duration(Int(due.timeIntervalSince(now))))
                lines.append(
                    "\(ISO8601DateFormatter().string(from: due))  \(state)  \(c.string(at: 0))  \(c.string(at: 1))  \(c.string(at: 2))"
                )
            }
        }
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries), pretty: true))
        } else {
            console.out(lines.isEmpty ? Messages.t(.nothingDue) : lines.joined(separator: "\n"))
        }
        return 0
    }

    static func inbox(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let now = context.now()
        // comms: new items and deadlines, once each
        try Notifications.refresh(context.queue, profile: profile, now: now)
        if let id = args.value("read") {
            // The id as `inbox` shows it (a prefix that names one notification), or whole.
            try context.queue.write { db in
                let all = try db.fetchColumn(
                    String.self, "SELECT id FROM notifications WHERE profile_id = ?", arguments: [profile.id]
                ).compactMap { $0 }
                let matches = all.contains(id) ? [id] : all.filter { $0.hasPrefix(id) }
                guard !matches.isEmpty else { throw ClientError(.notificationUnknown, id) }
                guard matches.count == 1 else {
                    let short = shortIDs(all)
                    throw ClientError(
                        .notificationAmbiguous, id, matches.prefix(5).map { short[$0] ?? $0 }.joined(separator: ", "))
                }
                try db.execute(
                    "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE profile_id = ? AND id = ?",
                    arguments: [now, profile.id, matches[0]])
            }
            console.out(Messages.t(.markedRead, id))
            return 0
        }
        if args.has("all-read") {
            try context.queue.write { db in
                try db.execute(
                    "UPDATE notifications SET read_at = ? WHERE profile_id = ? AND read_at IS NULL",
                    arguments: [now, profile.id])
            }
        }
        let rows = try context.queue.read { db in
            // Notifications made by sync carry both languages; the reader's is shown.
            try db.fetchAll(
                """
                SELECT id, kind, CASE WHEN ?1 THEN coalesce(title_es, title) ELSE title END,
                       CASE WHEN ?1 THEN coalesce(body_es, body) ELSE body END, created_at, read_at
                FROM notifications WHERE profile_id = ?2 ORDER BY created_at DESC
                """, arguments: [Language.current == .spanish, profile.id])
        }
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        rows.map { r in
                            .obj([
                                ("id", .str(r.string(0) ?? "")), ("kind", .str(r.string(1) ?? "")),
                                ("title", .str(r.string(2) ?? "")),
                                ("body", .str(r.string(3) ?? "")), ("createdAt", .date(r.date(4))),
                                ("read", .flag(r.date(5) != nil))
                            ])
                        }), pretty: true))
            return 0
        }
        if rows.isEmpty { console.out(Messages.t(.inboxEmpty)) }
        let short = shortIDs(rows.compactMap { $0.string(0) })
        for r in rows {
            let unread = r.date(5) == nil
            let mark = unread ? console.paint("●", .yellow) : " "
            let title = TerminalText.sanitize(r.string(2) ?? "")
            let shown = unread ? console.paint(title, .bold) : title
            console.out("\(mark) \(TerminalText.sanitize(short[r.string(0) ?? ""] ?? ""))  \(shown)")
            if let body = r.string(3), !body.isEmpty { console.out("    \(TerminalText.sanitize(body))") }
        }
        return 0
    }
}
