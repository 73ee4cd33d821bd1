import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// Where a profile stands on each item, and the course it worked on last, against an in-memory store.
struct ReportStoreItemStatesTests {
    /// `ReportStoreTests.store()` (p1 finished l1 in 90 s and l3, submitted a2; p2 finished l2), with
    /// quiz attempts: p1 has q1 graded twice (2/3, then 3/3), one awaiting the server and a draft.
    static func store() throws -> DatabaseQueue {
        let queue = try ReportStoreTests.store()
        try queue.write { db in
            let attempts: [(String, Double?, String, Int64)] = [
                ("t1", 2, "graded", 10), ("t2", 3, "graded", 20), ("t3", nil, "awaiting", 30), ("t4", nil, "draft", 40)
            ]
            for (id, points, status, started) in attempts {
                try db.execute(
                    """
                    INSERT INTO attempts(id, profile_id, course_id, course_version, package_id, quiz_id, mode, seed,
                      started_at, question_order, status, points, max_points)
                    VALUES (?, 'p1', 'c', '1.0.0', 'p', 'q1', 'exam', 1, ?, '[]', ?, ?, ?)
                    """, arguments: [id, started, status, points, points.map { _ in 3.0 }])
            }
        }
        return queue
    }

    @Test func itemStates_CountLessonsQuizzesAndSubmissions_OfOneProfile() throws {
        let store = ReportStore(queue: try Self.store())
        let states = try store.itemStates(profileID: "p1", courseID: "c")
        #expect(states.lessons.count == 2)
        #expect(states.lessons["l1"]?.done == true && states.lessons["l1"]?.seconds == 90)
        #expect(states.lessons["l2"] == nil, "p2's lesson is not p1's")
        let quiz = states.quizzes["q1"]
        #expect(quiz?.submitted == 3)
        #expect(quiz?.best == 3 && quiz?.max == 3)
        #expect(quiz?.awaiting == 1)
        #expect(quiz?.draft == true)
        #expect(states.submissions == ["a2": 1])
        let other = try store.itemStates(profileID: "p2", courseID: "c")
        #expect(other.quizzes.isEmpty && other.submissions.isEmpty && other.lessons.keys.sorted() == ["l2"])
        #expect(try store.itemStates(profileID: "p1", courseID: "elsewhere").lessons.isEmpty)
    }

    @Test func lastWorkedCourse_IsTheOneTouchedLatest_AcrossLessonsAttemptsAndSubmissions() throws {
        let queue = try Self.store()
        let store = ReportStore(queue: queue)
        #expect(try store.lastWorkedCourse(profileID: "p1") == "c")
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO progress(profile_id, course_id, lesson_id, completed, total_seconds, updated_at)
                VALUES ('p1', 'd', 'x', 0, 0, 1000)
                """)
        }
        #expect(try store.lastWorkedCourse(profileID: "p1") == "d")
        try queue.write { db in
            try db.execute(
                "INSERT INTO submissions(id, profile_id, course_id, assignment_id, version, submitted_at) VALUES ('s2', 'p1', 'e', 'a', 1, 2000)"
            )
        }
        #expect(try store.lastWorkedCourse(profileID: "p1") == "e")
        #expect(try store.lastWorkedCourse(profileID: "nobody") == nil)
    }
}
