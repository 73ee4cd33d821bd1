import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Teachers read and grade the essay answers of quiz attempts (docs/API.md "Grading").
struct AttemptGradingRoutes: Sendable {
    let grading: GradingStore
    let courseCache: CourseCache
    let courseGrades: CourseGrades

    func attemptRecord(_ context: RequestContext) throws -> (AttemptRecord, Quiz) {
        let id = context.parameter("id")
        let attempt = context.parameter("attempt")
        guard let record = try grading.attempt(attempt, courseID: id) else {
            throw APIError.notFound("\(id) has no attempt \"\(attempt)\": see GET /api/v1/courses/\(id)/grading/queue")
        }
        guard let course = try courseCache.course(id, version: record.courseVersion),
            let quiz = course.quizzes.first(where: { $0.id == record.quizID })
        else {
            throw APIError.conflict("\(id) \(record.courseVersion) has no quiz \(record.quizID) any more")
        }
        return (record, quiz)
    }

    /// `GET /api/v1/courses/{id}/attempts/{attempt}`: the essay questions with the student's answers.
    func showAttempt(_ context: RequestContext) throws -> HTTPResponse {
        let (record, quiz) = try attemptRecord(context)
        let responses = ResponseCoding.responses(from: record.payload["responses"] ?? JSONOut.null)
        let graded = try grading.essayGrade(attemptID: record.id)
        let scores = graded?.scores ?? [:]
        let essays = quiz.questions.filter { $0.kind == .essay }.map { q in
            var answer: String?
            if case .essay(let text)? = responses[q.id] {
                answer = text
            } else if case .text(let text)? = responses[q.id] {
                answer = text
            }
            return JSONOut.obj([
                ("id", JSONOut.s(q.id)), ("text", JSONOut.s(q.text)), ("points", JSONOut.n(q.points)),
                ("answer", JSONOut.opt(answer)), ("score", scores[q.id].map(JSONOut.n) ?? JSONOut.null)
            ])
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("id", JSONOut.s(record.id)), ("course", JSONOut.s(record.courseID)), ("quiz", JSONOut.s(quiz.id)),
                ("quizTitle", JSONOut.s(quiz.title)),
                ("student", GradingRoutes.studentJSON(record.student)),
                ("submittedAt", JSONOut.time(record.submittedAt)),
                ("points", JSONOut.n(record.points)), ("maxPoints", JSONOut.n(record.maxPoints)),
                ("awaitingTeacher", JSONOut.b(record.awaitingTeacher)), ("essays", JSONOut.arr(essays)),
                ("feedback", JSONOut.opt(graded?.feedback))
            ]))
    }

    /// `PUT /api/v1/courses/{id}/attempts/{attempt}/grade` `{"scores": {questionID: points}, "feedback"}`:
    /// grades the attempt's essays; the attempt's score becomes its automatic points plus these. The
    /// student pulls an `attemptResult` (the new score) and a `grade` (with the feedback).
    func gradeAttempt(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["scores", "feedback"])
        let teacher = try context.user
        let (record, quiz) = try attemptRecord(context)
        guard quiz.questions.contains(where: { $0.kind == .essay }) else {
            throw APIError.conflict("\(quiz.id) has no essay question: its score is automatic")
        }
        let (given, feedback) = try GradingRoutes.readScores(body)
        let checked: (points: Double, scores: [String: Double])
        do { checked = try Grading.essayScores(given, quiz: quiz) } catch {
            throw APIError.unprocessable("\(quiz.id): \(error)", code: "invalid_score")
        }
        let payload = try grading.recordAttemptGrade(
            record, quiz: quiz, essayPoints: checked.points, scores: checked.scores, feedback: feedback,
            teacher: teacher)
        courseGrades.issueIfEarned([StudentCourse(userID: record.student.id, courseID: record.courseID)])
        return JSONOut.response(200, payload)
    }

    /// `POST /api/v1/courses/{id}/reviews` `{"quiz": ID}`: closes the quiz for review and releases
    /// it (an `afterClose` quiz, an exam's default): each withheld result is published in full, and
    /// later attempts show theirs at once. Answers `{"quiz", "released": n}` (results published).
    func releaseReview(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["quiz"])
        let teacher = try context.user
        let id = context.parameter("id")
        let quizID = try body.string("quiz", required: true) ?? ""
        let course = try courseGrades.latestCourse(id)
        guard let quiz = course.quizzes.first(where: { $0.id == quizID }) else {
            throw APIError.notFound("\(id) has no quiz \"\(quizID)\"")
        }
        guard quiz.reviewPolicy == .afterClose else {
            throw APIError.conflict(
                "\(quizID)'s review is \(quiz.reviewPolicy.rawValue): only an afterClose quiz is released "
                    + "(set \"review\" in the quiz and publish again to change it)")
        }
        let released = try grading.releaseReview(
            courseID: id, quiz: quiz, by: teacher, at: nowMilliseconds())
        return JSONOut.response(
            200, JSONOut.obj([("quiz", JSONOut.s(quizID)), ("released", JSONOut.n(Double(released)))]))
    }
}
