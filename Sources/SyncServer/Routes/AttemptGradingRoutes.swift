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

    /// `GET /api/v1/courses/{id}/attempts/{attempt}`: the essay questions with the student's answers,
    /// and whether the attempt is late and counts.
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
                ("awaitingTeacher", JSONOut.b(record.awaitingTeacher)),
                ("late", JSONOut.b(record.late != nil)), ("lateReason", JSONOut.opt(record.late)),
                ("counted", JSONOut.b(record.counted)),
                ("essays", JSONOut.arr(essays)), ("feedback", JSONOut.opt(graded?.feedback))
            ]))
    }

    /// `PUT /api/v1/courses/{id}/attempts/{attempt}/grade` `{"scores": {questionID: points}, "feedback",
    /// "countLate"}`: grades the attempt's essays; the attempt's score becomes its automatic points
    /// plus these. The student pulls an `attemptResult` (the new score) and a `grade` (with the
    /// feedback). `countLate` counts a late attempt in the gradebook (true) or stops counting it
    /// (false), docs/PROTOCOL.md §8; it may come alone (no `scores`), which is how a late attempt at
    /// a quiz without essays is counted.
    func gradeAttempt(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["scores", "feedback", "countLate"])
        let teacher = try context.user
        let (record, quiz) = try attemptRecord(context)
        let countLate = try body.bool("countLate")
        if countLate != nil, record.late == nil {
            throw APIError(
                status: 409, code: "not_late",
                message: "\(record.id) is not late: it counts already; send \"countLate\" only for a late attempt")
        }
        let gradesEssays = body.object["scores"] != nil || countLate == nil
        if gradesEssays, !quiz.questions.contains(where: { $0.kind == .essay }) {
            throw APIError.conflict(
                "\(quiz.id) has no essay question: its score is automatic"
                    + (record.late == nil ? "" : "; to count this late attempt send {\"countLate\": true}"))
        }
        let checked: (points: Double, scores: [String: Double])?
        var feedback: String?
        if gradesEssays {
            let given: [String: Double]
            (given, feedback) = try GradingRoutes.readScores(body)
            do { checked = try Grading.essayScores(given, quiz: quiz) } catch {
                throw APIError.unprocessable("\(quiz.id): \(error)", code: "invalid_score")
            }
        } else {
            guard body.object["feedback"] == nil else {
                throw APIError.badRequest(
                    "feedback goes with the essays' \"scores\"; send both, or \"countLate\" alone",
                    code: "missing_field")
            }
            checked = nil
        }
        let payload = try grading.gradeAttempt(
            record, quiz: quiz, essays: checked, feedback: feedback, countLate: countLate, teacher: teacher)
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
            // Names the quizzes a review can be released for, so a short or misspelt id ("exam") is fixed at once.
            let releasable = course.quizzes.filter { $0.reviewPolicy == .afterClose }.map(\.id)
            throw APIError.notFound(
                "\(id) has no quiz \"\(quizID)\""
                    + (releasable.isEmpty
                        ? "" : "; a review can be released for \(releasable.joined(separator: ", "))"))
        }
        guard quiz.reviewPolicy == .afterClose else {
            throw APIError.conflict(
                "\(quizID)'s review is \(quiz.reviewPolicy.rawValue): only an afterClose quiz is released "
                    + "(set \"review\" in the quiz and publish again to change it)")
        }
        let released = try grading.releaseReview(
            courseID: id, quiz: quiz, by: teacher, at: nowMilliseconds())
        // A certificate that waited for these marks is issued now (CourseGrades.earned).
        courseGrades.issueIfEarned(
            Set(
                try grading.students(attemptingQuiz: quiz.id, courseID: id).map {
                    StudentCourse(userID: $0, courseID: id)
                }))
        return JSONOut.response(
            200, JSONOut.obj([("quiz", JSONOut.s(quizID)), ("released", JSONOut.n(Double(released)))]))
    }
}
