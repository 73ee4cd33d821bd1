import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Applies a push (docs/PROTOCOL.md §4, §6): one transaction, idempotent by `(device, user, seq)`,
/// never skipping a gap; each entry decoded once into its typed value (`PushedEntry`) and applied
/// with the merge rules, or rejected with a reason.
struct SyncIngest {
    /// The push's one write transaction runs on the changelog's connection (the server's one database).
    let changelog: ChangelogStore
    let courseStore: CourseStore
    let courseCache: CourseCache
    /// Submitted files: a submission's files must have been uploaded.
    let blobs: BlobStore
    let user: User
    let device: String
    let deviceClock: Int64

    /// What a push did.
    struct Outcome {
        var acked: Int64
        var resumeFrom: Int64?
        var rejected: [(seq: Int64, rejection: Rejection)] = []
        var applied = 0
        var duplicates = 0
        /// The courses where this push completed a lesson or added a scored attempt: the student may
        /// have just earned a certificate (checked after the commit, `CourseGrades.issueIfEarned`).
        var certificateCandidates: Set<StudentCourse> = []
    }

    /// A refusal of one entry.
    struct Rejection: Error {
        var reason: String
        /// For the refusals a student meets: its stable name and values, which a device says in its
        /// own language (`RejectionCode`).
        var code: RejectionCode?
        var params: [String] = []
        init(reason: String) { self.reason = reason }
        init(_ rejection: EntryRejection) { reason = rejection.reason }
        init(_ code: RejectionCode, _ params: [String]) {
            self.code = code
            self.params = params
            reason = code.english(params)
        }

        /// `code` and `params` as the members of a rejection (the push's answer and the `rejection`
        /// change); none without a code.
        var codeFields: [(String, JSONValue)] {
            guard let code else { return [] }
            return [("code", JSONOut.s(code.rawValue)), ("params", JSONOut.arr(params.map(JSONOut.s)))]
        }
    }

    /// An entry whose fact is already stored (from another device): applied once, nothing to do.
    struct AlreadyStored: Error {}

    /// One pushed entry: its place in the stream and its typed value (or why it has none).
    struct Decoded: Sendable {
        var seq: Int64
        var prev: Int64
        /// The entry's `kind` and `entity` as sent, for the rejection change.
        var kind: WireValue
        var entity: WireValue
        var value: Result<PushedEntry, EntryRejection>
    }

    /// Reads every entry's stream position and typed value, outside the write transaction and on
    /// all cores (`ParallelMap`: each entry's decoding is pure).
    static func decode(_ entries: [WireValue]) throws -> [Decoded] {
        let decoded = ParallelMap.map(entries) { entry in Result { () throws(APIError) -> Decoded in try decode(entry) }
        }
        return try decoded.map { try $0.get() }
    }

    private static func decode(_ entry: WireValue) throws(APIError) -> Decoded {
        guard let seq = entry["seq"]?.int(in: WireBounds.sequence),
            let prev = entry["prev"]?.int(in: WireBounds.sequence)
        else {
            throw APIError.badRequest(
                "every entry needs whole numbers seq and prev from 0 to 2^53", code: "invalid_frame")
        }
        let kind = entry["kind"] ?? WireValue.null
        let entity = entry["entity"] ?? WireValue.null
        let value = Result { () throws(EntryRejection) -> PushedEntry in
            try PushedEntry(kind: kind.stringValue, entity: entity.stringValue, payload: entry["payload"])
        }
        return Decoded(seq: seq, prev: prev, kind: kind, entity: entity, value: value)
    }

