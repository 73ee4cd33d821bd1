import Foundation
import LMSDatabase
import LMSModel

/// Where one profile stands on each item of one course: lessons read and done, quiz attempts
/// and best scores, submission versions. Loaded by `ReportStore.itemStates`.
struct ItemStates {
    var lessons: [String: (done: Bool, seconds: Int)] = [:]
    /// `withheld`: attempts handed in whose marks wait for the teacher's release of the review.
    /// `essaysPending`: `best` is provisional, its essays awaiting a teacher's grade (no attempt's score is final).
    var quizzes:
        [String: (
            submitted: Int, best: Double?, max: Double?, awaiting: Int, draft: Bool, withheld: Int, essaysPending: Bool
        )] = [:]
    var submissions: [String: Int] = [:]
    /// The quizzes whose review is `never` (`learnReviews`): withheld attempts of these never show marks.
    var neverReviewed: Set<String> = []

    /// Loads the states of `profile` in `courseID` (`ReportStore.itemStates`).
    static func load(_ queue: DatabaseQueue, profile: Profile, courseID: String) throws -> ItemStates {
        try ReportStore(queue: queue).itemStates(profileID: profile.id, courseID: courseID)
    }

    /// Whether the item still waits for the student.
    func isPending(_ item: ItemRecord) -> Bool {
        switch item.kind {
        case "lesson": return lessons[item.id]?.done != true
        case "quiz": return (quizzes[item.id]?.submitted ?? 0) == 0
        default: return submissions[item.id] == nil
        }
    }

    /// The state in words.
    func text(_ item: ItemRecord, now: Date = Date()) -> String {
        switch item.kind {
        case "lesson":
            guard let l = lessons[item.id] else { return Messages.t(.notStarted) }
            return (l.done ? Messages.t(.doneState) : Messages.t(.pendingState))
                + (l.seconds > 0 ? ", \(Self.duration(l.seconds))" : "")
        case "quiz":
            guard let q = quizzes[item.id], q.submitted > 0 else { return Messages.t(.notStarted) }
            var parts = ["\(q.submitted)×"]
            if let best = q.best, let max = q.max {
                parts.append(ScoreFormat.fraction(best, of: max))
                if q.essaysPending { parts.append("(" + Messages.t(.essaysPendingShort) + ")") }
            }
            if q.awaiting > 0 { parts.append(Messages.t(.awaiting)) }
            if q.withheld > 0, q.best == nil { parts.append(withheldText(item.id)) }
            return parts.joined(separator: " ")
        default:
            if let version = submissions[item.id] { return Messages.t(.submittedState, version) }
            if let due = item.due {
                return due < now
                    ? Messages.t(.overdue) : Messages.t(.dueIn, Self.duration(Int(due.timeIntervalSince(now))))
            }
            return Messages.t(.pendingState)
        }
    }

    /// The state as JSON.
    func json(_ item: ItemRecord) -> JSONValue {
        switch item.kind {
        case "lesson":
            let l = lessons[item.id]
            return .obj([
                ("done", .flag(l?.done ?? false)), ("seconds", .int(l?.seconds ?? 0)), ("opened", .flag(l != nil))
            ])
        case "quiz":
            let q = quizzes[item.id]
            return .obj([
                ("attempts", .int(q?.submitted ?? 0)), ("bestPoints", q?.best.map(JSONValue.num) ?? JSONValue(.null)),
                ("maxPoints", item.points.map(JSONValue.num) ?? JSONValue(.null)),
                ("awaitingServer", .int(q?.awaiting ?? 0)), ("withheld", .int(q?.withheld ?? 0)),
                ("draft", .flag(q?.draft ?? false)), ("essaysPending", .flag(q?.essaysPending ?? false))
            ])
        default:
            return .obj([
                ("submittedVersion", submissions[item.id].map(JSONValue.int) ?? JSONValue(.null)),
                ("due", .date(item.due))
            ])
        }
    }

    /// `1 h 05 min`, `12 min`, `40 s`, `3 d`.
    static func duration(_ seconds: Int) -> String {
        if seconds >= 2 * 86400 { return "\(seconds / 86400) d" }
        if seconds >= 3600 { return "\(seconds / 3600) h \(String(format: "%02d", seconds % 3600 / 60)) min" }
        if seconds >= 60 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}

/// What `next` suggests: the first pending item, in course order, of the course the student
/// worked on last (or the one named), preferring courses whose prerequisites are complete.
struct NextStep {
    var course: InstalledCourse
    var item: ItemRecord?
    var missingPrerequisites: [String]

    static func find(catalog: CourseCatalog, queue: DatabaseQueue, profile: Profile, course named: String?) throws
        -> NextStep
    {
        let all = try catalog.courses()
        if let named {
            let course = try catalog.course(matching: named)
            return try step(course, all: all, catalog: catalog, queue: queue, profile: profile)
        }
        guard !all.isEmpty else { throw ClientError(.noCourses) }
        let recent = try ReportStore(queue: queue).lastWorkedCourse(profileID: profile.id)
        let ordered = all.filter { $0.id == recent } + all.filter { $0.id != recent }
        var first: NextStep?
        for course in ordered {
            let step = try step(course, all: all, catalog: catalog, queue: queue, profile: profile)
            if first == nil { first = step }
            if step.item != nil && step.missingPrerequisites.isEmpty { return step }
        }
        return ordered.lazy.compactMap { c in try? step(c, all: all, catalog: catalog, queue: queue, profile: profile) }
            .first { $0.item != nil } ?? first ?? NextStep(course: all[0], item: nil, missingPrerequisites: [])
    }

    static func step(
        _ course: InstalledCourse, all: [InstalledCourse], catalog: CourseCatalog, queue: DatabaseQueue,
        profile: Profile
    ) throws -> NextStep {
        let states = try ItemStates.load(queue, profile: profile, courseID: course.id)
        let item = try catalog.items(of: course.id).first { !$0.removed && states.isPending($0) }
        var missing: [String] = []
        for id in course.prerequisites {
            guard all.contains(where: { $0.id == id }) else {
                missing.append(id)
                continue
            }
            let s = try ItemStates.load(queue, profile: profile, courseID: id)
            if try catalog.items(of: id).contains(where: { !$0.removed && $0.kind == "lesson" && s.isPending($0) }) {
                missing.append(id)
            }
        }
        return NextStep(course: course, item: item, missingPrerequisites: missing)
    }
}
