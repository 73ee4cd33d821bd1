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
            usage: "lms-offline inbox [--read HANDLE] [--all-read] [--json] [--home DIR]",
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
            let (modules, seconds) = try ReportStore(queue: context.queue).moduleProgress(
                profileID: profile.id, courseID: course.id)
            let states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
            let quizPoints = states.quizzes.values.compactMap(\.best).reduce(0, +)
            let quizMax = states.quizzes.values.filter { $0.best != nil }.compactMap(\.max).reduce(0, +)
            // Scores whose essays await the teacher's grade are provisional: the total says "so far".
            let quizzesAwaitingTeacher = states.quizzes.values.filter(\.essaysPending).count
            let lessons = modules.reduce(0) { $0 + $1.lessons }
            let done = modules.reduce(0) { $0 + $1.done }
            if args.has("json") {
                reports.append(
                    .obj([
                        ("course", .str(course.id)), ("title", .str(course.title)), ("lessons", .int(lessons)),
                        ("lessonsDone", .int(done)),
                        ("percent", .num(lessons == 0 ? 0 : (Double(done) / Double(lessons) * 1000).rounded() / 10)),
                        ("seconds", .int(seconds)), ("quizPoints", .num(quizPoints)), ("quizMaxPoints", .num(quizMax)),
                        ("quizzesAwaitingTeacher", .int(quizzesAwaitingTeacher)),
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
            // Folded at spaces on a narrow terminal (a terminal's own folding cut "nota" mid-word).
            console.outFolded(
                console.paint(TerminalText.sanitize(course.title), .bold)
                    + "  \(bar)\(done)/\(lessons)  \(Messages.t(.headerTime)): \(ItemStates.duration(seconds))"
                    + (quizMax > 0
                        ? "  \(Messages.t(.headerScore)): \(ScoreFormat.fraction(quizPoints, of: quizMax))"
                        : "")
                    + (quizzesAwaitingTeacher > 0 ? "  (" + Messages.t(.essaysPendingShort) + ")" : ""),
                width: Pager.width(environment: context.environment), indent: 2)
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
        let store = ReportStore(queue: context.queue)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        var neverReviewed: [String: Set<String>] = [:]
        for r in try store.localResults(profileID: profile.id, courseID: courseID) {
            let status = r.withheld ? "withheld" : r.awaiting ? "awaiting-server" : "graded"
            let unscored = r.awaiting || r.withheld
            entries.append(
                .obj([
                    ("course", .str(r.courseID)), ("item", .str(r.quizID)), ("kind", .str("quiz")),
                    ("source", .str("local")), ("status", .str(status)),
                    ("points", unscored ? JSONValue(.null) : .num(r.points)), ("maxPoints", .num(r.maxPoints)),
                    ("late", .flag(r.late)), ("essaysPending", .flag(r.essaysPending))
                ]))
            if r.withheld, neverReviewed[r.courseID] == nil {
                neverReviewed[r.courseID] = catalog.neverReviewedQuizzes(courseID: r.courseID)
            }
            let never = neverReviewed[r.courseID]?.contains(r.quizID) == true
            let state =
                r.withheld
                ? ItemStates.withheldText(never: never)
                : r.awaiting ? Messages.t(.awaiting) : ScoreFormat.fraction(r.points, of: r.maxPoints)
            // A late attempt that no teacher counted is not a grade: said, so a score here is not taken for one.
            // Scored here with its essays still to grade: the score is provisional, and says so.
            var notes: [String] = []
            if r.essaysPending, !unscored { notes.append(Messages.t(.essaysPendingShort)) }
            if r.late { notes.append(Messages.t(.lateNotCountedShort)) }
            lines.append("\(r.courseID)  \(r.quizID)  " + state + notes.map { "  (" + $0 + ")" }.joined())
        }
        for g in try store.serverGrades(profileID: profile.id, courseID: courseID) {
            entries.append(
                .obj([
                    ("course", .str(g.courseID)), ("item", .str(g.itemID)), ("source", .str("server")),
                    ("status", .str("graded")), ("points", .num(g.points)), ("maxPoints", .num(g.maxPoints)),
                    ("feedback", .opt(g.feedback))
                ]))
            lines.append("\(g.courseID)  \(g.itemID)  \(ScoreFormat.fraction(g.points, of: g.maxPoints))")
        }
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries), pretty: true))
        } else {
            if lines.isEmpty { console.out(Messages.t(.noGrades)) }
            let width = Pager.width(environment: context.environment)
            for line in lines { console.outFolded(line, width: width, indent: 4) }
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
        for item in try ReportStore(queue: context.queue).dueWork(profileID: profile.id) {
            let overdue = item.due < now
            entries.append(
                .obj([
                    ("course", .str(item.courseID)), ("assignment", .str(item.assignmentID)),
                    ("title", .str(item.title)),
                    ("due", .date(item.due)), ("overdue", .flag(overdue))
                ]))
            let state =
                overdue
                ? console.paint(Messages.t(.overdue), .red)
                : Messages.t(.dueIn, ItemStates.duration(Int(item.due.timeIntervalSince(now))))
            lines.append(
                "\(ISO8601DateFormatter().string(from: item.due))  \(state)  \(item.courseID)  \(item.assignmentID)  \(TerminalText.sanitize(item.title))"
            )
        }
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries), pretty: true))
        } else {
            if lines.isEmpty { console.out(Messages.t(.nothingDue)) }
            let width = Pager.width(environment: context.environment)
            for line in lines { console.outFolded(line, width: width, indent: 4) }
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
        let store = NotificationStore(queue: context.queue, profileID: profile.id)
        if let text = args.value("read") {
            // The handle `inbox` shows (or a longer prefix of it), or the whole id.
            try store.markRead(id: try NotificationStore.resolve(text, among: try store.ids()), now: now)
            console.out(Messages.t(.markedRead, text))
            return 0
        }
        if args.has("all-read") { try store.markAllRead(now: now) }
        let entries = try store.all(spanish: Language.current == .spanish)
        let handles = NotificationStore.handles(of: entries.map(\.id))
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        entries.map { e in
                            .obj([
                                ("id", .str(e.id)), ("handle", .str(handles[e.id] ?? "")), ("kind", .str(e.kind)),
                                ("title", .str(e.title)), ("body", .str(e.body)), ("createdAt", .date(e.createdAt)),
                                ("read", .flag(e.readAt != nil))
                            ])
                        }), pretty: true))
            return 0
        }
        if entries.isEmpty { console.out(Messages.t(.inboxEmpty)) }
        for e in entries {
            let unread = e.readAt == nil
            let mark = unread ? console.paint("●", .yellow) : " "
            let title = TerminalText.sanitize(e.title)
            let shown = unread ? console.paint(title, .bold) : title
            console.out("\(mark) \(handles[e.id] ?? "")  \(shown)")
            if !e.body.isEmpty { console.out("    \(TerminalText.sanitize(e.body))") }
        }
        return 0
    }
}
