import Foundation
import LMSModel

/// What one profile's sync did: the summary a student reads and `--json` prints.
struct SyncReport {
    /// The profile's name.
    var profile: String
    /// Entries the server acknowledged in this run.
    var pushed = 0
    /// Entries it refused.
    var rejected = 0
    /// What the pull brought.
    var pulled = PullCounts()
    /// Courses updated or installed.
    var updates: [CourseUpdate] = []
    /// Whether the server had been restored and the stream was sent again (PROTOCOL §7).
    var epochChanged = false
    /// The failure that stopped the sync, if any (nothing is lost: the next sync goes on).
    var failure: String?
    /// Whether the failure was a refused token.
    var loginExpired = false

    /// Whether a quiet run must still speak: a rejection, a failure, an expired login, a removed enrollment.
    var needsAttention: Bool {
        failure != nil || rejected > 0 || pulled.rejections > 0 || !pulled.removedEnrollments.isEmpty
            || !pulled.setAside.isEmpty
    }

    /// The one-line summary: `pushed 12, pulled 3 (2 grades), updated intro-programming to 1.3.0`.
    var summary: String {
        var parts = [Messages.t(.summaryPushed, pushed)]
        if rejected > 0 { parts[0] += " " + Messages.t(.summaryRejected, rejected) }
        var pull = Messages.t(.summaryPulled, pulled.changes)
        if pulled.grades > 0 { pull += " " + Messages.count(.summaryGrades, pulled.grades) }
        parts.append(pull)
        for update in updates {
            parts.append(
                update.from == nil
                    ? Messages.t(.summaryInstalled, update.courseID, update.to)
                    : Messages.t(.summaryUpdated, update.courseID, update.to))
        }
        return "\(profile): " + parts.joined(separator: ", ")
    }

    /// The lines that need the student's attention.
    var attentionLines: [String] {
        var lines: [String] = []
        if rejected + pulled.rejections > 0 { lines.append(Messages.t(.attentionRejected, profile)) }
        for course in pulled.removedEnrollments { lines.append(Messages.t(.attentionRemoved, profile, course)) }
        for change in pulled.setAside {
            lines.append(
                "\(profile): a change from the server could not be applied and was set aside (\(change)); tell the server's admin"
            )
        }
        if let failure { lines.append("\(profile): \(failure)") }
        return lines
    }

    /// The summary as JSON.
    var json: JSONValue {
        .obj([
            ("profile", .str(profile)), ("ok", .flag(failure == nil)), ("pushed", .int(pushed)),
            ("rejected", .int(rejected)),
            ("pulled", .int(pulled.changes)), ("grades", .int(pulled.grades)), ("rejections", .int(pulled.rejections)),
            ("removedEnrollments", .list(pulled.removedEnrollments.map(JSONValue.str))),
            ("setAside", .list(pulled.setAside.map(JSONValue.str))),
            ("epochChanged", .flag(epochChanged)),
            (
                "updates",
                .list(
                    updates.map { u in
                        .obj([
                            ("course", .str(u.courseID)), ("from", .opt(u.from)), ("to", .str(u.to)),
                            ("fetchedEntries", .int(u.fetchedEntries)),
                            ("fetchedBytes", .int(Int(u.fetchedBytes))), ("resumedEntries", .int(u.resumedEntries))
                        ])
                    })
            ),
            ("error", .opt(failure)), ("loginExpired", .flag(loginExpired))
        ])
    }
}
