import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Applies a push (docs/PROTOCOL.md §4, §6): one transaction, idempotent by `(device, user, seq)`,
/// never skipping a gap; each entry applied with the merge rules or rejected with a reason.
struct SyncIngest {
    let app: ServerApp
    let user: User
    let device: String
    let deviceClock: Int64

    /// What a push did.
    struct Outcome {
        var acked: Int64
        var resumeFrom: Int64?
        var rejected: [(seq: Int64, reason: String)] = []
        var applied = 0
        var duplicates = 0
        /// The courses where this push completed a lesson or added a scored attempt: the student may
        /// have just earned a certificate (checked after the commit, `CourseGrades.issueIfEarned`).
        var certificateCandidates: Set<StudentCourse> = []
    }

    /// A refusal of one entry.
    struct Rejection: Error { var reason: String }

    /// An entry whose fact is already stored (from another device): applied once, nothing to do.
    struct AlreadyStored: Error {}

    /// What one push has already looked up about a course: its latest version and whether the user
    /// is enrolled (the same for every entry of the batch, so asked once).
    final class BatchMemo {
        /// Each named course's latest version (nil: no such course), read once per batch.
        var latest: [String: String?] = [:]
        var enrolled: [String: Bool] = [:]

        func latestVersion(_ courseID: String, in db: Database) throws -> String? {
            if let known = latest[courseID] { return known }
            let version = try db.cachedStatement(sql: "SELECT latest_version FROM courses WHERE id = ?").fetchScalar(
                String.self, arguments: [courseID])
            latest[courseID] = version
            return version
        }

        /// Lesson ids, quizzes and assignments by course version (`Course.lessons` and friends
        /// are computed: asking them for every entry would rebuild the lists each time).
        var lessons: [String: Set<String>] = [:]
        var quizzes: [String: [String: Quiz]] = [:]
        /// Progress records this batch touched, by `course NUL lesson`: as stored when the batch
        /// began and as merged so far. Written once each at the end of the batch (`flushProgress`).
        var progress: [String: (stored: LMSModel.Progress?, merged: LMSModel.Progress?)] = [:]
        /// The order in which the batch first touched each progress record.
        var progressOrder: [String] = []
        /// See `Outcome.certificateCandidates`.
        var certificateCandidates: Set<StudentCourse> = []

        func lessonIDs(_ course: Course) -> Set<String> {
            let key = course.id + "@" + course.version.description
            if let known = lessons[key] { return known }
            let ids = Set(course.lessons.map(\.id))
            lessons[key] = ids
            return ids
        }

        func quiz(_ id: String, in course: Course) -> Quiz? {
            let key = course.id + "@" + course.version.description
            if quizzes[key] == nil {
                quizzes[key] = Dictionary(course.quizzes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            }
            return quizzes[key]?[id]
        }
    }

    func run(_ entries: [JSONValue]) throws -> Outcome {
        let now = nowMilliseconds()
        // Courses are read (and cached) before the transaction: loading a package is slow.
        let courses = try preloadCourses(entries)
        let memo = BatchMemo()
        return try app.store.write { db in
            let stream = try ChangelogStore.stream(device: device, userID: user.id, in: db)
            var outcome = Outcome(acked: stream.acked)
            for entry in entries {
                guard let seq = entry["seq"]?.int(in: WireBounds.sequence),
                    let prev = entry["prev"]?.int(in: WireBounds.sequence)
                else {
                    throw APIError.badRequest(
                        "every entry needs whole numbers seq and prev from 0 to 2^53", code: "invalid_frame")
                }
                if seq <= outcome.acked {
                    outcome.duplicates += 1
                    continue
                }
                guard prev == outcome.acked else {
                    outcome.resumeFrom = outcome.acked
                    break
                }
                do {
                    try apply(
                        entry, seq: seq, courses: courses, memo: memo, previousSync: stream.previous, now: now, in: db)
                    outcome.applied += 1
                } catch is AlreadyStored {
                    outcome.applied += 1
                } catch let rejection as Rejection {
                    outcome.rejected.append((seq, rejection.reason))
                    try ChangelogStore.appendChange(
                        kind: "rejection", entity: "\(device)/\(seq)", userID: user.id, courseID: nil,
                        payload: JSONOut.obj([
                            ("device", JSONOut.s(device)), ("seq", JSONOut.n(Double(seq))),
                            ("kind", entry["kind"] ?? JSONValue(.null)),
                            ("entity", entry["entity"] ?? JSONValue(.null)),
                            ("reason", JSONOut.s(rejection.reason))
                        ]), in: db)
                }
                outcome.acked = seq
            }
            try flushProgress(memo, now: now, in: db)
            outcome.certificateCandidates = memo.certificateCandidates
            try ChangelogStore.saveStream(
                device: device, userID: user.id, acked: outcome.acked, now: now,
                skewMs: now - deviceClock, in: db)
            return outcome
        }
    }

