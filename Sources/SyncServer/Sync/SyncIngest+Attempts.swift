import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Pushed `attempt` (docs/PROTOCOL.md §6, §8 "Quiz limits"): graded by the server against the
/// quiz of the attempt's version, the exam's limits enforced, stored once with its result.
extension SyncIngest {
    func applyAttempt(
        _ attempt: AttemptEntry, courses: [String: Course], memo: BatchMemo,
        previousSync: SyncMerge.ClockReading?, now: Int64, in db: Database
    ) throws {
        let id = attempt.id
        // Checked and graded first (no database work), then inserted unless the id exists: one
        // statement for a new attempt instead of a look-up and an insert.
        let graded: (quiz: Quiz, result: QuizResult)
        do {
            graded = try gradeAttempt(attempt, courses: courses, memo: memo)
        } catch {
            // An id already stored answers as before any check against the course: once, or someone else's.
            try existingAttempt(id, in: db)
            throw error
        }
        let (quiz, result) = graded
        let courseID = attempt.courseID
        let quizID = quiz.id
        if let allowed = quiz.maxAttempts {
            // The same attempt from another device is not a new one (answered before counting).
            try existingAttempt(id, in: db)
            let made = try WorkStore.attemptCount(userID: user.id, courseID: courseID, quizID: quizID, in: db)
            guard made < allowed else {
                throw Rejection(
                    reason:
                        "\(quiz.title) allows \(allowed) attempt\(allowed == 1 ? "" : "s") and you have made \(made): this one does not count"
                )
            }
        }
        let late = ExamTiming.lateness(
            limitMinutes: quiz.timeLimitMinutes,
            startedAt: Date(timeIntervalSince1970: Double(attempt.startedAt) / 1000),
            submittedAt: attempt.submittedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            skewNow: Double(now - deviceClock) / 1000, skewBefore: previousSync?.skew)
        // Whose work it is, for the devices of teachers who pull several students' work.
        let encoded = Data(attempt.encodedPayload(user: user.id))
        let inserted = try WorkStore.insertAttempt(
            WorkStore.NewAttempt(
                id: id, userID: user.id, courseID: courseID, courseVersion: attempt.courseVersion, quizID: quizID,
                startedAt: attempt.startedAt, submittedAt: attempt.submittedAt, payload: encoded,
                points: result.points, maxPoints: result.maxPoints, awaitingTeacher: result.awaitingManualGrading,
                receivedAt: now, late: late),
            in: db)
        guard inserted else {
            try existingAttempt(id, in: db)
            return
        }
        // Stored once: the pull splices the attempt's row into its change (docs/PROTOCOL.md §5).
        try ChangelogStore.appendChange(
            kind: "attempt", entity: id, userID: user.id, courseID: courseID,
            encodedPayload: ChangelogStore.splicedAttempt, in: db)
        if !result.awaitingManualGrading {
            memo.certificateCandidates.insert(StudentCourse(userID: user.id, courseID: courseID))
        }
        let makeResult = { (questions: [Grading.AttemptResultQuestion]?) in
            Grading.attemptResult(
                user: user.id, quiz: quizID, course: courseID, points: result.points, maxPoints: result.maxPoints,
                awaitingTeacher: result.awaitingManualGrading, late: late, questions: questions)
        }
        let full = makeResult(result.questions.map(Grading.AttemptResultQuestion.init))
        let published = try GradingStore.reviewIsOpen(quiz, courseID: courseID, in: db) ? full : makeResult(nil)
        if published != full { try WorkStore.keepFullResult(full, attemptID: id, in: db) }
        try ChangelogStore.appendChange(
            kind: "attemptResult", entity: id, userID: user.id, courseID: courseID, encodedPayload: published, in: db)
    }

    /// For an attempt id that is already stored: nothing when it is this user's (the same attempt
    /// from another device: once), a rejection when it is someone else's. Returns when the id is new.
    func existingAttempt(_ id: String, in db: Database) throws {
        guard let owner = try WorkStore.attemptOwner(id, in: db) else { return }
        if owner == user.id { throw AlreadyStored() }
        throw Rejection(reason: "attempt \(id) belongs to someone else")
    }

    /// The attempt's quiz and the server's score of record (no database work).
    func gradeAttempt(_ attempt: AttemptEntry, courses: [String: Course], memo: BatchMemo) throws
        -> (quiz: Quiz, result: QuizResult)
    {
        let (courseID, version) = (attempt.courseID, attempt.courseVersion)
        guard let course = courses[courseID + "@" + version] else {
            throw Rejection(reason: "\(courseID) has no version \(version)")
        }
        guard let quiz = memo.quiz(attempt.quizID, in: course) else {
            throw Rejection(reason: "\(courseID) \(version) has no quiz \(attempt.quizID)")
        }
        // Exam answers index the choices as the student build shows them (docs/PACKAGE-FORMAT.md §4).
        let responses = Grading.authoredResponses(attempt.responses, quiz: quiz)
        return (quiz, try Grader.grade(quiz, responses: responses))
    }
}
