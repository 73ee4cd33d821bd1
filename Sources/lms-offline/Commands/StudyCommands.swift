import Foundation
import LMSDatabase
import LMSModel

/// The reading side of studying: courses, course, syllabus, read, done, next.
enum StudyCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "courses", summary: "the installed courses and how far you are in each",
            usage: "lms-offline courses [--json] [--home DIR]", flags: ["json"], run: courses),
        .init(
            name: "course", summary: "a course's modules, lessons, quizzes and assignments with their state",
            usage: "lms-offline course COURSE [--json] [--home DIR]", flags: ["json"], run: course),
        .init(
            name: "syllabus", summary: "a course's front page: description, objectives and syllabus",
            usage: "lms-offline syllabus COURSE [--json] [--home DIR]", flags: ["json"], run: syllabus),
        .init(
            name: "read",
            summary: "read a lesson (recorded as progress; --done marks it done) or an assignment's instructions",
            usage: "lms-offline read LESSON|ASSIGNMENT [--done] [--course COURSE] [--json] [--home DIR]",
            flags: ["done", "json"], options: ["course"], run: read),
        .init(
            name: "done", summary: "mark a lesson done",
            usage: "lms-offline done LESSON [--course COURSE] [--home DIR]", options: ["course"], run: done),
        .init(
            name: "next", summary: "resume where you left off: the next lesson, quiz or assignment in course order",
            usage: "lms-offline next [COURSE] [--json] [--home DIR]", flags: ["json"], run: next)
    ]

    static func courses(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let profile = try? context.activeProfile(args, createIfNone: false)
        let rows = try CourseCatalog(queue: context.queue, home: context.home).summaries(profileID: profile?.id)
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        rows.map { r in
                            .obj([
                                ("id", .str(r.id)), ("version", .str(r.version)), ("title", .str(r.title)),
                                ("lessons", .int(r.lessons)), ("lessonsDone", .int(r.lessonsDone))
                            ])
                        }), pretty: true))
            return 0
        }
        if rows.isEmpty {
            console.out(Messages.t(.noCourses))
            return 0
        }
        for r in rows {
            let bar = console.isTerminal ? ReportCommands.bar(r.lessonsDone, r.lessons, console: console) + " " : ""
            console.out("\(r.id)  \(r.version)  \(bar)\(r.lessonsDone)/\(r.lessons)  \(TerminalText.sanitize(r.title))")
        }
        return 0
    }

    static func course(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let course = try catalog.course(matching: try args.positional(0, "COURSE"))
        var states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
        states.learnReviews(catalog, courseID: course.id)
        let items = try catalog.items(of: course.id)
        let kindWidth = CourseCatalog.kindColumnWidth
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("id", .str(course.id)), ("version", .str(course.version)), ("title", .str(course.title)),
                        (
                            "items",
                            .list(
                                items.map { item in
                                    .obj([
                                        ("id", .str(item.id)), ("kind", .str(item.kind)),
                                        ("module", .str(item.moduleID)),
                                        ("title", .str(item.title)), ("removed", .flag(item.removed)),
                                        ("state", states.json(item))
                                    ])
                                })
                        )
                    ]), pretty: true))
            return 0
        }
        console.out(console.paint(TerminalText.sanitize("\(course.title) (\(course.id) \(course.version))"), .bold))
        var module = ""
        for item in items {
            if item.removed {
                if module != "\u{0}" {
                    module = "\u{0}"
                    console.out("")
                }
            } else if item.moduleID != module {
                module = item.moduleID
                console.out("\n" + console.paint(TerminalText.sanitize(item.moduleTitle), .bold))
            }
            let state = states.text(item)
            let removed = item.removed ? " " + Messages.t(.removedMark) : ""
            // The kind in the reader's language (`cuestionario`), in a column as wide as the longest one.
            let kind = CourseCatalog.kindWord(item.kind).padding(toLength: kindWidth, withPad: " ", startingAt: 0)
            console.outFolded(
                "  \(kind) \(item.id)  \(TerminalText.sanitize(item.title))  [\(state)]\(removed)",
                width: Pager.width(environment: context.environment), indent: kindWidth + 3)
        }
        return 0
    }

    static func syllabus(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        _ = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let course = try catalog.course(matching: try args.positional(0, "COURSE"))
        let loaded = try CourseCatalog.loadCourse(folder: course.folder)
        let text = FileManager.default.contents(atPath: course.folder + "/syllabus.md").map {
            String(decoding: $0, as: UTF8.self)
        }
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("id", .str(course.id)), ("title", .str(loaded.title)),
                        ("description", .opt(loaded.description)),
                        ("objectives", .list(loaded.objectives.map(JSONValue.str))), ("syllabus", .opt(text))
                    ]), pretty: true))
            return 0
        }
        var markdown = "# \(loaded.title)\n\n\(loaded.description ?? "")\n\n"
        markdown += loaded.objectives.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        markdown += text.map { LessonView.split($0).body } ?? Messages.t(.noSyllabus, course.id)
        let view = LessonView(
            folder: course.folder, path: "syllabus.md", itemIDsByPath: try Self.itemIDsByPath(catalog, course.id))
        let width = Pager.width(environment: context.environment)
        var page = view.page(markdown: markdown, width: width, color: console.useColor)
        if LessonPictures.available(color: console.useColor, environment: context.environment) {
            page = LessonPictures.draw(into: page, width: width)
        }
        Pager.show(page.text(color: console.useColor), console: console, environment: context.environment)
        return 0
    }

    static func read(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.activeProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let name = try args.positional(0, "LESSON")
        let item: ItemRecord
        do {
            item = try catalog.item(matching: name, course: args.value("course"), kind: "lesson")
        } catch let error as ClientError where error.key == .notALesson && error.args.last == "assignment" {
            let assignment = try catalog.item(matching: name, course: args.value("course"), kind: "assignment")
            try showAssignment(assignment, context: context, json: args.has("json"))
            return 0
        }
        try show(item, context: context, profile: profile, json: args.has("json"), markDone: args.has("done"))
        return 0
    }

    /// Shows an assignment's instructions (nothing is recorded: an assignment is done by submitting it).
    static func showAssignment(_ item: ItemRecord, context: ClientContext, json: Bool) throws {
        let course = try CourseCatalog(queue: context.queue, home: context.home).course(matching: item.courseID)
        guard
            let assignment = try CourseCatalog.loadCourse(folder: course.folder).assignments.first(where: {
                $0.id == item.id
            })
        else { throw ClientError(.itemUnknown, "assignment", item.id, "") }
        if json {
            context.console.out(
                JSONWriter.write(
                    .obj([
                        ("course", .str(item.courseID)), ("assignment", .str(item.id)),
                        ("title", .str(assignment.title)), ("due", .date(assignment.due)),
                        ("points", .num(assignment.points)), ("submission", .str(assignment.submission.rawValue)),
                        ("allowedTypes", .list(assignment.allowedTypes.map(JSONValue.str))),
                        ("instructions", .str(assignment.instructions))
                    ]), pretty: true))
            return
        }
        let lines = try AssignmentView(assignment: assignment, itemID: item.id, folder: course.folder).lines(
            width: Pager.width(environment: context.environment), color: context.console.useColor, now: context.now())
        Pager.show(lines, console: context.console, environment: context.environment)
    }

    /// Shows a lesson and records the opening (and completion when asked).
    static func show(_ item: ItemRecord, context: ClientContext, profile: Profile, json: Bool, markDone: Bool) throws {
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let course = try catalog.course(matching: item.courseID)
        let view = LessonView(
            folder: course.folder, path: item.path, itemIDsByPath: try itemIDsByPath(catalog, item.courseID))
        let store = ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
        let now = context.now()
        try store.open(courseID: item.courseID, lessonID: item.id, now: now)
        if markDone { try store.markDone(courseID: item.courseID, lessonID: item.id, now: now) }
        if json {
            let (body, keys) = try view.read()
            context.console.out(
                JSONWriter.write(
                    .obj([
                        ("course", .str(item.courseID)), ("lesson", .str(item.id)), ("title", .str(item.title)),
                        ("file", .str(course.folder + "/" + item.path)),
                        ("media", .opt(keys["media"].map(view.resolve))),
                        ("url", .opt(keys["url"])), ("markdown", .str(body)), ("done", .flag(markDone))
                    ]), pretty: true))
            return
        }
        let width = Pager.width(environment: context.environment)
        var page = try view.page(width: width, color: context.console.useColor)
        if LessonPictures.available(color: context.console.useColor, environment: context.environment) {
            page = LessonPictures.draw(into: page, width: width)
        }
        var lines = page.text(color: context.console.useColor)
        if !lines.contains(where: { $0.contains(item.title) }) { lines.insert(contentsOf: [item.title, ""], at: 0) }
        let outcome = Pager.show(lines, console: context.console, environment: context.environment)
        if markDone {
            context.console.err(Messages.t(.markedDone, item.id))
        } else if readToTheEnd(outcome, lessonID: item.id) {
            try store.markDone(courseID: item.courseID, lessonID: item.id, now: context.now())
            context.console.err(Messages.t(.markedDone, item.id))
        }
    }

    /// Whether a lesson shown on a terminal counts as read (docs/CLIENT.md, "Reading counts"): the whole
    /// text fitted on the screen, or the student left the pager normally and agreed (Enter) to mark it
    /// done. Text printed to a pipe or a file counts only with `--done`.
    static func readToTheEnd(_ outcome: Pager.Outcome, lessonID: String) -> Bool {
        switch outcome {
        case .shownWhole: return true
        case .pagerFinished:
            return LineReader.confirm(Messages.t(.markDonePrompt, lessonID), defaultAnswer: true) == true
        case .printed, .pagerFailed: return false
        }
    }

    /// The course's item ids by file path, for links between lessons.
    static func itemIDsByPath(_ catalog: CourseCatalog, _ courseID: String) throws -> [String: String] {
        var paths: [String: String] = [:]
        for item in try catalog.items(of: courseID) where !item.removed { paths[item.path] = item.id }
        return paths
    }

    static func done(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.activeProfile(args)
        let item = try CourseCatalog(queue: context.queue, home: context.home)
            .item(matching: try args.positional(0, "LESSON"), course: args.value("course"), kind: "lesson")
        try ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
            .markDone(courseID: item.courseID, lessonID: item.id, now: context.now())
        console.out(Messages.t(.markedDone, item.id))
        return 0
    }

    static func next(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let plan = try NextStep.find(
            catalog: catalog, queue: context.queue, profile: profile, course: args.positionals.first)
        for missing in plan.missingPrerequisites {
            console.err(Messages.t(.prerequisiteMissing, plan.course.id, missing))
        }
        guard let item = plan.item else {
            if args.has("json") {
                console.out(
                    JSONWriter.write(.obj([("course", .str(plan.course.id)), ("next", JSONValue(.null))]), pretty: true)
                )
            } else {
                console.out(Messages.t(.nextDone, TerminalText.sanitize(plan.course.title)))
            }
            return 0
        }
        let command = item.kind == "lesson" ? "read" : item.kind == "quiz" ? "quiz" : "submit"
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("course", .str(item.courseID)),
                        (
                            "next",
                            .obj([
                                ("id", .str(item.id)), ("kind", .str(item.kind)),
                                ("title", .str(item.title)), ("command", .str(command))
                            ])
                        )
                    ]), pretty: true))
            return 0
        }
        console.err(Messages.t(.nextItem, plan.course.title, command, item.id, item.title))
        if item.kind == "lesson" { try show(item, context: context, profile: profile, json: false, markDone: false) }
        return 0
    }
}

extension ClientContext {
    /// The active profile, ending any open lesson's reading time (the student moved on).
    func studyProfile(_ args: Arguments) throws -> Profile {
        let profile = try activeProfile(args)
        try ProgressStore(queue: queue, deviceID: deviceID, profile: profile).closeOpenLesson(now: now())
        return profile
    }
}