    private func preloadCourses(_ entries: [JSONValue]) throws -> [String: Course] {
        var wanted: Set<String> = []
        var named: Set<String> = []
        for entry in entries {
            guard let course = entry["payload"]?["course"]?.stringValue else { continue }
            named.insert(course)
            if let version = entry["payload"]?["courseVersion"]?.stringValue { wanted.insert(course + "@" + version) }
        }
        for course in named {
            if let latest = try app.store.courses.course(course)?.latestVersion { wanted.insert(course + "@" + latest) }
        }
        var out: [String: Course] = [:]
        for key in wanted {
            // An empty course or version ("@1.2.0") still makes two parts (found by the push fuzzer).
            let parts = key.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if let course = try app.courseCache.course(parts[0], version: parts[1]) { out[key] = course }
        }
        return out
    }

    // MARK: - One entry

    private func apply(
        _ entry: JSONValue, seq: Int64, courses: [String: Course], memo: BatchMemo,
        previousSync: SyncMerge.ClockReading?,
        now: Int64, in db: Database
    ) throws {
        // comms: rights checked per kind
        if let kind = entry["kind"]?.stringValue, Self.communicationKinds.contains(kind) {
            return try applyCommunication(entry, kind: kind, courses: courses, memo: memo, in: db)
        }
        let payload = entry["payload"] ?? JSONValue(.null)
        guard payload.valueCount(upTo: SyncLimits.maxEntryValues + 1) <= SyncLimits.maxEntryValues else {
            throw Rejection(reason: "an entry's payload may hold at most \(SyncLimits.maxEntryValues) values")
        }
        guard let courseID = payload["course"]?.stringValue else {
            throw Rejection(reason: "the entry names no course")
        }
        if memo.enrolled[courseID] == nil {
            memo.enrolled[courseID] = try Rights.isEnrolled(user.id, in: courseID, in: db)
        }
        guard let latest = try memo.latestVersion(courseID, in: db), let course = courses[courseID + "@" + latest]
        else {
            throw Rejection(reason: "there is no course \(courseID)")
        }
        // A grade comes from the course's staff, who are not enrolled (checked by `applyPushedGrade`).
        guard memo.enrolled[courseID] == true || entry["kind"]?.stringValue == "grade" else {
            throw Rejection(reason: "you are not enrolled in \(courseID)")
        }
        let entity = entry["entity"]?.stringValue ?? ""
        switch entry["kind"]?.stringValue {
        case "progress": try applyProgress(payload, course: course, memo: memo, in: db)
        case "attempt": try applyAttempt(payload, id: entity, courses: courses, memo: memo, now: now, in: db)
        case "submission":
            try applySubmission(payload, id: entity, course: course, previousSync: previousSync, now: now, in: db)
        case "grade": try applyPushedGrade(payload, course: course, courses: courses, memo: memo, in: db)
        case let other: throw Rejection(reason: "devices cannot push \(other ?? "entries without a kind")")
        }
    }

