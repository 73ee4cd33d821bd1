import Foundation
import LMSDatabase
import LMSModel

/// `grade COURSE --offline`: a teacher's device reads the student work it pulled and grades
/// submissions and essays of attempts without a network; each grade is an outbox entry (`grade`) that the next sync
/// pushes and the server checks like an online grade (a refusal comes back to the inbox).
enum OfflineGrading {
    static func run(_ args: Arguments, course: String, context: ClientContext, console: Console) throws -> Int32 {
        let profile = try context.activeProfile(args)
        if args.value("submission") != nil, args.value("attempt") != nil {
            throw Arguments.UsageError(description: Messages.t(.gradeOneTarget))
        }
        if let id = args.value("show") {
            return try show(id, course: course, profile: profile, context: context, console: console)
        }
        if let id = args.value("submission") {
            return try grade(
                .submission, id, course: course, profile: profile, args: args, context: context, console: console)
        }
        if let id = args.value("attempt") {
            return try grade(
                .attempt, id, course: course, profile: profile, args: args, context: context, console: console)
        }
        let entries =
            try queue(course: course, profile: profile, context: context)
            + attempts(course: course, profile: profile, context: context)
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .list(
                        entries.map {
                            .obj([
                                ("kind", .str($0.kind.rawValue)), ("id", .str($0.id)), ("student", .str($0.user)),
                                ("item", .str($0.item)), ("submittedAt", .date($0.submitted))
                            ])
                        }), pretty: true))
            return 0
        }
        if entries.isEmpty { console.out(Messages.t(.queueEmpty, course)) }
        for e in entries { console.out("\(e.kind.rawValue)  \(e.id)  \(e.user)  \(e.item)") }
        return 0
    }

    /// What an offline grade is of.
    typealias Target = StudentWorkStore.Target

    typealias Entry = StudentWorkStore.Entry

    /// The latest pulled submission of each student and assignment not yet graded on this device.
    static func queue(course: String, profile: Profile, context: ClientContext) throws -> [Entry] {
        try StudentWorkStore(queue: context.queue, profileID: profile.id).ungradedSubmissions(courseID: course)
    }

    /// Pulled attempts whose latest score awaits a teacher, not yet graded on this device.
    static func attempts(course: String, profile: Profile, context: ClientContext) throws -> [Entry] {
        try StudentWorkStore(queue: context.queue, profileID: profile.id).attemptsAwaitingTeacher(courseID: course)
    }

    static func work(_ kind: Target, _ id: String, course: String, profile: Profile, context: ClientContext) throws
        -> JSONValue
    {
        guard
            let payload = try StudentWorkStore(queue: context.queue, profileID: profile.id).payload(
                kind, id, courseID: course)
        else {
            throw ClientError(.offlineUnknownSubmission, id, course)
        }
        return payload
    }

    static func show(_ id: String, course: String, profile: Profile, context: ClientContext, console: Console) throws
        -> Int32
    {
        if let attempt = try? work(.attempt, id, course: course, profile: profile, context: context) {
            console.out(TerminalText.sanitize(attempt["quiz"]?.stringValue ?? ""))
            for member in attempt["responses"]?.objectMembers ?? [] {
                guard let text = member.value["essay"]?.stringValue else { continue }
                console.out(TerminalText.sanitize("\(member.key):"))
                for line in TerminalText.sanitize(text).split(separator: "\n", omittingEmptySubsequences: false) {
                    console.out("  │ \(line)")
                }
            }
            return 0
        }
        let payload = try work(.submission, id, course: course, profile: profile, context: context)
        console.out(
            "\(TerminalText.sanitize(payload["assignment"]?.stringValue ?? ""))  v\(JSONWriter.number(payload["version"]?.numberValue ?? 1))"
        )
        for line in TerminalText.sanitize(payload["text"]?.stringValue ?? "").split(
            separator: "\n", omittingEmptySubsequences: false)
        { console.out("  │ \(line)") }
        for file in payload["files"]?.arrayValue ?? [] {
            console.out(
                "  📎 \(TerminalText.sanitize(file["name"]?.stringValue ?? "")) (\(file["sha256"]?.stringValue ?? ""))")
        }
        return 0
    }

    static func grade(
        _ kind: Target, _ id: String, course: String, profile: Profile, args: Arguments, context: ClientContext,
        console: Console
    ) throws -> Int32 {
        let work = try work(kind, id, course: course, profile: profile, context: context)
        let raw = args.values("score")
        guard !raw.isEmpty else { throw Arguments.UsageError(description: Messages.t(.gradeNeedsScore)) }
        var scores: [(String, JSONValue)] = []
        for text in raw {
            guard let (name, points) = RubricScoring.parse(text) else {
                throw Arguments.UsageError(description: Messages.t(.gradeScoreSyntax, text))
            }
            scores.append((name, .num(points)))
        }
        var payload: [(String, JSONValue)] = [
            ("course", .str(course)), (kind.rawValue, .str(id)), ("scores", .obj(scores))
        ]
        // The attempt's version, so the server reads the quiz it was taken against.
        if kind == .attempt, let version = work["courseVersion"]?.stringValue {
            payload.append(("courseVersion", .str(version)))
        }
        if let feedback = args.value("feedback") { payload.append(("feedback", .str(feedback))) }
        let now = context.now()
        payload.append(("gradedAt", .date(now)))
        _ = try context.queue.write { db in
            try Outbox.append(
                ChangeEntry(
                    deviceID: context.deviceID, profileID: profile.id, kind: .grade,
                    entityID: "\(kind.rawValue)/\(id)/\(UUID().uuidString.lowercased())", payload: .obj(payload),
                    createdAt: now), to: db)
        }
        console.out(Messages.t(.gradeQueued, id))
        return 0
    }
}
