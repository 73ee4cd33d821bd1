import Foundation
import LMSDatabase
import LMSModel

/// Lesson progress of one profile: openings, time spent and completion, each write with its
/// outbox entry in one transaction.
///
/// Time spent is kept simply: `read` opens a lesson; the time until the lesson is marked done
/// or the profile's next command closes it is added to this device's counter
/// (`secondsByDevice[deviceID]`), capped at `ClientLimits.maximumLessonSeconds` per opening.
struct ProgressStore {
    let queue: DatabaseQueue
    let deviceID: String
    let profile: Profile

    /// Records that a lesson was opened at `now` (closing any lesson still open).
    func open(courseID: String, lessonID: String, now: Date) throws {
        try queue.write { db in
            try closeOpenLesson(db, now: now)
            try update(db, courseID: courseID, lessonID: lessonID, now: now) { $0.lastOpenedAt = now }
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO open_lessons(profile_id, course_id, lesson_id, opened_at) VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: [profile.id, courseID, lessonID, now])
        }
    }

    /// Marks a lesson done (counting the time since it was opened, if it was).
    func markDone(courseID: String, lessonID: String, now: Date) throws {
        try queue.write { db in
            let seconds = try takeOpenSeconds(db, courseID: courseID, lessonID: lessonID, now: now)
            try closeOpenLesson(db, now: now)
            try update(db, courseID: courseID, lessonID: lessonID, now: now) { progress in
                progress.completed = true
                if seconds > 0 { progress.secondsByDevice[deviceID, default: 0] += seconds }
            }
        }
    }

    /// Closes the open lesson, if any, adding its time (the profile moved on to another command).
    func closeOpenLesson(now: Date) throws {
        let open = try queue.read { db in
            try db.cachedStatement(sql: "SELECT 1 FROM open_lessons WHERE profile_id = ?").fetchOne(arguments: [
                profile.id
            ])
        }
        guard open != nil else { return }
        try queue.write { db in try closeOpenLesson(db, now: now) }
    }

    // MARK: - Inside a transaction

    private func closeOpenLesson(_ db: Database, now: Date) throws {
        guard
            let row = try db.cachedStatement(sql: "SELECT course_id, lesson_id FROM open_lessons WHERE profile_id = ?")
                .fetchOne(arguments: [profile.id]), let course = row.string(0), let lesson = row.string(1)
        else { return }
        let seconds = try takeOpenSeconds(db, courseID: course, lessonID: lesson, now: now)
        if seconds > 0 {
            try update(db, courseID: course, lessonID: lesson, now: now) {
                $0.secondsByDevice[deviceID, default: 0] += seconds
            }
        }
    }

    /// The capped seconds a lesson has been open, removing its open mark; 0 when it is not open.
    private func takeOpenSeconds(_ db: Database, courseID: String, lessonID: String, now: Date) throws -> Int {
        guard
            let opened = try db.cachedStatement(
                sql: """
                    SELECT opened_at FROM open_lessons WHERE profile_id = ? AND course_id = ? AND lesson_id = ?
                    """
            ).fetchOne(arguments: [profile.id, courseID, lessonID])?.date(0)
        else { return 0 }
        try db.cachedStatement(sql: "DELETE FROM open_lessons WHERE profile_id = ?").execute(arguments: [profile.id])
        let seconds = Int(now.timeIntervalSince(opened).rounded())
        return min(max(0, seconds), ClientLimits.maximumLessonSeconds)
    }

    /// Reads, changes and writes one lesson's progress, and appends its outbox entry.
    func update(
        _ db: Database, courseID: String, lessonID: String, now: Date, _ change: (inout LMSModel.Progress) -> Void
    ) throws {
        var progress = LMSModel.Progress(userID: profile.id, courseID: courseID, lessonID: lessonID)
        if let row = try db.cachedStatement(
            sql: """
                SELECT completed, seconds_by_device, last_opened_at FROM progress
                WHERE profile_id = ? AND course_id = ? AND lesson_id = ?
                """
        ).fetchOne(arguments: [profile.id, courseID, lessonID]) {
            progress.completed = row.bool(0) ?? false
            progress.secondsByDevice = Self.seconds(from: row.string(1) ?? "{}")
            progress.lastOpenedAt = row.date(2)
        }
        change(&progress)
        let seconds = JSONValue(
            .object(
                progress.secondsByDevice.sorted { $0.key < $1.key }
                    .map { (key: $0.key, value: JSONValue(.number(Double($0.value)))) }))
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO progress(profile_id, course_id, lesson_id, completed, seconds_by_device, total_seconds,
                                                last_opened_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            profile.id, courseID, lessonID, progress.completed, JSONWriter.write(seconds),
            progress.totalSeconds, progress.lastOpenedAt, now
        ])
        try Outbox.append(.progress(progress, deviceID: deviceID, profileID: profile.id, at: now), to: db)
    }

    static func seconds(from text: String) -> [String: Int] {
        guard let json = try? JSONParser.parse(text), let members = json.objectMembers else { return [:] }
        var out: [String: Int] = [:]
        for member in members { if let n = member.value.numberValue, n.isFinite { out[member.key] = Int(n) } }
        return out
    }
}
