import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Pushed `attempt` (docs/PROTOCOL.md §6, §8 "Quiz limits"): graded by the server against the
/// quiz of the attempt's version, the exam's limits enforced, stored once with its result.
extension SyncIngest {
    /// An attempt as far as it goes without the database: graded against the quiz of its version
    /// and encoded for storage, or why it cannot be (made before the write transaction, on all
    /// cores): a `Rejection`, or what grading threw (a quiz without its keys).
    typealias PreparedAttempt = Result<GradedAttempt, any Error>

    /// The quiz, the server's score of record and the payload to store.
    struct GradedAttempt: Sendable {
        var quiz: Quiz
        var result: QuizResult
        /// `AttemptEntry.encodedPayload(user:)`: whose work it is, for the devices of teachers who
        /// pull several students' work.
        var payload: Data
    }

    /// Each version's quizzes by id (`Course.quizzes` is computed: asked once per version), for the
    /// push's attempts and grades.
    struct QuizTable: Sendable {
        private var quizzes: [String: [String: Quiz]] = [:]

        /// `courses` as `preloadCourses` keys them (`course@version`).
        init(_ courses: [String: Course]) {
            for (key, course) in courses {
                quizzes[key] = Dictionary(course.quizzes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }

        func quiz(_ id: String, courseKey: String) -> Quiz? { quizzes[courseKey]?[id] }

        func hasCourse(_ courseKey: String) -> Bool { quizzes[courseKey] != nil }
    }

    /// Every attempt of the push prepared (`prepare`), on all cores; nil for the other entries.
    static func prepareAttempts(_ entries: [Decoded], quizzes: QuizTable, user: String) -> [PreparedAttempt?] {
        guard entries.contains(where: { if case .success(.attempt) = $0.value { true } else { false } }) else {
            return Array(repeating: nil, count: entries.count)
        }
        return ParallelMap.map(entries) { entry in
            guard case .success(.attempt(let attempt)) = entry.value else { return nil }
            return prepare(attempt, quizzes: quizzes, user: user)
        }
    }

    /// Grades and encodes one attempt (no database work).
    static func prepare(_ attempt: AttemptEntry, quizzes: QuizTable, user: String) -> PreparedAttempt {
        let (courseID, version) = (attempt.courseID, attempt.courseVersion)
        guard let quiz = quizzes.quiz(attempt.quizID, courseKey: courseID + "@" + version) else {
            let rejection =
                quizzes.hasCourse(courseID + "@" + version)
                ? Rejection(.noQuiz, [courseID, version, attempt.quizID]) : Rejection(.noVersion, [courseID, version])
            return .failure(rejection)
        }
        // Exam answers index the choices as the student build shows them (docs/PACKAGE-FORMAT.md §4).
        let responses = Grading.authoredResponses(attempt.responses, quiz: quiz)
        return Result {
            GradedAttempt(
                quiz: quiz, result: try Grader.grade(quiz, responses: responses),
                payload: Data(attempt.encodedPayload(user: user)))
        }
    }

    func applyAttempt(
        _ attempt: AttemptEntry, prepared: PreparedAttempt, memo: BatchMemo, previousSync: SyncMerge.ClockReading?,
        now: Int64, in db: Database
    ) throws {
        let id = attempt.id
        // Checked and graded first (`prepare`, no database work), then inserted unless the id
        // exists: one statement for a new attempt instead of a look-up and an insert.
        let graded: GradedAttempt
        switch prepared {
        case .success(let value): graded = value
        case .failure(let error):
            // An id already stored answers as before any check against the course: once, or someone else's.
            try existingAttempt(id, in: db)
            throw error
        }
        let (quiz, result) = (graded.quiz, graded.result)
        let courseID = attempt.courseID
        let quizID = quiz.id
        if let allowed = quiz.maxAttempts {
            // The same attempt from another device is not a new one (answered before counting).
            try existingAttempt(id, in: db)
            let made = try WorkStore.attemptCount(userID: user.id, courseID: courseID, quizID: quizID, in: db)
            guard made < allowed else {
                throw Rejection(.attemptLimit, [quiz.title, String(allowed), String(made)])
            }
        }
        let late = ExamTiming.lateness(
            limitMinutes: quiz.timeLimitMinutes,
            startedAt: Date(timeIntervalSince1970: Double(attempt.startedAt) / 1000),
            submittedAt: attempt.submittedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            skewNow: Double(now - deviceClock) / 1000, skewBefore: previousSync?.skew)
        let inserted = try WorkStore.insertAttempt(
            WorkStore.NewAttempt(
                id: id, userID: user.id, courseID: courseID, courseVersion: attempt.courseVersion, quizID: quizID,
                startedAt: attempt.startedAt, submittedAt: attempt.submittedAt, payload: graded.payload,
                points: result.points, maxPoints: result.maxPoints, awaitingTeacher: result.awaitingManualGrading,
                receivedAt: now, late: late),
            in: db)
        guard inserted else {
            try existingAttempt(id, in: db)
            return
        }
        if !result.awaitingManualGrading {
            memo.certificateCandidates.insert(StudentCourse(userID: user.id, courseID: courseID))
        }
        let makeResult = { (questions: [Grading.AttemptResultQuestion]?) in
            Grading.attemptResult(
                user: user.id, quiz: quizID, course: courseID, points: result.points, maxPoints: result.maxPoints,
                awaitingTeacher: result.awaitingManualGrading, late: late, questions: questions)
        }
        let full = makeResult(result.questions.map(Grading.AttemptResultQuestion.init))
        var published = full
        if try !GradingStore.reviewIsOpen(quiz, courseID: courseID, in: db) {
            published = makeResult(nil)
            try WorkStore.keepFullResult(full, attemptID: id, in: db)
        }
        // Stored once: one change for the attempt and its result, from which the pull makes both
        // (the attempt spliced from its row: docs/PROTOCOL.md §5).
        try ChangelogStore.appendChange(
            kind: ChangelogStore.attemptWithResult, entity: id, userID: user.id, courseID: courseID,
            encodedPayload: published, in: db)
    }

    /// For an attempt id that is already stored: nothing when it is this user's (the same attempt
    /// from another device: once), a rejection when it is someone else's. Returns when the id is new.
    func existingAttempt(_ id: String, in db: Database) throws {
        guard let owner = try WorkStore.attemptOwner(id, in: db) else { return }
        if owner == user.id { throw AlreadyStored() }
        throw Rejection(reason: "attempt \(id) belongs to someone else")
    }
}
