import Foundation
import LMSDatabase
import LMSModel
import Testing

@testable import SyncServer

/// The changelog's pull query applies the rule `Rights.PullVisibility.shows` states, and only it.
@Suite struct ChangelogStoreTests {
    /// Every caller of `RightsTests.World` pulls a log holding every shape of change (addressed to
    /// each caller or course-wide, in course A, B or none, of every kind a pull knows), page by
    /// page; what arrives is exactly what `shows` lets through.
    @Test func pull_ShowsExactlyWhatTheRightsRuleShows() throws {
        let world = try RightsTests.World()
        let kinds = Rights.PullVisibility.staffKinds + ["announcement", "post", "message", "course"]
        var log: [(sseq: Int64, userID: String?, courseID: String?, kind: String)] = []
        try world.server.app.store.write { db in
            for caller in [nil] + RightsTests.Caller.allCases.map(Optional.some) {
                for course in [nil, "A", "B"] as [String?] {
                    for kind in kinds {
                        let userID = caller.map { world.user($0).id }
                        let sseq = try ChangelogStore.appendChange(
                            kind: kind, entity: "e", userID: userID, courseID: course, payload: ["k": "v"], in: db)
                        log.append((sseq, userID, course, kind))
                    }
                }
            }
        }
        for caller in RightsTests.Caller.allCases {
            let user = world.user(caller)
            let visibility = try world.server.app.store.queue.read { (db: Database) throws -> Rights.PullVisibility in
                try Rights.pullVisibility(of: user, in: db)
            }
            let expected = log.filter { visibility.shows(userID: $0.userID, courseID: $0.courseID, kind: $0.kind) }
            var pulled: [Int64] = []
            var cursor: Int64 = 0
            for _ in 0..<log.count {
                let page = try world.server.app.store.changelog.changes(
                    for: user, after: cursor, limit: 7, maxBytes: 1 << 20)
                pulled += page.changes.map(\.sseq)
                cursor = page.next
                if !page.more { break }
            }
            #expect(pulled == expected.map(\.sseq), "\(caller)")
            #expect(!pulled.isEmpty, "\(caller) sees at least their own changes")
        }
    }

    /// The rule in words, row by row: one's own changes anywhere; course-wide changes of a course
    /// one is a member of; students' work and grades (never other changes) of a course one teaches.
    @Test func shows_FollowsTheWrittenRule() {
        let visibility = Rights.PullVisibility(userID: "me", memberCourses: ["A", "T"], taughtCourses: ["T"])
        let rows: [(String?, String?, String, Bool)] = [
            ("me", nil, "message", true), ("me", "Z", "post", true),
            (nil, "A", "announcement", true), (nil, "Z", "announcement", false), (nil, nil, "course", false),
            ("other", "A", "grade", false), ("other", "T", "grade", true), ("other", "T", "submission", true),
            ("other", "T", "message", false), ("other", nil, "grade", false)
        ]
        for (userID, courseID, kind, shown) in rows {
            #expect(
                visibility.shows(userID: userID, courseID: courseID, kind: kind) == shown,
                "\(userID ?? "nil") \(courseID ?? "nil") \(kind)")
        }
    }
}
