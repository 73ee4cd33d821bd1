import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Teachers read and grade the essay answers of quiz attempts (docs/API.md "Grading").
extension ServerApp {
    func attemptRecord(_ context: RequestContext) throws -> (AttemptRecord, Quiz) {
        let id = context.parameter("id")
        let attempt = context.parameter("attempt")
        guard let record = try store.attempt(attempt, courseID: id) else {
            throw APIError.notFound("\(id) has no attempt \"\(attempt)\": see GET /api/v1/courses/\(id)/grading/queue")
        }
        guard let course = try courseCache.course(id, version: record.courseVersion, app: self),
            let quiz = course.quizzes.first(where: { $0.id == record.quizID })
        else {
            throw APIError.conflict("\(id) \(record.courseVersion) has no quiz \(record.quizID) any more")
        }
        return (record, quiz)
    }

    /// `GET /api/v1/courses/{id}/attempts/{attempt}`: the essay questions with the student's answers.
    func showAttempt(_ context: RequestContext) throws -> HTTPResponse {
        let (record, quiz) = try attemptRecord(context)
        let responses = ResponseCoding.responses(from: record.payload["responses"] ?? JSONValue(.null))
        let graded = try store.read { db in
            try db.fetchOne("SELECT scores, feedback FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id])
        }
        let scores = ServerStore.decodeScores(graded?.string("scores"))
        let essays = quiz.questions.filter { $0.kind == .essay }.map { q in
            var answer: String?
            if case .essay(let text)? = responses[q.id] {
                answer = text
            } else if case .text(let text)? = responses[q.id] {
                answer = text
            }
            return JSONOut.obj([
                ("id", JSONOut.s(q.id)), ("text", JSONOut.s(q.text)), ("points", JSONOut.n(q.points)),
                ("answer", JSONOut.opt(answer)), ("score", scores[q.id].map(JSONOut.n) ?? JSONValue(.null))
            ])
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("id", JSONOut.s(record.id)), ("course", JSONOut.s(record.courseID)), ("quiz", JSONOut.s(quiz.id)),
                ("quizTitle", JSONOut.s(quiz.title)),
                ("student", Self.studentJSON(record.student)), ("submittedAt", JSONOut.time(record.submittedAt)),
                ("points", JSONOut.n(record.points)), ("maxPoints", JSONOut.n(record.maxPoints)),
                ("awaitingTeacher", JSONOut.b(record.awaitingTeacher)), ("essays", JSONOut.arr(essays)),
                ("feedback", JSONOut.opt(graded?.string("feedback")))
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
        let (given, feedback) = try Self.readScores(body)
        let checked: (points: Double, scores: [String: Double])
        do { checked = try Self.essayScores(given, quiz: quiz) } catch {
            throw APIError.unprocessable("\(quiz.id): \(error)", code: "invalid_score")
        }
        let payload = try store.write { db in
            try Self.recordAttemptGrade(
                record, quiz: quiz, essayPoints: checked.points, scores: checked.scores, feedback: feedback,
                teacher: teacher, at: nowMilliseconds(), in: db)
        }
        issueCertificatesIfEarned([StudentCourse(userID: record.student.id, courseID: record.courseID)])
        return JSONOut.response(200, payload)
    }

    /// The essays' total and their scores by question id, checked against the quiz (throws `GradingError`).
    static func essayScores(_ given: [String: Double], quiz: Quiz) throws(GradingError) -> (
        points: Double, scores: [String: Double]
    ) {
        let essays = quiz.questions.filter { $0.kind == .essay }
        let points = try RubricScoring.total(
            given, criteria: essays.map { ($0.id, $0.points) }, maximum: essays.reduce(0) { $0 + $1.points })
        return (points, RubricScoring.canonical(given, criteria: essays.map(\.id)))
    }

    /// Records essay scores in `db`'s transaction: the attempt's score becomes its automatic points plus
    /// these, with history, an `attemptResult` and a `grade` change for the student; returns the grade's payload.
    @discardableResult
    static func recordAttemptGrade(
        _ record: AttemptRecord, quiz: Quiz, essayPoints: Double, scores: [String: Double], feedback: String?,
        teacher: User, at now: Int64, in db: Database
    ) throws -> JSONValue {
        let current =
            try db.fetchScalar(Double.self, "SELECT points FROM attempts WHERE id = ?", arguments: [record.id])
            ?? record.points
        let auto =
            try db.fetchScalar(
                Double.self, "SELECT auto_points FROM attempt_grades WHERE attempt_id = ?", arguments: [record.id])
            ?? current
        let total = auto + essayPoints
        try db.execute(
            "UPDATE attempts SET points = ?, awaiting_teacher = 0 WHERE id = ?", arguments: [total, record.id])
        try db.execute(
            """
            INSERT INTO attempt_grades(attempt_id, auto_points, scores, feedback, graded_by, graded_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(attempt_id) DO UPDATE SET scores = excluded.scores, feedback = excluded.feedback, graded_by = excluded.graded_by,
                graded_at = excluded.graded_at
            """, arguments: [record.id, auto, ServerStore.encodeScores(scores), feedback, teacher.id, now])
        let oldFeedback = try db.fetchScalar(
            String.self, "SELECT new_feedback FROM grade_history WHERE target_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [record.id])
        try ServerStore.addHistory(
            GradeChange(
                userID: record.student.id, itemID: quiz.id, targetID: record.id, oldPoints: current,
                newPoints: total, oldFeedback: oldFeedback, newFeedback: feedback, scores: scores,
                changedBy: teacher.id, changedAt: now), courseID: record.courseID, in: db)
        try ServerStore.appendChange(
            kind: "attemptResult", entity: record.id, userID: record.student.id, courseID: record.courseID,
            payload: try regradedResult(record, quiz: quiz, scores: scores, total: total, in: db), in: db)
        let payload = gradePayload(
            student: record.student.id, course: record.courseID, item: quiz.id, kind: "quiz",
            target: ("attempt", record.id),
            points: total, maxPoints: record.maxPoints, scores: scores, feedback: feedback, teacher: teacher, at: now)
        try ServerStore.appendChange(
            kind: "grade", entity: "\(record.student.id)/\(record.courseID)/\(quiz.id)/\(record.id)",
            userID: record.student.id, courseID: record.courseID, payload: payload, in: db)
        return payload
    }

    /// The attempt's `attemptResult` payload with the essays scored by the teacher. The other
    /// questions are graded again from the attempt's stored answers, exactly as when it arrived (the
    /// grading is deterministic): no changelog is read.
    static func regradedResult(
        _ record: AttemptRecord, quiz: Quiz, scores: [String: Double], total: Double, in db: Database
    ) throws -> JSONValue {
        let automatic =
            (try? Grader.grade(quiz, responses: authoredResponses(record.payload, quiz: quiz)))?.questions ?? []
        let questions = automatic.map { q -> JSONValue in
            guard let essay = quiz.questions.first(where: { $0.id == q.questionID && $0.kind == .essay }) else {
                return JSONOut.obj([
                    ("id", JSONOut.s(q.questionID)), ("fraction", JSONOut.n(q.fraction)),
                    ("points", JSONOut.n(q.points)),
                    ("maxPoints", JSONOut.n(q.maxPoints)), ("manual", JSONOut.b(q.needsManualGrading))
                ])
            }
            let points = scores[essay.id] ?? 0
            return JSONOut.obj([
                ("id", JSONOut.s(essay.id)), ("fraction", JSONOut.n(essay.points > 0 ? points / essay.points : 0)),
                ("points", JSONOut.n(points)), ("maxPoints", JSONOut.n(essay.points)), ("manual", JSONOut.b(false))
            ])
        }
        return JSONOut.obj([
            ("user", JSONOut.s(record.student.id)), ("quiz", JSONOut.s(quiz.id)),
            ("course", JSONOut.s(record.courseID)),
            ("points", JSONOut.n(total)), ("maxPoints", JSONOut.n(record.maxPoints)),
            ("awaitingTeacher", JSONOut.b(false)),
            ("questions", JSONOut.arr(questions))
        ])
    }

    /// The responses of a stored attempt payload with the choices of an exam as authored: an exam's
    /// answers index the choices as the student build shows them (docs/PACKAGE-FORMAT.md §4). The same
    /// mapping is used when the attempt arrives (SyncIngest) and when a teacher regrades it.
    static func authoredResponses(_ payload: JSONValue, quiz: Quiz) -> [String: Response] {
        var responses = ResponseCoding.responses(from: payload["responses"] ?? JSONValue(.null))
        guard quiz.mode == .exam else { return responses }
        for question in quiz.questions {
            if case .single(let choices) = question.body, case .choice(let shown)? = responses[question.id] {
                responses[question.id] =
                    StudentChoiceOrder.authoredIndex(shown, quizID: quiz.id, questionID: question.id, choices: choices)
                    .map(Response.choice) ?? .choice(-1)
            } else if case .multiple(let choices) = question.body, case .choices(let shown)? = responses[question.id] {
                // One permutation for the question (a hash per choice), not one per chosen answer.
                let order = StudentChoiceOrder.permutation(quizID: quiz.id, questionID: question.id, choices: choices)
                responses[question.id] = .choices(shown.compactMap { order.indices.contains($0) ? order[$0] : nil })
            }
        }
        return responses
    }
}
