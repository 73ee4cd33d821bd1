import Foundation
import LMSModel
import Testing

@testable import SyncServer

/// `WorkStore`: the students' work as the push writes it, read back as stored.
struct WorkStoreTests {
    @Test func savedProgress_ReadsBackTheSame_AndASecondSaveReplacesIt() throws {
        let server = try SyncRoutesTests().world()
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        var progress = LMSModel.Progress(userID: ana.id, courseID: "c1", lessonID: "intro", completed: false)
        progress.secondsByDevice = ["dev-1": 30]
        progress.lastOpenedAt = Date(timeIntervalSince1970: 1_700_000_000)
        let read = try server.app.store.write { db in
            try WorkStore.saveProgress(
                progress, seconds: #"{"dev-1":30}"#, lastOpenedAt: 1_700_000_000_000, now: 1, in: db)
            progress.completed = true
            try WorkStore.saveProgress(
                progress, seconds: #"{"dev-1":30}"#, lastOpenedAt: 1_700_000_000_000, now: 2, in: db)
            return try WorkStore.progress(userID: ana.id, courseID: "c1", lessonID: "intro", in: db)
        }
        #expect(read == progress)
    }

    @Test func anAttemptIsInsertedOnce_AndCountedForItsOwner() throws {
        let server = try SyncRoutesTests().world()
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        let attempt = WorkStore.NewAttempt(
            id: "a1", userID: ana.id, courseID: "c1", courseVersion: "1.0.0", quizID: "q1", startedAt: nil,
            submittedAt: 5, payload: Data([0]), points: 1, maxPoints: 2, awaitingTeacher: false, receivedAt: 6,
            late: nil)
        let (first, second, owner, count) = try server.app.store.write { db in
            (
                try WorkStore.insertAttempt(attempt, in: db), try WorkStore.insertAttempt(attempt, in: db),
                try WorkStore.attemptOwner("a1", in: db),
                try WorkStore.attemptCount(userID: ana.id, courseID: "c1", quizID: "q1", in: db)
            )
        }
        #expect(first && !second)
        #expect(owner == ana.id && count == 1)
    }

    @Test func aSubmissionNamesItsOwner_AndAnUnknownIdNone() throws {
        let server = try SyncRoutesTests().world()
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        let (owner, unknown) = try server.app.store.write { db in
            try WorkStore.insertSubmission(
                WorkStore.NewSubmission(
                    id: "s1", userID: ana.id, courseID: "c1", assignmentID: "essay", version: 1, payload: Data([0]),
                    submittedAt: 5, receivedAt: 6, late: false), in: db)
            return (try WorkStore.submissionOwner("s1", in: db), try WorkStore.submissionOwner("s2", in: db))
        }
        #expect(owner == ana.id && unknown == nil)
    }
}
