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
    enum Target: String { case submission, attempt }

    typealias Entry = (kind: Target, id: String, user: String, item: String, submitted: Date)

    /// The latest pulled submission of each student and assignment not yet graded on this device.
    static func queue(course: String, profile: Profile, context: ClientContext) throws -> [Entry] {
        try context.queue.read { db in
            try db.fetchAll(
                """
                SELECT w.entity, w.user_id, w.item_id, w.submitted_at FROM student_work w
                WHERE w.profile_id = ?1 AND w.course_id = ?2 AND w.kind = 'submission'
                  AND NOT EXISTS (SELECT 1 FROM student_work n WHERE n.profile_id = w.profile_id AND n.kind = 'submission'
                                  AND n.course_id = w.course_id AND n.user_id = w.user_id AND n.item_id = w.item_id
                                  AND (n.submitted_at > w.submitted_at OR (n.submitted_at = w.submitted_at AND n.entity > w.entity)))
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.profile_id = w.profile_id AND o.kind = 'grade'
                                  AND o.entity_id LIKE 'submission/' || w.entity || '/%')
                  AND NOT EXISTS (SELECT 1 FROM student_work g WHERE g.profile_id = w.profile_id AND g.kind = 'grade'
                                  AND g.course_id = w.course_id AND g.user_id = w.user_id AND g.item_id = w.item_id
                                  AND json_extract(g.payload, '$.submission') = w.entity)
                ORDER BY w.submitted_at, w.entity
                """, arguments: [profile.id, course]
            ).map {
                (
                    .submission, $0.string(0) ?? "", $0.string(1) ?? "", $0.string(2) ?? "",
                    Date(timeIntervalSince1970: Double($0.int64(3) ?? 0) / 1000)
                )
            }
        }
    }

    /// Pulled attempts whose latest score awaits a teacher, not yet graded on this device.
    static func attempts(course: String, profile: Profile, context: ClientContext) throws -> [Entry] {
        try context.queue.read { db in
            try db.fetchAll(
                """
                SELECT a.entity, a.user_id, a.item_id, a.submitted_at, r.payload FROM student_work a
                JOIN student_work r ON r.profile_id = a.profile_id AND r.kind = 'attemptResult' AND r.entity = a.entity
                WHERE a.profile_id = ?1 AND a.course_id = ?2 AND a.kind = 'attempt'
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.profile_id = a.profile_id AND o.kind = 'grade'
                                  AND o.entity_id LIKE 'attempt/' || a.entity || '/%')
                ORDER BY a.submitted_at, a.entity
                """, arguments: [profile.id, course]
            ).compactMap { row -> Entry? in
                guard (try? JSONParser.parse(row.string(4) ?? "{}"))?["awaitingTeacher"]?.boolValue == true else {
                    return nil
                }
                return (
                    .attempt, row.string(0) ?? "", row.string(1) ?? "", row.string(2) ?? "",
                    Date(timeIntervalSince1970: Double(row.int64(3) ?? 0) / 1000)
                )
            }
        }
    }

    static func work(_ kind: Target, _ id: String, course: String, profile: Profile, context: ClientContext) throws
        -> JSONValue
    {
        let text = try context.queue.read { db in
            try db.fetchScalar(
                String.self,
                "SELECT payload FROM student_work WHERE profile_id = ? AND kind = ? AND entity = ? AND course_id = ?",
                arguments: [profile.id, kind.rawValue, id, course])
        }
        guard let text, let payload = try? JSONParser.parse(text) else {
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
