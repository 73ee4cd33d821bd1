import Foundation
import LMSDatabase
import LMSModel

/// What a pull brought, counted for the summary.
struct PullCounts: Sendable, Equatable {
    /// Changes applied (every change of a page, unknown kinds included: they are skipped on purpose).
    var changes = 0
    /// Scores of record that arrived (`attemptResult`).
    var grades = 0
    /// Entries the server refused (`rejection`).
    var rejections = 0
    /// Courses the student was removed from.
    var removedEnrollments: [String] = []
    /// Submitted files of erased profiles that nothing references any more (`erasure`).
    var unreferencedBlobs: [String] = []
    /// Changes this client could not apply, set aside (`kind entity: why`) so that the rest of the
    /// page and later pages still apply; reported to the student, who tells the server's admin.
    var setAside: [String] = []

    mutating func add(_ other: PullCounts) {
        setAside += other.setAside
        changes += other.changes
        grades += other.grades
        rejections += other.rejections
        removedEnrollments += other.removedEnrollments
        unreferencedBlobs += other.unreferencedBlobs
    }
}

/// Applies pulled server changes to the store (docs/PROTOCOL.md §5, §6), inside the caller's
/// transaction, with the merge rules of `SyncMerge`. Every change is idempotent here: applying a
/// page twice has the effect of once. Unknown kinds are skipped (a newer server), never an error.
/// Changes about another user (a teacher sees their students' work) are not the profile's: they are kept apart
/// in `student_work` for offline grading (`keepStudentWork`).
struct ChangeApplier {
    let db: Database
    /// The local profile the changes are for.
    let profile: Profile
    /// The server's id of the profile's account.
    let userID: String
    /// The device clock (for `updated_at` and notifications).
    let now: Date
    /// Whether this page is the profile's first pull (history, not news: no forum-post notices).
    let firstPull: Bool

    /// Applies a page and moves the account's cursor to `cursor`, in one transaction.
    static func applyPage(
        _ changes: [JSONValue], cursor: String, profile: Profile, userID: String,
        queue: DatabaseQueue, now: Date
    ) throws -> PullCounts {
        try queue.write { db in
            let firstPull = try SyncAccountStore.cursor(of: profile.id, in: db).isEmpty
            let applier = ChangeApplier(db: db, profile: profile, userID: userID, now: now, firstPull: firstPull)
            var counts = PullCounts()
            for change in changes {
                // Each change in a savepoint: one this client cannot apply is set aside and reported,
                // never allowed to stop every later sync (issue 13, item 6). A busy store is not the
                // change's fault: the page is tried again whole.
                do {
                    try db.transaction { _ in
                        try applier.apply(change, counts: &counts)
                        return .commit
                    }
                } catch let error as DatabaseError where error.isBusy || error.isLocked {
                    throw error
                } catch {
                    let kind = change["kind"]?.stringValue ?? "?"
                    let entity = change["entity"]?.stringValue ?? "?"
                    counts.setAside.append("\(kind) \(entity): \(error)")
                }
            }
            try SyncAccountStore.saveCursor(cursor, syncedAt: now, of: profile.id, in: db)
            return counts
        }
    }

    /// Applies one change.
    func apply(_ change: JSONValue, counts: inout PullCounts) throws {
        counts.changes += 1
        guard let kind = change["kind"]?.stringValue, let entity = change["entity"]?.stringValue else { return }
        let payload = change["payload"] ?? JSONValue(.null)
        let course = change["course"]?.stringValue ?? payload["course"]?.stringValue
        if let owner = payload["user"]?.stringValue, owner != userID {
            try keepStudentWork(kind: kind, entity: entity, course: course, owner: owner, payload)
            return
        }
        switch kind {
        case "progress": try applyProgress(entity: entity, payload)
        case "attempt": if try isEnrolled(course) { try applyAttempt(id: entity, payload) }
        case "attemptResult": if try applyResult(attemptID: entity, payload) { counts.grades += 1 }
        case "submission": if try isEnrolled(course) { try applySubmission(id: entity, payload) }
        case "rejection":
            if try applyRejection(entity: entity, payload) { counts.rejections += 1 }
        case "enrollment":
            if let course = course ?? entity.split(separator: "/").last.map(String.init),
                try applyEnrollment(course: course, entity: entity, payload)
            {
                counts.removedEnrollments.append(course)
            }
        case "courseVersion": try applyCourseVersion(entity: entity, payload)
        case "announcement": try applyAnnouncement(id: entity, payload)
        case "post": try applyPost(id: entity, payload)
        case "message": try applyMessage(id: entity, payload)
        case "erasure": counts.unreferencedBlobs += try applyErasure(entity: entity, payload)
        case "grade": if try applyGrade(entity: entity, payload) { counts.grades += 1 }
        case "certificate": try applyCertificate(payload)
        default: break
        }
    }

