import Foundation
import LMSDatabase
import LMSModel

/// The one way to leave a notification for a profile (table `notifications`, shown by `inbox`):
/// both languages stored, the reader's shown; the id is derived from what it is about, so that
/// the same event noticed twice makes one notification. Read state is per profile on the device.
///
/// Call it inside the transaction of the change that causes it, e.g. for a grade:
/// `try Notifications.add(db, id: "grade:\(course)/\(item)/\(gradedAt)", profileID: profile.id, kind: "grade",
///  title: .init(.someTitleKey, [item, course]), body: .init(.someBodyKey, [score]), now: now)`.
enum Notifications {
    /// How far ahead `dueSoon` warns of a deadline.
    static let deadlineWarning: TimeInterval = 48 * 3600
    /// The longest excerpt of a text shown in a notification, in characters.
    static let excerptLength = 160

    /// Adds a notification unless one with this id exists; returns whether it was added.
    @discardableResult
    static func add(
        _ db: Database, id: String, profileID: String, kind: String, title: SyncNotes.Both, body: SyncNotes.Both,
        now: Date
    ) throws -> Bool {
        try SyncNotes.add(db, id: id, profileID: profileID, kind: kind, title: title, body: body, now: now)
    }

    /// The id of the notice that `version` of `course` was published (`ChangeApplier.noteNewVersion`).
    static func newVersionID(course: String, version: String, profileID: String) -> String {
        "course-version:\(course)/\(version)/\(profileID)"
    }

    /// The start of a text on one line, for a notification's body.
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > excerptLength ? String(line.prefix(excerptLength - 1)) + "…" : line
    }

    /// The notifications worked out from what is installed (run by `sync` and `inbox`): new items
    /// of updated courses and upcoming deadlines. Returns how many were added.
    @discardableResult
    static func refresh(_ queue: DatabaseQueue, profile: Profile, now: Date) throws -> Int {
        try noteNewItems(queue, profile: profile, now: now) + noteDeadlines(queue, profile: profile, now: now)
    }

    /// Leaves one notification per lesson, quiz or assignment that appeared in an installed course
    /// since the profile last looked (a course seen for the first time is history, not news).
    @discardableResult
    static func noteNewItems(_ queue: DatabaseQueue, profile: Profile, now: Date) throws -> Int {
        try queue.write { db in
            var added = 0
            let rows = try db.fetchAll(
                """
                SELECT i.course_id, i.item_id, i.kind, i.title, c.title, c.version,
                       EXISTS (SELECT 1 FROM seen_items s WHERE s.profile_id = ?1 AND s.course_id = i.course_id)
                FROM course_items i JOIN courses c ON c.id = i.course_id
                WHERE i.removed = 0 AND NOT EXISTS (SELECT 1 FROM seen_items s WHERE s.profile_id = ?1 AND s.course_id = i.course_id
                                                    AND s.item_id = i.item_id)
                ORDER BY i.course_id, i.position
                """, arguments: [profile.id])
            for row in rows {
                guard let course = row.string(0), let item = row.string(1) else { continue }
                try db.execute(
                    "INSERT OR IGNORE INTO seen_items(profile_id, course_id, item_id) VALUES (?, ?, ?)",
                    arguments: [profile.id, course, item])
                guard row.bool(6) == true else { continue } // the course is new to this profile: its items are not news
                let key: MessageKey =
                    row.string(2) == "assignment"
                    ? .noteNewAssignmentTitle
                    : row.string(2) == "quiz" ? .noteNewQuizTitle : .noteNewLessonTitle
                if try add(
                    db, id: "new-item:\(course)/\(item)", profileID: profile.id, kind: "new-item",
                    title: .init(key, [row.string(4) ?? course, row.string(3) ?? item]),
                    body: .init(.noteNewItemBody, [row.string(5) ?? "", item]), now: now)
                {
                    added += 1
                }
            }
            return added
        }
    }

    /// Leaves one notification per assignment of an installed course that is due within
    /// `deadlineWarning` of `now` and that the profile has not submitted (run by `sync` and `inbox`).
    /// Returns how many were added.
    @discardableResult
    static func noteDeadlines(_ queue: DatabaseQueue, profile: Profile, now: Date) throws -> Int {
        try queue.write { db in
            var added = 0
            let rows = try db.fetchAll(
                """
                SELECT i.course_id, i.item_id, i.title, i.due FROM course_items i
                WHERE i.kind = 'assignment' AND i.removed = 0 AND i.due IS NOT NULL AND i.due > ?1 AND i.due <= ?2
                  AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.profile_id = ?3 AND s.course_id = i.course_id AND s.assignment_id = i.item_id)
                """, arguments: [now, now.addingTimeInterval(deadlineWarning), profile.id])
            for row in rows {
                guard let course = row.string(0), let item = row.string(1), let due = row.date(3) else { continue }
                let when = ISO8601DateFormatter().string(from: due)
                let hours = String(max(1, Int(due.timeIntervalSince(now) / 3600)))
                if try add(
                    db, id: "deadline:\(course)/\(item)/\(Int64(ChangeEntry.milliseconds(due)))", profileID: profile.id,
                    kind: "deadline",
                    title: .init(.noteDeadlineTitle, [row.string(2) ?? item, course, hours]),
                    body: .init(.noteDeadlineBody, [when, item]), now: now)
                {
                    added += 1
                }
            }
            return added
        }
    }
}
