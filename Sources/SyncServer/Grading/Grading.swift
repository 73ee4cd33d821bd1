import CoursePackage
import Foundation
import LMSModel

/// Grading: the server's rules for scoring a teacher's grade and an attempt, and the payloads of
/// `grade` and `attemptResult` changes. Called by the grading routes and by the sync
/// (`SyncIngest+Grades`, `SyncIngest`), so that a grade given on the web and one pushed from a
/// teacher's device are checked and recorded alike. The scoring itself is LMSModel's
/// (`Grader`, `RubricScoring`); what is stored is `GradingStore`'s.
enum Grading {
    /// `id` and the earlier ids of the assignment that `course` renamed to it (submissions keep the id they were made under).
    static func assignmentIDs(_ id: String, in course: Course) -> [String] {
        [id] + course.renamed.filter { $0.value == id }.map(\.key).sorted()
    }

    /// A grade of `record` checked against the assignment's rubric (throws `GradingError`).
    static func makeGrade(
        _ record: SubmissionRecord, assignment: Assignment, scores given: [String: Double], feedback: String?,
        teacher: User, at now: Int64
    ) throws(GradingError) -> GradeRecord {
        let points = try RubricScoring.total(given, for: assignment)
        let scores = RubricScoring.canonical(
            given, criteria: assignment.rubric.isEmpty ? [RubricScoring.wholeScore] : assignment.rubric.map(\.criterion)
        )
        return GradeRecord(
            userID: record.student.id, courseID: record.courseID, itemID: assignment.id, submissionID: record.id,
            points: points, maxPoints: assignment.points, scores: scores, feedback: feedback, gradedBy: teacher.id,
            gradedAt: now)
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

    /// The payload of a `grade` change (docs/PROTOCOL.md "grade"), also the answer of a grading route.
    static func gradePayload(
        student: String, course: String, item: String, kind: String, target: (String, String), points: Double,
        maxPoints: Double, scores: [String: Double], feedback: String?, teacher: User, at: Int64
    ) -> JSONValue {
        JSONOut.obj([
            ("user", JSONOut.s(student)), ("course", JSONOut.s(course)), ("item", JSONOut.s(item)),
            ("kind", JSONOut.s(kind)),
            (target.0, JSONOut.s(target.1)), ("points", JSONOut.n(points)), ("maxPoints", JSONOut.n(maxPoints)),
            ("scores", scoresJSON(scores)), ("feedback", JSONOut.opt(feedback)),
            ("gradedBy", JSONOut.s(teacher.displayName)),
            ("gradedAt", JSONOut.n(at))
        ])
    }

    /// The student's copy of a quiz's `grade` payload while the quiz's review is closed: no marks
    /// (`points`, `scores`) and no feedback, `"review": "withheld"`; the release publishes it in full.
    static func withheldGrade(_ payload: JSONValue) -> JSONValue {
        let hidden: Set<String> = ["points", "scores", "feedback"]
        let kept = (payload.objectMembers ?? []).filter { !hidden.contains($0.key) }
        return JSONValue(.object(kept + [(key: "review", value: JSONOut.s("withheld"))]))
    }

    /// Scores by criterion or question id, keys sorted.
    static func scoresJSON(_ scores: [String: Double]) -> JSONValue {
        JSONValue(.object(scores.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONOut.n($0.value)) }))
    }

    // MARK: - Attempts

    /// The responses of a stored attempt payload with the choices of an exam as authored: an exam's
    /// answers index the choices as the student build shows them (docs/PACKAGE-FORMAT.md §4). The same
    /// mapping is used when the attempt arrives (SyncIngest) and when a teacher regrades it.
    static func authoredResponses(_ payload: JSONValue, quiz: Quiz) -> [String: Response] {
        authoredResponses(ResponseCoding.responses(from: payload["responses"] ?? JSONOut.null), quiz: quiz)
    }

    /// `responses` with exam choices mapped from the student build's order to the authored one.
    static func authoredResponses(_ responses: [String: Response], quiz: Quiz) -> [String: Response] {
        var responses = responses
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

    /// The attempt's `attemptResult` payload with the essays scored by the teacher, as published
    /// (withheld unless `reviewOpen`) and in full (kept for the teachers' reports). The other
    /// questions are graded again from the attempt's stored answers, exactly as when it arrived (the
    /// grading is deterministic): no changelog is read. `scores` nil: the essays still await a
    /// teacher. `counted`: whether the attempt counts in the gradebook (a late one only when a
    /// teacher counted it, docs/PROTOCOL.md §8).
    static func regradedResult(
        _ record: AttemptRecord, quiz: Quiz, scores: [String: Double]?, total: Double, late: String?, counted: Bool,
        reviewOpen: Bool
    ) -> (published: Data, full: Data) {
        let automatic =
            (try? Grader.grade(quiz, responses: authoredResponses(record.payload, quiz: quiz)))?.questions ?? []
        let questions = automatic.map { q -> AttemptResultQuestion in
            guard let scores, let essay = quiz.questions.first(where: { $0.id == q.questionID && $0.kind == .essay })
            else {
                return AttemptResultQuestion(q)
            }
            let points = scores[essay.id] ?? 0
            return AttemptResultQuestion(
                id: essay.id, fraction: essay.points > 0 ? points / essay.points : 0, points: points,
                maxPoints: essay.points, manual: false)
        }
        let make = { (questions: [AttemptResultQuestion]?) in
            attemptResult(
                user: record.student.id, quiz: quiz.id, course: record.courseID, points: total,
                maxPoints: record.maxPoints, awaitingTeacher: scores == nil, late: late, counted: counted,
                questions: questions)
        }
        let full = make(questions)
        return (reviewOpen ? full : make(nil), full)
    }

    /// One question of an `attemptResult`.
    struct AttemptResultQuestion {
        var id: String
        var fraction: Double
        var points: Double
        var maxPoints: Double
        var manual: Bool

        init(id: String, fraction: Double, points: Double, maxPoints: Double, manual: Bool) {
            self.id = id
            self.fraction = fraction
            self.points = points
            self.maxPoints = maxPoints
            self.manual = manual
        }

        /// A question as the automatic grader scored it.
        init(_ q: QuestionResult) {
            self.init(
                id: q.questionID, fraction: q.fraction, points: q.points, maxPoints: q.maxPoints,
                manual: q.needsManualGrading)
        }
    }

    /// The payload of an `attemptResult` change (docs/PROTOCOL.md "attemptResult"), encoded as a
    /// stored change: the ONE place it is built, when an attempt arrives (`SyncIngest`), when a
    /// teacher grades its essays and when a teacher releases a quiz's review. `late` is the reason
    /// the attempt is late (nil: on time); `counted` whether it counts in the gradebook (nil: when
    /// on time; a late attempt counts only once a teacher counted it, docs/PROTOCOL.md §8).
    /// `questions` nil: the quiz's review is not open (`Quiz.reviewPolicy`), so the result carries no
    /// marks at all (no `points`, no credit per question: a total compared between two attempts that
    /// differ in one answer would reveal that answer's key), only the quiz's `maxPoints`, whether it
    /// awaits a teacher, late/counted and `"review": "withheld"`.
    /// Written value by value (no `JSONValue` made): one is built for every pushed attempt.
    static func attemptResult(
        user: String, quiz: String, course: String, points: Double, maxPoints: Double, awaitingTeacher: Bool,
        late: String?, counted: Bool? = nil, questions: [AttemptResultQuestion]?
    ) -> Data {
        var frame = WireCodec.Builder(capacity: 160 + (late?.utf8.count ?? 0) + (questions?.count ?? 0) * 64)
        frame.beginObject(count: 8 + (late == nil ? 1 : 2) - (questions == nil ? 1 : 0))
        frame.key("user")
        frame.string(user)
        frame.key("quiz")
        frame.string(quiz)
        frame.key("course")
        frame.string(course)
        if questions != nil {
            frame.key("points")
            frame.number(points)
        }
        frame.key("maxPoints")
        frame.number(maxPoints)
        frame.key("awaitingTeacher")
        frame.bool(awaitingTeacher)
        frame.key("late")
        frame.bool(late != nil)
        if let late {
            frame.key("lateReason")
            frame.string(late)
        }
        frame.key("counted")
        frame.bool(counted ?? (late == nil))
        guard let questions else {
            frame.key("review")
            frame.string("withheld")
            return Data(frame.bytes)
        }
        frame.key("questions")
        frame.beginArray(count: questions.count)
        for q in questions {
            frame.beginObject(count: 5)
            frame.key("id")
            frame.string(q.id)
            frame.key("fraction")
            frame.number(q.fraction)
            frame.key("points")
            frame.number(q.points)
            frame.key("maxPoints")
            frame.number(q.maxPoints)
            frame.key("manual")
            frame.bool(q.manual)
        }
        return Data(frame.bytes)
    }
}