    func run(_ entries: [WireValue]) throws -> Outcome {
        let now = nowMilliseconds()
        let decoded = try Self.decode(entries)
        // Courses are read (and cached) before the transaction: loading a package is slow.
        let courses = try preloadCourses(decoded)
        // Attempts are graded and encoded before the transaction too, on all cores.
        let quizzes = QuizTable(courses)
        let prepared = Self.prepareAttempts(decoded, quizzes: quizzes, user: user.id)
        let memo = BatchMemo(quizzes: quizzes)
        return try changelog.write { db in
            let stream = try ChangelogStore.stream(device: device, userID: user.id, in: db)
            var outcome = Outcome(acked: stream.acked)
            for (entry, attempt) in zip(decoded, prepared) {
                if entry.seq <= outcome.acked {
                    outcome.duplicates += 1
                    continue
                }
                guard entry.prev == outcome.acked else {
                    outcome.resumeFrom = outcome.acked
                    break
                }
                do {
                    let value = try entry.value.mapError(Rejection.init).get()
                    try apply(
                        value, attempt: attempt, courses: courses, memo: memo, previousSync: stream.previous, now: now,
                        in: db)
                    outcome.applied += 1
                } catch is AlreadyStored {
                    outcome.applied += 1
                } catch let rejection as Rejection {
                    outcome.rejected.append((entry.seq, rejection))
                    try ChangelogStore.appendChange(
                        kind: "rejection", entity: "\(device)/\(entry.seq)", userID: user.id, courseID: nil,
                        payload: JSONOut.obj(
                            [
                                ("device", JSONOut.s(device)), ("seq", JSONOut.n(Double(entry.seq))),
                                ("kind", entry.kind.json), ("entity", entry.entity.json),
                                ("reason", JSONOut.s(rejection.reason))
                            ] + rejection.codeFields), in: db)
                }
                outcome.acked = entry.seq
            }
            try flushProgress(memo, now: now, in: db)
            outcome.certificateCandidates = memo.certificateCandidates
            try ChangelogStore.saveStream(
                device: device, userID: user.id, acked: outcome.acked, now: now,
                skewMs: now - deviceClock, in: db)
            return outcome
        }
    }

    /// Each named course at its latest version, and each attempt's course at the version it names.
    private func preloadCourses(_ entries: [Decoded]) throws -> [String: Course] {
        var wanted: Set<String> = []
        var named: Set<String> = []
        for case .success(let entry) in entries.lazy.map(\.value) {
            named.insert(entry.courseID)
            switch entry {
            case .attempt(let attempt): wanted.insert(attempt.courseID + "@" + attempt.courseVersion)
            case .grade(let grade):
                // The graded attempt's version (a teacher's device sends it with the grade).
                if case .attempt = grade.target, let version = grade.courseVersion {
                    wanted.insert(grade.courseID + "@" + version)
                }
            default: break
            }
        }
        for course in named {
            if let latest = try courseStore.course(course)?.latestVersion { wanted.insert(course + "@" + latest) }
        }
        var out: [String: Course] = [:]
        for key in wanted {
            // An empty course or version ("@1.2.0") still makes two parts (found by the push fuzzer).
            let parts = key.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if let course = try courseCache.course(parts[0], version: parts[1]) { out[key] = course }
        }
        return out
    }

    // MARK: - One entry

    private func apply(
        _ entry: PushedEntry, attempt prepared: PreparedAttempt?, courses: [String: Course], memo: BatchMemo,
        previousSync: SyncMerge.ClockReading?, now: Int64, in db: Database
    ) throws {
        // Posts, messages and announcements need no enrollment: their rules say who may.
        switch entry {
        case .post, .message, .announcement: return try applyCommunication(entry, courses: courses, memo: memo, in: db)
        default: break
        }
        let courseID = entry.courseID
        if memo.enrolled[courseID] == nil {
            memo.enrolled[courseID] = try Rights.isEnrolled(user.id, in: courseID, in: db)
        }
        guard let latest = try memo.latestVersion(courseID, in: db), let course = courses[courseID + "@" + latest]
        else {
            throw Rejection(.noCourse, [courseID])
        }
        // A grade comes from the course's staff, who are not enrolled (checked by `applyPushedGrade`).
        if case .grade(let grade) = entry {
            return try applyPushedGrade(grade, course: course, memo: memo, in: db)
        }
        guard memo.enrolled[courseID] == true else {
            throw Rejection(.notEnrolled, [courseID])
        }
        switch entry {
        case .progress(let progress): try applyProgress(progress, course: course, memo: memo, in: db)
        case .attempt(let attempt):
            // `prepareAttempts` prepared every attempt of the batch.
            guard let prepared else { throw Rejection(reason: "the attempt was not graded") }
            try applyAttempt(attempt, prepared: prepared, memo: memo, previousSync: previousSync, now: now, in: db)
        case .submission(let submission):
            try applySubmission(submission, course: course, previousSync: previousSync, now: now, in: db)
        case .grade, .post, .message, .announcement: break
        }
    }
}