    private func applyProgress(_ payload: JSONValue, course: Course, memo: BatchMemo, in db: Database) throws {
        guard let lessonID = payload["lesson"]?.stringValue else {
            throw Rejection(reason: "progress without a lesson")
        }
        let lesson = course.renamed[lessonID] ?? lessonID
        guard memo.lessonIDs(course).contains(lesson) else {
            throw Rejection(reason: "\(course.id) has no lesson \(lessonID)")
        }
        var incoming = LMSModel.Progress(
            userID: user.id, courseID: course.id, lessonID: lesson, completed: payload["completed"]?.boolValue ?? false)
        let devices = payload["secondsByDevice"]?.objectMembers ?? []
        guard devices.count <= SyncLimits.maxDevicesPerProgress else {
            throw Rejection(reason: "progress counts time on at most \(SyncLimits.maxDevicesPerProgress) devices")
        }
        for member in devices {
            if let n = member.value.int(in: WireBounds.lessonSeconds) { incoming.secondsByDevice[member.key] = Int(n) }
        }
        incoming.lastOpenedAt = payload["lastOpenedAt"]?.date
        // A batch often holds several entries of one lesson: the record is read once, merged in
        // memory, and written once at the end of the batch with one change for other devices
        // (progress is a state: its last merged value says all the intermediate ones did).
        let key = course.id + "\u{0}" + lesson
        var record: (stored: LMSModel.Progress?, merged: LMSModel.Progress?)
        if let known = memo.progress[key] {
            record = known
        } else {
            let row = try db.cachedStatement(
                sql:
                    "SELECT completed, seconds, last_opened_at FROM progress WHERE user_id = ? AND course_id = ? AND lesson_id = ?"
            )
            .fetchOne(arguments: StatementArguments([.text(user.id), .text(course.id), .text(lesson)]))
            let stored = row.map { r -> LMSModel.Progress in
                var p = LMSModel.Progress(
                    userID: user.id, courseID: course.id, lessonID: lesson, completed: (r.int64("completed") ?? 0) != 0)
                for m in (try? JSONParser.parse(r.string("seconds") ?? "{}"))?.objectMembers ?? [] {
                    p.secondsByDevice[m.key] = Int(m.value.int(in: WireBounds.lessonSeconds) ?? 0)
                }
                p.lastOpenedAt = r.int64("last_opened_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }
                return p
            }
            record = (stored, stored)
            memo.progressOrder.append(key)
        }
        var merged = SyncMerge.progress(record.merged, incoming)
        guard merged.secondsByDevice.count <= SyncLimits.maxDevicesPerProgress else {
            throw Rejection(
                reason:
                    "\(lessonID) already counts time on \(SyncLimits.maxDevicesPerProgress) devices, the most there may be"
            )
        }
        // As the database keeps it: whole milliseconds.
        merged.lastOpenedAt = merged.lastOpenedAt.map {
            Date(timeIntervalSince1970: Double(Int64(($0.timeIntervalSince1970 * 1000).rounded())) / 1000)
        }
        record.merged = merged
        memo.progress[key] = record
    }

    /// Writes each progress record the batch changed, and one server change for each.
    private func flushProgress(_ memo: BatchMemo, now: Int64, in db: Database) throws {
        for key in memo.progressOrder {
            // nothing new
            guard let record = memo.progress[key], let merged = record.merged, merged != record.stored else { continue }
            if merged.completed, record.stored?.completed != true {
                memo.certificateCandidates.insert(StudentCourse(userID: user.id, courseID: merged.courseID))
            }
            let seconds = JSONValue(
                .object(
                    merged.secondsByDevice.sorted { $0.key < $1.key }.map {
                        (key: $0.key, value: JSONValue(.number(Double($0.value))))
                    }))
            let opened = merged.lastOpenedAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
            try db.cachedStatement(
                sql: """
                    INSERT INTO progress(user_id, course_id, lesson_id, completed, seconds, last_opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(user_id, course_id, lesson_id) DO UPDATE SET completed = excluded.completed, seconds = excluded.seconds,
                           last_opened_at = excluded.last_opened_at, updated_at = excluded.updated_at
                    """
            ).execute(
                arguments: StatementArguments([
                    .text(user.id), .text(merged.courseID), .text(merged.lessonID),
                    .integer(merged.completed ? 1 : 0), .text(JSONWriter.write(seconds)),
                    opened.map { .integer($0) } ?? .null, .integer(now)
                ]))
            var frame = WireCodec.Builder()
            frame.beginObject(count: opened == nil ? 5 : 6)
            frame.key("user")
            frame.value(JSONOut.s(user.id))
            frame.key("course")
            frame.value(JSONOut.s(merged.courseID))
            frame.key("lesson")
            frame.value(JSONOut.s(merged.lessonID))
            frame.key("completed")
            frame.value(JSONOut.b(merged.completed))
            frame.key("secondsByDevice")
            frame.value(seconds)
            if let opened {
                frame.key("lastOpenedAt")
                frame.value(JSONOut.n(Double(opened)))
            }
            try ChangelogStore.appendChange(
                kind: "progress", entity: merged.id, userID: user.id, courseID: merged.courseID,
                encodedPayload: Data(frame.bytes), in: db)
        }
        memo.progress = [:]
        memo.progressOrder = []
    }

    private func applyAttempt(
        _ payload: JSONValue, id: String, courses: [String: Course], memo: BatchMemo, now: Int64,
        in db: Database
    ) throws {
        guard !id.isEmpty, id.utf8.count <= 64 else { throw Rejection(reason: "an attempt needs an id") }
        // Checked and graded first (no database work), then inserted unless the id exists: one
        // statement for a new attempt instead of a look-up and an insert.
        let graded: (courseID: String, version: String, quizID: String, result: QuizResult)
        do {
            graded = try gradeAttempt(payload, courses: courses, memo: memo)
        } catch {
            // An id already stored answers as before any check of its payload: once, or someone else's.
            try existingAttempt(id, in: db)
            throw error
        }
        let (courseID, version, quizID, result) = graded
        // Whose work it is, for the devices of teachers who pull several students' work.
        let members = (payload.objectMembers ?? []).filter { $0.key != "user" }
        var owned = WireCodec.Builder()
        owned.beginObject(count: members.count + 1)
        owned.key("user")
        owned.value(JSONOut.s(user.id))
        for member in members {
            owned.key(member.key)
            owned.value(member.value)
        }
        let encoded = Data(owned.bytes)
        try db.cachedStatement(
            sql: """
                INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, started_at, submitted_at, payload, points, max_points,
                                     awaiting_teacher, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """
        ).execute(
            arguments: StatementArguments([
                .text(id), .text(user.id), .text(courseID), .text(version), .text(quizID),
                payload["startedAt"]?.milliseconds.map { .integer($0) } ?? .null,
                payload["submittedAt"]?.milliseconds.map { .integer($0) } ?? .null,
                .blob(encoded),
                .real(result.points), .real(result.maxPoints), .integer(result.awaitingManualGrading ? 1 : 0),
                .integer(now)
            ]))
        guard db.changes == 1 else {
            try existingAttempt(id, in: db)
            return
        }
        try ChangelogStore.appendChange(
            kind: "attempt", entity: id, userID: user.id, courseID: courseID, encodedPayload: encoded, in: db)
        if !result.awaitingManualGrading {
            memo.certificateCandidates.insert(StudentCourse(userID: user.id, courseID: courseID))
        }
        let resultFrame = Grading.attemptResult(
            user: user.id, quiz: quizID, course: courseID, points: result.points, maxPoints: result.maxPoints,
            awaitingTeacher: result.awaitingManualGrading,
            questions: result.questions.map(Grading.AttemptResultQuestion.init))
        try ChangelogStore.appendChange(
            kind: "attemptResult", entity: id, userID: user.id, courseID: courseID, encodedPayload: resultFrame, in: db)
    }

    /// For an attempt id that is already stored: nothing when it is this user's (the same attempt
    /// from another device: once), a rejection when it is someone else's. Returns when the id is new.
    private func existingAttempt(_ id: String, in db: Database) throws {
        guard
            let owner = try db.cachedStatement(sql: "SELECT user_id FROM attempts WHERE id = ?")
                .fetchScalar(String.self, arguments: StatementArguments([.text(id)]))
        else { return }
        if owner == user.id { throw AlreadyStored() }
        throw Rejection(reason: "attempt \(id) belongs to someone else")
    }

    /// The attempt's course, version, quiz and the server's score of record (no database work).
    private func gradeAttempt(_ payload: JSONValue, courses: [String: Course], memo: BatchMemo) throws
        -> (courseID: String, version: String, quizID: String, result: QuizResult)
    {
        guard let courseID = payload["course"]?.stringValue, let version = payload["courseVersion"]?.stringValue,
            let quizID = payload["quiz"]?.stringValue
        else { throw Rejection(reason: "an attempt needs course, courseVersion and quiz") }
        guard let course = courses[courseID + "@" + version] else {
            throw Rejection(reason: "\(courseID) has no version \(version)")
        }
        guard let quiz = memo.quiz(quizID, in: course) else {
            throw Rejection(reason: "\(courseID) \(version) has no quiz \(quizID)")
        }
        // Exam answers index the choices as the student build shows them (docs/PACKAGE-FORMAT.md §4).
        let responses = Grading.authoredResponses(payload, quiz: quiz)
        return (courseID, version, quizID, try Grader.grade(quiz, responses: responses))
    }

    private func applySubmission(
        _ payload: JSONValue, id: String, course: Course, previousSync: SyncMerge.ClockReading?,
        now: Int64, in db: Database
    ) throws {
        guard !id.isEmpty, id.utf8.count <= 64 else { throw Rejection(reason: "a submission needs an id") }
        if let owner = try db.cachedStatement(sql: "SELECT user_id FROM submissions WHERE id = ?").fetchScalar(
            String.self, arguments: [id])
        {
            if owner == user.id { return }
            throw Rejection(reason: "submission \(id) belongs to someone else")
        }
        guard let assignmentID = payload["assignment"]?.stringValue else {
            throw Rejection(reason: "a submission needs an assignment")
        }
        let current = course.renamed[assignmentID] ?? assignmentID
        guard let assignment = course.assignments.first(where: { $0.id == current }) else {
            throw Rejection(reason: "\(course.id) has no assignment \(assignmentID)")
        }
        for file in payload["files"]?.arrayValue ?? [] {
            guard let hash = file["sha256"]?.stringValue, app.blobs.contains(hash) else {
                throw Rejection(reason: "the file \(file["name"]?.stringValue ?? "?") was not uploaded; sync again")
            }
        }
        let submittedAt = payload["submittedAt"]?.milliseconds ?? now
        let late =
            assignment.due.map { due in
                !SyncMerge.isOnTime(
                    due: due, madeAt: Date(timeIntervalSince1970: Double(submittedAt) / 1000),
                    receivedAt: Date(timeIntervalSince1970: Double(now) / 1000), previousSync: previousSync)
            } ?? false
        try db.cachedStatement(
            sql: """
                INSERT INTO submissions(id, user_id, course_id, assignment_id, version, payload, submitted_at, received_at, late)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, user.id, course.id, current, payload["version"]?.int(in: WireBounds.submissionVersion) ?? 1,
            Data(WireCodec.encode(payload)), submittedAt, now, late
        ])
        var members =
            [(key: "user", value: JSONOut.s(user.id))] + (payload.objectMembers ?? []).filter { $0.key != "user" }
        members.append((key: "receivedAt", value: JSONOut.n(Double(now))))
        members.append((key: "late", value: JSONOut.b(late)))
        try ChangelogStore.appendChange(
            kind: "submission", entity: id, userID: user.id, courseID: course.id,
            payload: JSONValue(.object(members)), in: db)
    }
}
