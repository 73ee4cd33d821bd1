import Foundation
import LMSDatabase
import LMSModel

/// `grade COURSE --offline`: a teacher's device reads the student work it pulled and grades
/// submissions without a network; each grade is an outbox entry (`grade`) that the next sync
/// pushes and the server checks like an online grade (a refusal comes back to the inbox).
enum OfflineGrading {
    static func run(_ args: Arguments, course: String, context: ClientContext, console: Console) throws -> Int32 {
        let profile = try context.activeProfile(args)
        if args.value("attempt") != nil { throw Arguments.UsageError(description: Messages.t(.offlineEssays)) }
        if let id = args.value("show") { return try show(id, course: course, profile: profile, context: context, console: console) }
        if let id = args.value("submission") { return try grade(id, course: course, profile: profile, args: args, context: context, console: console) }
        let entries = try queue(course: course, profile: profile, context: context)
        if args.has("json") {
            console.out(JSONWriter.write(.list(entries.map { .obj([("kind", .str("submission")), ("id", .str($0.id)), ("student", .str($0.user)),
                                                                   ("item", .str($0.item)), ("submittedAt", .date($0.submitted))]) }), pretty: true))
            return 0
        }
        if entries.isEmpty { console.out(Messages.t(.queueEmpty, course)) }
        for e in entries { console.out("submission  \(e.id)  \(e.user)  \(e.item)") }
        return 0
    }

    /// The latest pulled submission of each student and assignment not yet graded on this device.
    static func queue(course: String, profile: Profile, context: ClientContext) throws -> [(id: String, user: String, item: String, submitted: Date)] {
        try context.queue.read { db in
            try db.fetchAll("""
                SELECT w.entity, w.user_id, w.item_id, w.submitted_at FROM student_work w
                WHERE w.profile_id = ?1 AND w.course_id = ?2 AND w.kind = 'submission'
                  AND NOT EXISTS (SELECT 1 FROM student_work n WHERE n.profile_id = w.profile_id AND n.kind = 'submission'
                                  AND n.course_id = w.course_id AND n.user_id = w.user_id AND n.item_id = w.item_id
                                  AND (n.submitted_at > w.submitted_at OR (n.submitted_at = w.submitted_at AND n.entity > w.entity)))
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.profile_id = w.profile_id AND o.kind = 'grade'
                                  AND o.entity_id LIKE 'submission/' || w.entity || '/%')
                ORDER BY w.submitted_at, w.entity
                """, arguments: [profile.id, course]).map {
                ($0.string(0) ?? "", $0.string(1) ?? "", $0.string(2) ?? "", Date(timeIntervalSince1970: Double($0.int64(3) ?? 0) / 1000))
            }
        }
    }

    static func submission(_ id: String, course: String, profile: Profile, context: ClientContext) throws -> JSONValue {
        let text = try context.queue.read { db in
            try db.fetchScalar(String.self, "SELECT payload FROM student_work WHERE profile_id = ? AND kind = 'submission' AND entity = ? AND course_id = ?",
                               arguments: [profile.id, id, course])
        }
        guard let text, let payload = try? JSONParser.parse(text) else { throw ClientError(.offlineUnknownSubmission, id, course) }
        return payload
    }

    static func show(_ id: String, course: String, profile: Profile, context: ClientContext, console: Console) throws -> Int32 {
        let payload = try submission(id, course: course, profile: profile, context: context)
        console.out("\(payload["assignment"]?.stringValue ?? "")  v\(JSONWriter.number(payload["version"]?.numberValue ?? 1))")
        for line in (payload["text"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: false) { console.out("  │ \(line)") }
        for file in payload["files"]?.arrayValue ?? [] { console.out("  📎 \(file["name"]?.stringValue ?? "") (\(file["sha256"]?.stringValue ?? ""))") }
        return 0
    }

    static func grade(_ id: String, course: String, profile: Profile, args: Arguments, context: ClientContext, console: Console) throws -> Int32 {
        _ = try submission(id, course: course, profile: profile, context: context)
        let raw = args.values("score")
        guard !raw.isEmpty else { throw Arguments.UsageError(description: Messages.t(.gradeNeedsScore)) }
        var scores: [(String, JSONValue)] = []
        for text in raw {
            guard let (name, points) = RubricScoring.parse(text) else { throw Arguments.UsageError(description: Messages.t(.gradeScoreSyntax, text)) }
            scores.append((name, .num(points)))
        }
        var payload: [(String, JSONValue)] = [("course", .str(course)), ("submission", .str(id)), ("scores", .obj(scores))]
        if let feedback = args.value("feedback") { payload.append(("feedback", .str(feedback))) }
        let now = context.now()
        payload.append(("gradedAt", .date(now)))
        _ = try context.queue.write { db in
            try Outbox.append(ChangeEntry(deviceID: context.deviceID, profileID: profile.id, kind: .grade,
                                          entityID: "submission/\(id)/\(UUID().uuidString.lowercased())", payload: .obj(payload), createdAt: now), to: db)
        }
        console.out(Messages.t(.gradeQueued, id))
        return 0
    }
}
