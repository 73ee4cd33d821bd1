import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// The report queries against an in-memory store.
struct ReportStoreTests {
    /// A store with course `c`: module m1 (lessons l1, l2), module m2 (lesson l3), assignments a1 (due)
    /// and a2 (due, submitted by p1); p1 finished l1 (90 s) and l3; p2 finished l2.
    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO courses(id, version, package_id, title, folder, position, installed_at) VALUES ('c', '1.0.0', 'p', 'C', 'f', 0, 0)"
            )
            let items: [(String, String, String, Int64?)] = [
                ("l1", "lesson", "m1", nil), ("l2", "lesson", "m1", nil), ("l3", "lesson", "m2", nil),
                ("a1", "assignment", "m2", 2_000_000), ("a2", "assignment", "m2", 1_000_000)
            ]
            for (position, item) in items.enumerated() {
                try db.execute(
                    """
                    INSERT INTO course_items(course_id, item_id, kind, module_id, module_title, title, position, path, sha256, due)
                    VALUES ('c', ?, ?, ?, ?, ?, ?, 'x.md', '', ?)
                    """, arguments: [item.0, item.1, item.2, item.2.uppercased(), item.0.uppercased(), position, item.3]
                )
            }
            for (profile, lesson, seconds) in [("p1", "l1", 90), ("p1", "l3", 0), ("p2", "l2", 5)] {
                try db.execute(
                    """
                    INSERT INTO progress(profile_id, course_id, lesson_id, completed, total_seconds, updated_at)
                    VALUES (?, 'c', ?, 1, ?, 0)
                    """, arguments: [profile, lesson, seconds])
            }
            try db.execute(
                "INSERT INTO submissions(id, profile_id, course_id, assignment_id, version, submitted_at) VALUES ('s', 'p1', 'c', 'a2', 1, 0)"
            )
        }
        return queue
    }

    @Test func moduleProgress_CountsOneProfilesDoneLessonsPerModule() throws {
        let (modules, seconds) = try ReportStore(queue: Self.store()).moduleProgress(profileID: "p1", courseID: "c")
        #expect(
            modules == [
                .init(id: "m1", title: "M1", lessons: 2, done: 1), .init(id: "m2", title: "M2", lessons: 1, done: 1)
            ])
        #expect(seconds == 90)
    }

    @Test func dueWork_ListsUnsubmittedAssignmentsSoonestFirst() throws {
        let queue = try Self.store()
        #expect(try ReportStore(queue: queue).dueWork(profileID: "p1").map(\.assignmentID) == ["a1"])
        #expect(try ReportStore(queue: queue).dueWork(profileID: "p2").map(\.assignmentID) == ["a2", "a1"])
    }

    @Test func serverGrade_StandsForTheLocalResultOfTheSameQuiz() throws {
        let queue = try Self.store()
        try queue.write { db in
            for (id, quiz) in [("t1", "q1"), ("t2", "q2")] {
                try db.execute(
                    """
                    INSERT INTO attempts(id, profile_id, course_id, course_version, package_id, quiz_id, mode, seed, started_at,
                      submitted_at, question_order, status, points, max_points)
                    VALUES (?, 'p1', 'c', '1.0.0', 'p', ?, 'practice', 1, 0, 1, '[]', 'graded', 2, 3)
                    """, arguments: [id, quiz])
            }
            try db.execute(
                "INSERT INTO grades(profile_id, course_id, item_id, points, max_points, feedback, graded_by, graded_at) VALUES ('p1', 'c', 'q2', 3, 3, 'ok', 't', 0)"
            )
        }
        let store = ReportStore(queue: queue)
        #expect(try store.localResults(profileID: "p1", courseID: nil).map(\.quizID) == ["q1"])
        #expect(
            try store.serverGrades(profileID: "p1", courseID: "c") == [
                .init(courseID: "c", itemID: "q2", points: 3, maxPoints: 3, feedback: "ok")
            ])
        #expect(try store.localResults(profileID: "p2", courseID: nil).isEmpty)
    }
}
