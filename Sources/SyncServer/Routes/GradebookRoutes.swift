import Foundation
import LMSModel

/// The gradebook and the reports of a course, as JSON or CSV (`?format=csv`) (docs/API.md "Grading").
struct GradebookRoutes: Sendable {
    let accounts: AccountStore
    let grading: GradingStore
    let courseGrades: CourseGrades

    /// Whether the request asks for CSV.
    static func wantsCSV(_ context: RequestContext) throws -> Bool {
        switch context.request.query["format"] ?? "json" {
        case "json": return false
        case "csv": return true
        case let other: throw APIError.badRequest("format must be json or csv (got \"\(other)\")")
        }
    }

    /// A CSV answer, offered as a file named `name`.
    static func csvResponse(_ text: String, name: String) -> HTTPResponse {
        var response = HTTPResponse(status: 200, body: .data(CSV.fileData(text)))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }

    static func policyJSON(_ policy: GradingPolicy) -> JSONValue {
        JSONOut.obj([
            ("passPercent", JSONOut.n(policy.passPercent)),
            ("weights", JSONOut.obj(sorted: policy.weights.mapValues(JSONOut.n)))
        ])
    }

    static func rounded(_ value: Double) -> JSONValue { JSONOut.n((value * 10).rounded() / 10) }

    /// A late attempt as the teachers' views show it (docs/PROTOCOL.md §8): not counted unless a teacher counted it.
    static func lateJSON(_ attempt: LateAttempt, renamed: [String: String]) -> JSONValue {
        JSONOut.obj([
            ("attempt", JSONOut.s(attempt.id)), ("item", JSONOut.s(renamed[attempt.quizID] ?? attempt.quizID)),
            ("points", JSONOut.n(attempt.points)), ("maxPoints", JSONOut.n(attempt.maxPoints)),
            ("lateReason", JSONOut.s(attempt.reason)), ("counted", JSONOut.b(attempt.counted))
        ])
    }

    /// A late attempt in words, for the gradebook's CSV: `practice/exam 5/7, not counted (the attempt
    /// took 180 minutes; the limit is 20 minutes), attempt ID`.
    static func lateText(_ attempt: LateAttempt, renamed: [String: String]) -> String {
        let item = renamed[attempt.quizID] ?? attempt.quizID
        let score = ScoreFormat.fraction(attempt.points, of: attempt.maxPoints)
        return
            "\(item) \(score), \(attempt.counted ? "counted" : "not counted") (\(attempt.reason)), attempt \(attempt.id)"
    }

