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
            name: "read", summary: "read a lesson (recorded as progress); --done marks it done",
            usage: "lms-offline read LESSON [--done] [--course COURSE] [--json] [--home DIR]",
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
        let profile = try? context.activeProfile(args)
        let rows = try context.queue.read { db in
            try db.fetchAll(
                """
                SELECT c.id, c.version, c.title,
                  (SELECT count(*) FROM course_items i WHERE i.course_id = c.id AND i.kind = 'lesson' AND i.removed = 0),
                  (SELECT count(*) FROM progress p JOIN course_items i ON i.course_id = p.course_id AND i.item_id = p.lesson_id
                     AND i.removed = 0 WHERE p.profile_id = ?1 AND p.course_id = c.id AND p.completed = 1)
                FROM courses c ORDER BY c.position
                """, arguments: [profile?.id ?? ""])
        }
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        rows.map { r in
                            .obj([
                                ("id", .str(r.string(0) ?? "")), ("version", .str(r.string(1) ?? "")),
                                ("title", .str(r.string(2) ?? "")),
                                ("lessons", .int(r.int(3) ?? 0)), ("lessonsDone", .int(r.int(4) ?? 0))
                            ])
                        }), pretty: true))
            return 0
        }
        if rows.isEmpty {
            console.out(Messages.t(.noCourses))
            return 0
        }
        for r in rows {
            let total = r.int(3) ?? 0
            let done = r.int(4) ?? 0
            let bar = console.isTerminal ? ReportCommands.bar(done, total, console: console) + " " : ""
            console.out(
                "\(r.string(0) ?? "")  \(r.string(1) ?? "")  \(bar)\(done)/\(total)  \(TerminalText.sanitize(r.string(2) ?? ""))"
            )
        }
        return 0
    }

    static func course(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let course = try catalog.course(matching: try args.positional(0, "COURSE"))
        let states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
        let items = try catalog.items(of: course.id)
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
            console.out(
                "  \(item.kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(item.id)  \(TerminalText.sanitize(item.title))  [\(state)]\(removed)"
            )
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
        let item = try catalog.item(
            matching: try args.positional(0, "LESSON"), course: args.value("course"), kind: "lesson")
        try show(item, context: context, profile: profile, json: args.has("json"), markDone: args.has("done"))
        return 0
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
        Pager.show(lines, console: context.console, environment: context.environment)
        if markDone { context.console.err(Messages.t(.markedDone, item.id)) }
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
