import Foundation
import LMSDatabase
import LMSModel
import Testing

@testable import lms_offline

/// A teacher's pulled student work, read for offline grading against an in-memory store.
struct StudentWorkStoreTests {
    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            let rows: [(String, String, String, String, Int, String)] = [
                ("submission", "s1", "u7", "a", 1, "{}"), ("submission", "s2", "u7", "a", 2, "{}"), // s2 replaces s1
                ("submission", "s3", "u8", "a", 3, "{}"), ("grade", "g1", "u8", "a", 4, #"{"submission": "s3"}"#),
                ("attempt", "t1", "u7", "q", 5, #"{"quiz": "q"}"#),
                ("attemptResult", "t1", "u7", "q", 6, #"{"awaitingTeacher": true}"#),
                ("attempt", "t2", "u8", "q", 7, "{}"),
                ("attemptResult", "t2", "u8", "q", 8, #"{"awaitingTeacher": false}"#)
            ]
            for (kind, entity, user, item, at, payload) in rows {
                try db.execute(
                    """
                    INSERT INTO student_work(profile_id, kind, entity, course_id, user_id, item_id, submitted_at, payload)
                    VALUES ('p1', ?, ?, 'c', ?, ?, ?, ?)
                    """, arguments: [kind, entity, user, item, at, payload])
            }
        }
        return queue
    }

    @Test func ungradedSubmissions_AreTheLatestOfEachStudent_NotGradedByTheServer() throws {
        let store = StudentWorkStore(queue: try Self.store(), profileID: "p1")
        #expect(try store.ungradedSubmissions(courseID: "c").map(\.id) == ["s2"])
        #expect(try store.ungradedSubmissions(courseID: "other").isEmpty)
    }

    @Test func attemptsAwaitingTeacher_AreThoseWhoseResultSaysSo() throws {
        let store = StudentWorkStore(queue: try Self.store(), profileID: "p1")
        #expect(try store.attemptsAwaitingTeacher(courseID: "c").map(\.id) == ["t1"])
    }

    @Test func payload_IsTheStoredJSON_OrNil() throws {
        let store = StudentWorkStore(queue: try Self.store(), profileID: "p1")
        #expect(try store.payload(.attempt, "t1", courseID: "c")?["quiz"]?.stringValue == "q")
        #expect(try store.payload(.attempt, "t1", courseID: "other") == nil)
        #expect(
            try StudentWorkStore(queue: try Self.store(), profileID: "p2").payload(.attempt, "t1", courseID: "c") == nil
        )
    }
}