    /// `GET /api/v1/courses/{id}/gradebook[?format=csv]`.
    func gradebookRoute(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        let csv = try Self.wantsCSV(context)
        let (course, book, _) = try courseGrades.gradebook(courseID: id)
        let late = Dictionary(grouping: try grading.lateAttempts(courseID: id), by: \.userID)
        if csv {
            let cells = late.mapValues { $0.map { Self.lateText($0, renamed: course.renamed) }.joined(separator: "; ") }
            return Self.csvResponse(book.csv(late: cells), name: "\(id)-gradebook.csv")
        }
        let students = book.rows.map { row in
            JSONOut.obj([
                ("username", JSONOut.s(row.student.username)), ("displayName", JSONOut.s(row.student.displayName)),
                ("scores", Grading.scoresJSON(row.scores)),
                ("kinds", JSONOut.obj(sorted: row.kindPercent.mapValues(Self.rounded))),
                ("total", Self.rounded(row.total)),
                ("gradedPercent", row.gradedPercent.map(Self.rounded) ?? JSONOut.null),
                ("passed", JSONOut.b(row.passed)),
                ("late", JSONOut.arr((late[row.student.id] ?? []).map { Self.lateJSON($0, renamed: course.renamed) }))
            ])
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("title", JSONOut.s(course.title)),
                ("version", JSONOut.s(course.version.description)),
                ("policy", Self.policyJSON(book.policy)),
                ("missingWork", JSONOut.s("counts as 0 in total; gradedPercent counts graded work only")),
                ("lateAttempts", JSONOut.s("count only when a teacher counted them (countLate)")),
                (
                    "items",
                    JSONOut.arr(
                        book.items.map {
                            JSONOut.obj([
                                ("id", JSONOut.s($0.id)), ("title", JSONOut.s($0.title)),
                                ("kind", JSONOut.s($0.kind.rawValue)), ("maxPoints", JSONOut.n($0.maxPoints))
                            ])
                        })
                ),
                ("students", JSONOut.arr(students))
            ]))
    }

    /// `?inactiveDays=N` (default 14).
    static func inactiveDays(_ context: RequestContext) throws -> Int {
        guard let text = context.request.query["inactiveDays"] else { return GradingLimits.defaultInactiveDays }
        guard let days = Int(text), (1...GradingLimits.maxInactiveDays).contains(days) else {
            throw APIError.badRequest(
                "inactiveDays must be a whole number of days from 1 to \(GradingLimits.maxInactiveDays)")
        }
        return days
    }

    static func reasonJSON(_ reason: RiskReason) -> JSONValue {
        JSONOut.obj([("code", JSONOut.s(reason.code)), ("text", JSONOut.s(reason.description))])
    }

    /// `GET /api/v1/courses/{id}/reports/course[?format=csv][&inactiveDays=N]`.
    func courseReport(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        let csv = try Self.wantsCSV(context)
        let days = try Self.inactiveDays(context)
        let (course, book, data) = try courseGrades.gradebook(courseID: id)
        let lessons = course.lessons.count
        let report = CourseReport(
            gradebook: book, activity: data.activity, lessonCount: lessons, start: course.startDate,
            end: course.endDate,
            now: Date(), inactiveDays: days)
        let risks = Dictionary(report.atRisk.map { ($0.student.id, $0.reasons) }, uniquingKeysWith: { a, _ in a })
        if csv {
            let formatter = ISO8601DateFormatter()
            var out =
                CSV.line([
                    "username", "name", "lessons done", "lessons", "total %", "result", "completed", "last active",
                    "at risk"
                ]) + "\r\n"
            for row in book.rows {
                let a = data.activity[row.student.id]
                out +=
                    CSV.line([
                        row.student.username, row.student.displayName, String(a?.lessonsDone ?? 0), String(lessons),
                        Gradebook.percent(row.total), row.passed ? "pass" : "fail", a?.completed == true ? "yes" : "no",
                        a?.lastActiveAt.map { formatter.string(from: $0) } ?? "",
                        (risks[row.student.id] ?? []).map(\.description).joined(separator: "; ")
                    ]) + "\r\n"
            }
            return Self.csvResponse(out, name: "\(id)-report.csv")
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("title", JSONOut.s(course.title)),
                ("students", JSONOut.n(Double(report.students))),
                ("completed", JSONOut.n(Double(report.completed))),
                ("completionRate", Self.rounded(report.completionRate)),
                ("passing", JSONOut.n(Double(report.passing))), ("averageTotal", Self.rounded(report.averageTotal)),
                ("passPercent", JSONOut.n(book.policy.passPercent)), ("inactiveDays", JSONOut.n(Double(days))),
                ("expectedPercent", report.expectedPercent.map(Self.rounded) ?? JSONOut.null),
                (
                    "distribution",
                    JSONOut.arr(
                        report.distribution.enumerated().map { i, n in
                            JSONOut.obj([
                                ("range", JSONOut.s(CourseReport.bucketLabel(i))), ("students", JSONOut.n(Double(n)))
                            ])
                        })
                ),
                (
                    "atRisk",
                    JSONOut.arr(
                        report.atRisk.map { r in
                            JSONOut.obj([
                                ("username", JSONOut.s(r.student.username)),
                                ("displayName", JSONOut.s(r.student.displayName)),
                                ("reasons", JSONOut.arr(r.reasons.map(Self.reasonJSON)))
                            ])
                        })
                )
            ]))
    }

    /// `GET /api/v1/courses/{id}/reports/students/{username}[?format=csv]`: one student's progress, each item's score and feedback.
    func studentReport(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        let name = context.parameter("username")
        let csv = try Self.wantsCSV(context)
        let days = try Self.inactiveDays(context)
        guard let student = try accounts.user(named: name) else { throw APIError.notFound("no user \"\(name)\"") }
        let (course, book, data) = try courseGrades.gradebook(courseID: id, onlyUserID: student.id)
        guard let row = book.rows.first else { throw APIError.notFound("\(student.username) is not enrolled in \(id)") }
        let report = CourseReport(
            gradebook: book, activity: data.activity, lessonCount: course.lessons.count, start: course.startDate,
            end: course.endDate, now: Date(), inactiveDays: days)
        let feedback = try grading.feedback(courseID: id, userID: student.id)
        let awaiting = Set(try grading.gradingQueue(courseID: id, onlyUserID: student.id).map(\.itemID))
        let late = try grading.lateAttempts(courseID: id, onlyUserID: student.id)
        let notCounted = Set(late.filter { !$0.counted }.map { course.renamed[$0.quizID] ?? $0.quizID })
        func status(_ item: GradedItem) -> String {
            if awaiting.contains(item.id) { return "awaiting-grading" }
            if row.scores[item.id] == nil { return notCounted.contains(item.id) ? "late-not-counted" : "missing" }
            return "graded"
        }
        let activity = data.activity[student.id]
        if csv {
            var out = CSV.line(["item", "title", "kind", "points", "max points", "status", "feedback"]) + "\r\n"
            for item in book.items {
                out +=
                    CSV.line([
                        item.id, item.title, item.kind.rawValue, row.scores[item.id].map(ScoreFormat.text) ?? "",
                        ScoreFormat.text(item.maxPoints), status(item), feedback[item.id] ?? ""
                    ]) + "\r\n"
            }
            out +=
                CSV.line(["total", "", "", Gradebook.percent(row.total) + "%", "", row.passed ? "pass" : "fail", ""])
                + "\r\n"
            return Self.csvResponse(out, name: "\(id)-\(student.username).csv")
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("student", GradingRoutes.studentJSON(row.student)),
                ("lessons", JSONOut.n(Double(course.lessons.count))),
                ("lessonsDone", JSONOut.n(Double(activity?.lessonsDone ?? 0))),
                ("completed", JSONOut.b(activity?.completed ?? false)),
                (
                    "lastActiveAt",
                    activity?.lastActiveAt.map { JSONOut.time(Int64($0.timeIntervalSince1970 * 1000)) }
                        ?? JSONOut.null
                ),
                ("total", Self.rounded(row.total)),
                ("gradedPercent", row.gradedPercent.map(Self.rounded) ?? JSONOut.null),
                ("passed", JSONOut.b(row.passed)), ("passPercent", JSONOut.n(book.policy.passPercent)),
                ("atRisk", JSONOut.arr((report.atRisk.first?.reasons ?? []).map(Self.reasonJSON))),
                ("late", JSONOut.arr(late.map { Self.lateJSON($0, renamed: course.renamed) })),
                (
                    "items",
                    JSONOut.arr(
                        book.items.map { item in
                            JSONOut.obj([
                                ("id", JSONOut.s(item.id)), ("title", JSONOut.s(item.title)),
                                ("kind", JSONOut.s(item.kind.rawValue)),
                                ("points", row.scores[item.id].map(JSONOut.n) ?? JSONOut.null),
                                ("maxPoints", JSONOut.n(item.maxPoints)),
                                ("status", JSONOut.s(status(item))), ("feedback", JSONOut.opt(feedback[item.id]))
                            ])
                        })
                )
            ]))
    }

    /// `GET /api/v1/courses/{id}/reports/items[?format=csv]`: per question, the share that got it right.
    func itemReport(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        let csv = try Self.wantsCSV(context)
        let course = try courseGrades.latestCourse(id)
        let analysis = ItemAnalysis(quizzes: course.quizzes, results: try grading.attemptResults(courseID: id))
        if csv {
            var out =
                CSV.line(["quiz", "question", "text", "answered", "correct", "share %", "mean %", "flag"]) + "\r\n"
            for q in analysis.questions {
                out +=
                    CSV.line([
                        q.quizID, q.questionID, q.text, String(q.answered), String(q.correct),
                        Gradebook.percent(q.share * 100),
                        Gradebook.percent(q.meanFraction * 100), q.flag ?? ""
                    ]) + "\r\n"
            }
            return Self.csvResponse(out, name: "\(id)-items.csv")
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)),
                (
                    "questions",
                    JSONOut.arr(
                        analysis.questions.map { q in
                            JSONOut.obj([
                                ("quiz", JSONOut.s(q.quizID)), ("question", JSONOut.s(q.questionID)),
                                ("text", JSONOut.s(q.text)),
                                ("answered", JSONOut.n(Double(q.answered))), ("correct", JSONOut.n(Double(q.correct))),
                                ("share", JSONOut.n((q.share * 1000).rounded() / 1000)),
                                ("meanFraction", JSONOut.n((q.meanFraction * 1000).rounded() / 1000)),
                                ("flag", JSONOut.opt(q.flag))
                            ])
                        })
                )
            ]))
    }
}
