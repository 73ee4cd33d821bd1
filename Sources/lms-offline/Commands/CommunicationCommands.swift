import Foundation
import LMSDatabase
import LMSModel

/// Announcements, forums and direct messages (docs/CLIENT.md "Communication"). Everything is
/// written offline, stored with its outbox entry, and shown as not yet synced until it comes back.
enum CommunicationCommands {
    static let bodyOptions: Set<String> = ["body", "body-file"]

    static let all: [LMSOffline.Command] = [
        .init(
            name: "announce", summary: "announce to a course (teachers; sent on the next sync)",
            usage: "lms-offline announce COURSE --title T (--body B | --body-file F) [--home DIR]",
            options: bodyOptions.union(["title"]), run: announce),
        .init(
            name: "announcements", summary: "the announcements of your courses",
            usage: "lms-offline announcements [COURSE] [--json] [--home DIR]", flags: ["json"], run: announcements),
        .init(
            name: "forum", summary: "course and lesson forums: list, show, post, reply, edit, delete",
            usage: """
                lms-offline forum COURSE [--lesson ID] [--json]
                       lms-offline forum show POST [--json]
                       lms-offline forum post COURSE [--lesson ID] --title T (--body B | --body-file F)
                       lms-offline forum reply POST (--body B | --body-file F)
                       lms-offline forum edit POST [--title T] (--body B | --body-file F)
                       lms-offline forum delete POST
                """, flags: ["json"], options: bodyOptions.union(["title", "lesson"]), run: forum),
        .init(
            name: "message", summary: "a direct message between a student and a teacher of a course",
            usage: "lms-offline message USERNAME --course C (--body B | --body-file F) [--home DIR]",
            options: bodyOptions.union(["course"]), run: message),
        .init(
            name: "messages", summary: "your direct messages, sent and received",
            usage: "lms-offline messages [USERNAME] [--json] [--home DIR]", flags: ["json"], run: messages)
    ]

    // MARK: - Writing

    static func announce(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let course = try courseID(try args.positional(0, "COURSE"), context: context, profile: profile)
        guard let title = args.value("title") else { throw Arguments.UsageError(description: "missing --title") }
        let note = try store(context, profile).announce(
            courseID: course, title: title, body: try body(args), now: context.now())
        console.out(Messages.t(.commsSavedAnnouncement, String(note.id.prefix(8))))
        return 0
    }

    static func message(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let to = try args.positional(0, "USERNAME")
        guard let courseText = args.value("course") else { throw Arguments.UsageError(description: "missing --course") }
        let course = try courseID(courseText, context: context, profile: profile)
        let sent = try store(context, profile).send(to: to, courseID: course, body: try body(args), now: context.now())
        console.out(Messages.t(.commsSavedMessage, String(sent.id.prefix(8)), to))
        return 0
    }

    static func forum(_ args: Arguments, _ console: Console) throws -> Int32 {
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let now = context.now()
        let verb = try args.positional(0, "COURSE or show|post|reply|edit|delete")
        switch verb {
        case "show":
            try args.expectPositionals(atMost: 2)
            return try showThread(try args.positional(1, "POST"), args: args, context: context, profile: profile)
        case "post":
            try args.expectPositionals(atMost: 2)
            let course = try courseID(try args.positional(1, "COURSE"), context: context, profile: profile)
            let lesson = try args.value("lesson").map { try lessonID($0, course: course, context: context) }
            guard let title = args.value("title") else { throw Arguments.UsageError(description: "missing --title") }
            let post = try store(context, profile).startThread(
                courseID: course, lessonID: lesson, title: title, body: try body(args), now: now)
            console.out(Messages.t(.commsSavedThread, String(post.id.prefix(8))))
        case "reply":
            try args.expectPositionals(atMost: 2)
            let post = try store(context, profile).reply(
                to: try args.positional(1, "POST"), body: try body(args), now: now)
            console.out(Messages.t(.commsSavedReply, String(post.id.prefix(8))))
        case "edit":
            try args.expectPositionals(atMost: 2)
            let post = try store(context, profile).edit(
                try args.positional(1, "POST"), title: args.value("title"), body: try body(args), now: now)
            console.out(Messages.t(.commsSavedEdit, String(post.id.prefix(8))))
        case "delete":
            try args.expectPositionals(atMost: 2)
            let post = try store(context, profile).delete(try args.positional(1, "POST"), now: now)
            console.out(Messages.t(.commsSavedDelete, String(post.id.prefix(8))))
        default:
            try args.expectPositionals(atMost: 1)
            let course = try courseID(verb, context: context, profile: profile)
            let lesson = try args.value("lesson").map { try lessonID($0, course: course, context: context) }
            return try listThreads(course: course, lesson: lesson, args: args, context: context, profile: profile)
        }
        return 0
    }