    /// Whether the server ever enrolled the profile in `course`. Attempt and submission payloads
    /// name no user, and a teacher's device also pulls its students' work: only work in the
    /// profile's own courses is its own (the server sends the enrollment before any work in it).
    func isEnrolled(_ course: String?) throws -> Bool {
        guard let course else { return false }
        return try db.fetchOne(
            "SELECT 1 FROM enrollments WHERE profile_id = ? AND course_id = ?", arguments: [profile.id, course]) != nil
    }

    // MARK: - Progress

    /// Merges the server's progress into the local row (no outbox entry: the server has it).
    func applyProgress(entity: String, _ payload: JSONValue) throws {
        let parts = entity.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == userID || parts[0] == profile.id else { return }
        let courseID = payload["course"]?.stringValue ?? parts[1]
        let lessonID = payload["lesson"]?.stringValue ?? parts[2]
        var incoming = LMSModel.Progress(userID: profile.id, courseID: courseID, lessonID: lessonID)
        incoming.completed = payload["completed"]?.boolValue ?? false
        for member in payload["secondsByDevice"]?.objectMembers ?? [] {
            if let n = member.value.numberValue, n.isFinite, n >= 0, n < 1e12 {
                incoming.secondsByDevice[member.key] = Int(n)
            }
        }
        incoming.lastOpenedAt = Self.date(payload["lastOpenedAt"])
        var stored: LMSModel.Progress?
        if let row = try db.fetchOne(
            """
            SELECT completed, seconds_by_device, last_opened_at FROM progress WHERE profile_id = ? AND course_id = ? AND lesson_id = ?
            """, arguments: [profile.id, courseID, lessonID])
        {
            stored = LMSModel.Progress(
                userID: profile.id, courseID: courseID, lessonID: lessonID, completed: row.bool(0) ?? false,
                secondsByDevice: ProgressStore.seconds(from: row.string(1) ?? "{}"), lastOpenedAt: row.date(2))
        }
        let merged = SyncMerge.progress(stored, incoming)
        if merged == stored { return }
        let seconds = JSONValue(
            .object(
                merged.secondsByDevice.sorted { $0.key < $1.key }
                    .map { (key: $0.key, value: JSONValue(.number(Double($0.value)))) }))
        try db.execute(
            """
            INSERT OR REPLACE INTO progress(profile_id, course_id, lesson_id, completed, seconds_by_device, total_seconds,
                                            last_opened_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                profile.id, courseID, lessonID, merged.completed, JSONWriter.write(seconds), merged.totalSeconds,
                merged.lastOpenedAt, now
            ])
    }

    // MARK: - Enrollments, versions, rejections

    /// Remembers an enrollment; returns true when the student was just removed from the course.
    func applyEnrollment(course: String, entity: String, _ payload: JSONValue) throws -> Bool {
        let parts = entity.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] != userID { return false }
        let status = payload["status"]?.stringValue ?? "active"
        let latest = payload["latestVersion"]?.stringValue
        let previous = try db.fetchScalar(
            String.self, "SELECT status FROM enrollments WHERE profile_id = ? AND course_id = ?",
            arguments: [profile.id, course])
        try db.execute(
            """
            INSERT INTO enrollments(profile_id, course_id, status, latest_version, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(profile_id, course_id) DO UPDATE SET status = excluded.status,
                latest_version = coalesce(excluded.latest_version, latest_version), updated_at = excluded.updated_at
            WHERE status <> excluded.status OR latest_version IS NOT coalesce(excluded.latest_version, latest_version)
            """, arguments: [profile.id, course, status, latest, now])
        if let latest { try noteRelease(course: course, version: latest, packageID: nil, size: nil) }
        guard status == "removed", previous != "removed" else { return false }
        try SyncNotes.add(
            db, id: "enrollment-removed:\(course):\(UUID().uuidString.lowercased())", profileID: profile.id,
            kind: "enrollment-removed", title: .init(.enrollmentRemovedTitle, [course]),
            body: .init(.enrollmentRemovedBody, [course]), now: now)
        return true
    }

    /// Remembers the newest announced version of a course (device-wide; `SyncSession` updates it).
    func applyCourseVersion(entity: String, _ payload: JSONValue) throws {
        let parts = entity.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let version = payload["version"]?.stringValue ?? Optional(parts[1]) else { return }
        let size = payload["size"]?.numberValue.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e15 ? Int64($0) : nil }
        try noteRelease(course: parts[0], version: version, packageID: payload["packageId"]?.stringValue, size: size)
    }

    func noteRelease(course: String, version: String, packageID: String?, size: Int64?) throws {
        guard let new = SemanticVersion(version) else { return }
        let stored = try db.fetchOne(
            "SELECT version, package_id FROM course_releases WHERE course_id = ?", arguments: [course])
        if let stored, let old = SemanticVersion(stored.string(0) ?? "") {
            if old > new { return }
            if old == new {
                if packageID != nil, stored.string(1) == nil {
                    try db.execute(
                        "UPDATE course_releases SET package_id = ?, size = ? WHERE course_id = ?",
                        arguments: [packageID, size, course])
                }
                return
            }
        }
        try db.execute(
            "INSERT OR REPLACE INTO course_releases(course_id, version, package_id, size) VALUES (?, ?, ?, ?)",
            arguments: [course, version, packageID, size])
        try noteNewVersion(course: course, version: new)
    }

    /// Tells the profile that a newer version of an installed course was published, once per
    /// course, version and profile (`Notifications.newVersionID`). The same sync usually installs
    /// it right after; the installer's "course updated" notice, which says what changed, then
    /// replaces this one, so the reader sees one notice per version either way.
    func noteNewVersion(course: String, version: SemanticVersion) throws {
        guard let row = try db.fetchOne("SELECT title, version FROM courses WHERE id = ?", arguments: [course]),
            let installed = SemanticVersion(row.string(1) ?? ""), version > installed
        else { return }
        let title = row.string(0) ?? course
        try Notifications.add(
            db, id: Notifications.newVersionID(course: course, version: version.description, profileID: profile.id),
            profileID: profile.id, kind: "course-version",
            title: .init(.noteNewVersionTitle, [title, version.description]),
            body: .init(.noteNewVersionBody, [installed.description]), now: now)
    }

    /// Leaves a notification for a refused entry; true when it is new.
    func applyRejection(entity: String, _ payload: JSONValue) throws -> Bool {
        let parts = entity.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seq = Int64(parts[1]) else { return false }
        // A refused post, message or announcement stays on the device, marked refused (not "not yet synced").
        let table = ["post": "posts", "message": "messages", "announcement": "announcements"][
            payload["kind"]?.stringValue ?? ""]
        if let table, let id = payload["entity"]?.stringValue {
            try db.execute(
                "UPDATE \(table) SET synced = -1 WHERE profile_id = ? AND id = ? AND synced = 0",
                arguments: [profile.id, id])
        }
        return try SyncNotes.rejection(
            db, profileID: profile.id, device: parts[0], seq: seq,
            kind: payload["kind"]?.stringValue ?? "?", entity: payload["entity"]?.stringValue ?? "?",
            refusal: payload, now: now)
    }

    /// A wire time (unix ms) as a date.
    static func date(_ value: JSONValue?) -> Date? {
        guard let ms = value?.numberValue, ms.isFinite, abs(ms) < 1e15 else { return nil }
        return Date(timeIntervalSince1970: ms / 1000)
    }
}
