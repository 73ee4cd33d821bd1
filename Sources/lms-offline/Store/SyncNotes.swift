import Foundation
import LMSDatabase
import LMSModel

/// Notifications that sync leaves for a student, in English and Spanish (the inbox shows the
/// language of the reader). Ids are derived from what they are about, so that a change applied
/// twice, or a rejection both answered to the push and pulled later, makes one notification.
enum SyncNotes {
    /// A text in both languages.
    struct Both {
        var en: String
        var es: String

        /// A catalog message in both languages; `args` may hold texts in both languages too.
        init(_ key: MessageKey, _ args: [String] = [], localized: [Both] = []) {
            en = Messages.text(key, args + localized.map(\.en), language: .english)
            es = Messages.text(key, args + localized.map(\.es), language: .spanish)
        }

        /// A text given in both languages (course content, which is never translated, is the same in both).
        init(en: String, es: String) {
            self.en = en
            self.es = es
        }
    }

    /// Adds a notification unless one with this id exists; returns whether it was added.
    @discardableResult
    static func add(_ db: Database, id: String, profileID: String, kind: String, title: Both, body: Both, now: Date)
        throws -> Bool
    {
        try db.execute(
            """
            INSERT OR IGNORE INTO notifications(id, profile_id, kind, title, body, title_es, body_es, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, profileID, kind, title.en, body.en, title.es, body.es, now])
        return db.changes > 0
    }

    /// The notification for an entry the server refused (`device/seq`): what it was, from the
    /// local store when the entry is known here, and the server's reason: `refusal` is the rejection
    /// as it came (an item of the push's answer or a `rejection` change's payload), read here once
    /// for both: `reason`, and `code` and `params` when it has them.
    @discardableResult
    static func rejection(
        _ db: Database, profileID: String, device: String, seq: Int64, kind: String, entity: String,
        refusal: JSONValue, now: Date
    ) throws -> Bool {
        let reason = refusal["reason"]?.stringValue ?? "?"
        let coded = rejectionReason(
            code: refusal["code"]?.stringValue, params: refusal["params"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var what = Both(.rejectedOther, [kind, entity])
        switch kind {
        case "attempt":
            if let row = try db.fetchOne("SELECT quiz_id, course_id FROM attempts WHERE id = ?", arguments: [entity]) {
                what = Both(.rejectedAttempt, [row.string(0) ?? "?", row.string(1) ?? "?"])
            }
        case "submission":
            if let row = try db.fetchOne(
                "SELECT assignment_id, course_id, version FROM submissions WHERE id = ?", arguments: [entity])
            {
                what = Both(.rejectedSubmission, [row.string(0) ?? "?", row.string(1) ?? "?", String(row.int(2) ?? 0)])
            }
        case "progress":
            let parts = entity.split(separator: "/", maxSplits: 2).map(String.init)
            if parts.count == 3 { what = Both(.rejectedProgress, [parts[2], parts[1]]) }
        default: break
        }
        return try add(
            db, id: "rejection:\(device)/\(seq)", profileID: profileID, kind: "sync-rejected",
            title: Both(.rejectedTitle, localized: [what]),
            body: Both(.rejectedBody, localized: [coded ?? Both(en: reason, es: reason)]),
            now: now)
    }

    /// The server's reason in both languages when it came with a `RejectionCode` this device knows
    /// (with the values that code takes); nil otherwise, and the server's English text stands.
    static func rejectionReason(code: String?, params: [String]) -> Both? {
        guard let code = code.flatMap(RejectionCode.init(rawValue:)), params.count == code.parameterCount else {
            return nil
        }
        let key: MessageKey
        var args = params
        switch code {
        case .notEnrolled: key = .rejectNotEnrolled
        case .noCourse: key = .rejectNoCourse
        case .noVersion: key = .rejectNoVersion
        case .noQuiz: key = .rejectNoQuiz
        case .noLesson: key = .rejectNoLesson
        case .noAssignment: key = .rejectNoAssignment
        case .fileNotUploaded: key = .rejectFileNotUploaded
        case .attemptLimit:
            if params[1] == "1" {
                key = .rejectAttemptLimitOne
                args = [params[0], params[2]]
            } else {
                key = .rejectAttemptLimit
            }
        }
        return Both(key, args)
    }
}