    // MARK: - Reading

    static func announcements(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let course = try args.positionals.first.map { try courseID($0, context: context, profile: profile) }
        let rows = try store(context, profile).announcements(courseID: course)
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        rows.map { r in
                            .obj([
                                ("id", .str(r.id)), ("course", .str(r.courseID)), ("author", .str(r.author)),
                                ("title", .str(r.title)), ("body", .str(r.body)), ("createdAt", .date(r.createdAt)),
                                ("synced", .flag(r.synced == .synced)), ("refused", .flag(r.synced == .refused))
                            ])
                        }), pretty: true))
            return 0
        }
        if rows.isEmpty { console.out(Messages.t(.commsNoAnnouncements)) }
        for r in rows {
            console.out(
                console.paint(TerminalText.sanitize(r.title), .bold)
                    + "  \(r.courseID)  \(TerminalText.sanitize(r.author))  \(stamp(r.createdAt))"
                    + r.synced.mark(console))
            for line in TerminalText.sanitize(r.body).split(
                separator: "\n", omittingEmptySubsequences: false)
            { console.out("    \(line)") }
        }
        return 0
    }

    static func listThreads(course: String, lesson: String?, args: Arguments, context: ClientContext, profile: Profile)
        throws -> Int32
    {
        let console = context.console
        let threads = try store(context, profile).threads(courseID: course, lessonID: lesson)
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(threads.map { json($0.post, synced: $0.synced, extra: [("replies", .int($0.replies))]) }),
                    pretty: true))
            return 0
        }
        if threads.isEmpty { console.out(Messages.t(.commsNoThreads)) }
        for t in threads {
            let title =
                t.post.deleted
                ? Messages.t(.commsDeletedMark) : console.paint(TerminalText.sanitize(t.post.title ?? ""), .bold)
            console.out(
                "\(String(t.post.id.prefix(8)))  \(title)  \(TerminalText.sanitize(t.post.authorName))  \(stamp(t.post.createdAt))  "
                    + Messages.t(.commsReplies, t.replies) + marks(t.post, synced: t.synced, console: console))
        }
        return 0
    }

    static func showThread(_ target: String, args: Arguments, context: ClientContext, profile: Profile) throws -> Int32
    {
        let console = context.console
        let posts = try store(context, profile).thread(of: target)
        if args.has("json") {
            console.out(JSONWriter.write(.list(posts.map { json($0.post, synced: $0.synced) }), pretty: true))
            return 0
        }
        for (i, item) in posts.enumerated() {
            let p = item.post
            let head =
                i == 0
                ? console.paint(p.deleted ? Messages.t(.commsDeletedMark) : TerminalText.sanitize(p.title ?? ""), .bold)
                    + "\n" : ""
            console.out(
                "\(head)\(i == 0 ? "" : "  ↳ ")\(String(p.id.prefix(8)))  \(TerminalText.sanitize(p.authorName))  \(stamp(p.createdAt))"
                    + marks(p, synced: item.synced, console: console))
            let text = p.deleted ? Messages.t(.commsDeletedMark) : TerminalText.sanitize(p.body)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                console.out((i == 0 ? "    " : "      ") + line)
            }
        }
        return 0
    }

    static func messages(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let other = args.positionals.first
        let rows = try store(context, profile).messages(with: other)
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        rows.map { r in
                            .obj([
                                ("id", .str(r.id)), ("course", .str(r.courseID)), ("from", .str(r.from)),
                                ("to", .str(r.to)), ("body", .str(r.body)), ("sentAt", .date(r.sentAt)),
                                ("outgoing", .flag(r.outgoing)), ("synced", .flag(r.synced == .synced)),
                                ("refused", .flag(r.synced == .refused))
                            ])
                        }), pretty: true))
            return 0
        }
        if rows.isEmpty { console.out(Messages.t(.commsNoMessages)) }
        for r in rows {
            let arrow = TerminalText.sanitize(r.outgoing ? "→ \(r.to)" : "← \(r.from)")
            console.out(console.paint(arrow, .bold) + "  \(r.courseID)  \(stamp(r.sentAt))" + r.synced.mark(console))
            for line in TerminalText.sanitize(r.body).split(
                separator: "\n", omittingEmptySubsequences: false)
            { console.out("    \(line)") }
        }
        return 0
    }

    // MARK: - Support

    static func store(_ context: ClientContext, _ profile: Profile) -> CommunicationStore {
        CommunicationStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
    }

    /// The text of `--body` or of `--body-file` (exactly one).
    static func body(_ args: Arguments) throws -> String {
        switch (args.value("body"), args.value("body-file")) {
        case (let text?, nil): return text
        case (nil, let file?):
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ClientError(.fileUnreadable, file)
            }
            guard data.count <= CommunicationLimits.maxBodyBytes else {
                throw ClientError(.commsTooLong, file, CommunicationLimits.maxBodyBytes)
            }
            // A file's final newline is not part of the text.
            var text = String(decoding: data, as: UTF8.self)
            while text.last?.isNewline == true { text.removeLast() }
            return text
        default: throw Arguments.UsageError(description: Messages.t(.commsBodyOrFile))
        }
    }

    /// An installed course matching `text`; else a course this profile has heard of, or any valid
    /// course id (a teacher need not install the courses they teach: the server checks).
    static func courseID(_ text: String, context: ClientContext, profile: Profile) throws -> String {
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        if let course = try? catalog.course(matching: text) { return course.id }
        guard Course.isValidID(text) else { throw ClientError(.commsCourseUnknown, text) }
        return text
    }

    /// The lesson `text` of an installed course (checked, short ids allowed). When the course is not
    /// installed (a teacher's device), a lesson whose forum is here by its last segment, else as given.
    static func lessonID(_ text: String, course: String, context: ClientContext) throws -> String {
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        if (try? catalog.course(matching: course))?.id == course {
            return try catalog.item(matching: text, course: course, kind: "lesson").id
        }
        let known = try CommunicationStore.lessonsWithPosts(courseID: course, queue: context.queue)
        let matching = known.filter { $0 == text || $0.hasSuffix("/" + text) }
        return matching.count == 1 ? matching[0] : text
    }

    static func stamp(_ date: Date?) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func marks(_ post: Post, synced: SyncMark, console: Console) -> String {
        (post.edited && !post.deleted ? "  " + Messages.t(.commsEditedMark) : "") + synced.mark(console)
    }

    static func json(_ p: Post, synced: SyncMark, extra: [(String, JSONValue)] = []) -> JSONValue {
        .obj(
            [
                ("id", .str(p.id)), ("course", .str(p.courseID)), ("lesson", .opt(p.lessonID)),
                ("thread", .opt(p.threadID)),
                ("author", .str(p.authorName)), ("title", .opt(p.title)), ("body", .str(p.body)),
                ("createdAt", .date(p.createdAt)),
                ("edited", .flag(p.edited)), ("deleted", .flag(p.deleted)), ("synced", .flag(synced == .synced)),
                ("refused", .flag(synced == .refused))
            ] + extra)
    }
}

/// Where a post, message or announcement written here stands with the server (the `synced` column:
/// 0 waits to be pushed or to come back, 1 came back from the server, -1 the server refused it: the
/// reason is in the inbox, and the text stays here).
enum SyncMark: Equatable {
    case pending, synced, refused

    init(_ column: Int?) {
        switch column {
        case 1: self = .synced
        case -1: self = .refused
        default: self = .pending
        }
    }

    /// The mark shown after the item in a listing (nothing once synced).
    func mark(_ console: Console) -> String {
        switch self {
        case .synced: return ""
        case .pending: return "  " + console.paint(Messages.t(.commsNotSynced), .yellow)
        case .refused: return "  " + console.paint(Messages.t(.commsRefused), .red)
        }
    }
}
