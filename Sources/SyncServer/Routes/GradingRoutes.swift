import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// The grading queue, one submission or attempt, recording grades with history (docs/API.md "Grading").
/// Every route is `courseStaff` of `{id}` (RouteTable); a submission or attempt of another course is 404.
struct GradingRoutes: Sendable {
    let accounts: AccountStore
    let courses: CourseStore
    let grading: GradingStore
    let blobs: BlobStore
    let courseGrades: CourseGrades

    /// `GET /api/v1/courses/{id}/grading/queue`.
    func gradingQueue(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        let course = try courseGrades.latestCourse(id)
        let titles = Dictionary(course.items.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let formatter = ISO8601DateFormatter() // one per answer: making one per entry cost more than the query
        let entries = try grading.gradingQueue(courseID: id).map { e in
            JSONOut.obj([
                ("kind", JSONOut.s(e.kind)), ("id", JSONOut.s(e.id)), ("student", Self.studentJSON(e.student)),
                ("item", JSONOut.s(e.itemID)), ("itemTitle", JSONOut.opt(titles[course.renamed[e.itemID] ?? e.itemID])),
                ("version", e.version.map { JSONOut.n($0) } ?? JSONOut.null),
                ("submittedAt", Self.time(e.submittedAt, formatter)),
                ("late", JSONOut.b(e.late)), ("regrade", JSONOut.b(e.regrade))
            ])
        }
        return JSONOut.response(200, JSONOut.obj([("course", JSONOut.s(id)), ("queue", JSONOut.arr(entries))]))
    }

    /// ISO 8601 text of a millisecond time with a formatter made once per answer.
    static func time(_ ms: Int64?, _ formatter: ISO8601DateFormatter) -> JSONValue {
        ms.map { JSONOut.s(formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1000))) } ?? JSONOut.null
    }

    static func studentJSON(_ s: GradebookStudent) -> JSONValue {
        JSONOut.obj([("username", JSONOut.s(s.username)), ("displayName", JSONOut.s(s.displayName))])
    }

    func submissionRecord(_ context: RequestContext) throws -> SubmissionRecord {
        let id = context.parameter("id")
        let submission = context.parameter("submission")
        guard let record = try grading.submission(submission, courseID: id) else {
            throw APIError.notFound(
                "\(id) has no submission \"\(submission)\": see GET /api/v1/courses/\(id)/grading/queue")
        }
        return record
    }

    /// The assignment a submission is for, in the latest version (following renames).
    func assignment(of record: SubmissionRecord, in course: Course) throws -> Assignment {
        guard let assignment = course.assignment(following: record.assignmentID) else {
            throw APIError.conflict(
                "\(course.id) \(course.version) no longer has the assignment \(record.assignmentID)")
        }
        return assignment
    }

    /// `GET /api/v1/courses/{id}/submissions/{submission}`: text inline, files by hash, rubric, current grade.
    func showSubmission(_ context: RequestContext) throws -> HTTPResponse {
        let record = try submissionRecord(context)
        let course = try courseGrades.latestCourse(record.courseID)
        let assignment = try assignment(of: record, in: course)
        let grade = try grading.grade(courseID: record.courseID, userID: record.student.id, itemID: assignment.id)
        let files = (record.payload["files"]?.arrayValue ?? []).map { f in
            let hash = f["sha256"]?.stringValue ?? ""
            return JSONOut.obj([
                ("name", f["name"] ?? JSONOut.null), ("size", f["size"] ?? JSONOut.null),
                ("sha256", JSONOut.s(hash)),
                ("url", JSONOut.s("/api/v1/courses/\(record.courseID)/submissions/\(record.id)/files/\(hash)"))
            ])
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("id", JSONOut.s(record.id)), ("course", JSONOut.s(record.courseID)),
                ("student", Self.studentJSON(record.student)),
                (
                    "assignment",
                    JSONOut.obj([
                        ("id", JSONOut.s(assignment.id)), ("title", JSONOut.s(assignment.title)),
                        ("points", JSONOut.n(assignment.points)),
                        (
                            "rubric",
                            JSONOut.arr(
                                assignment.rubric.map {
                                    JSONOut.obj([
                                        ("criterion", JSONOut.s($0.criterion)),
                                        ("points", JSONOut.n($0.points))
                                    ])
                                })
                        )
                    ])
                ),
                ("version", JSONOut.n(record.version)), ("submittedAt", JSONOut.time(record.submittedAt)),
                ("receivedAt", JSONOut.time(record.receivedAt)), ("late", JSONOut.b(record.late)),
                ("text", record.payload["text"] ?? JSONOut.null), ("files", JSONOut.arr(files)),
                (
                    "grade",
                    grade.map { g in
                        JSONOut.obj([
                            ("submission", JSONOut.s(g.submissionID)), ("points", JSONOut.n(g.points)),
                            ("maxPoints", JSONOut.n(g.maxPoints)), ("scores", Grading.scoresJSON(g.scores)),
                            ("feedback", JSONOut.opt(g.feedback)), ("gradedAt", JSONOut.time(g.gradedAt))
                        ])
                    } ?? JSONOut.null
                )
            ]))
    }

    /// `GET /api/v1/courses/{id}/submissions/{submission}/files/{sha256}`: one file of the submission.
    func submissionFile(_ context: RequestContext) throws -> HTTPResponse {
        let record = try submissionRecord(context)
        let hash = context.parameter("sha256")
        guard let file = record.payload["files"]?.arrayValue?.first(where: { $0["sha256"]?.stringValue == hash }),
            let path = blobs.path(for: hash), FileManager.default.fileExists(atPath: path)
        else {
            throw APIError.notFound("submission \(record.id) has no file with that hash")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        var response = HTTPResponse(status: 200, body: .file(path: path, offset: 0, length: size))
        response.headers["Content-Type"] = "application/octet-stream"
        let name = (file["name"]?.stringValue ?? "file").filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }

    /// Reads `{"scores": {name: number}, "feedback": text}`.
    static func readScores(_ body: JSONBody) throws -> (scores: [String: Double], feedback: String?) {
        guard let members = body.object["scores"]?.objectMembers else {
            throw APIError.badRequest(
                "send \"scores\": an object of points by criterion, like {\"Runs\": 4, \"Readable\": 2}",
                code: "missing_field")
        }
        var scores: [String: Double] = [:]
        for member in members {
            guard let n = member.value.numberValue else {
                throw APIError.unprocessable("the score of \"\(member.key)\" must be a number", code: "invalid_score")
            }
            scores[member.key] = n
        }
        let feedback = try body.string("feedback")
        if let feedback, feedback.utf8.count > GradingLimits.maxFeedbackBytes {
            throw APIError.tooLarge("feedback is limited to \(GradingLimits.maxFeedbackBytes) bytes")
        }
        return (scores, feedback?.isEmpty == true ? nil : feedback)
    }

    /// `PUT /api/v1/courses/{id}/submissions/{submission}/grade` `{"scores", "feedback"}`: records (or
    /// changes, keeping history) the grade of the submission's assignment; the student pulls it.
    func gradeSubmission(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["scores", "feedback"])
        let teacher = try context.user
        let record = try submissionRecord(context)
        let course = try courseGrades.latestCourse(record.courseID)
        let assignment = try assignment(of: record, in: course)
        let (given, feedback) = try Self.readScores(body)
        let latest = try grading.latestSubmissionID(
            userID: record.student.id, courseID: record.courseID,
            assignmentIDs: Grading.assignmentIDs(assignment.id, in: course))
        if let latest, latest != record.id {
            throw APIError(
                status: 409, code: "not_latest_submission",
                message:
                    "\(record.id) is not \(record.student.username)'s latest submission of \(assignment.id): grade \(latest) instead"
            )
        }
        let grade: GradeRecord
        do {
            grade = try Grading.makeGrade(
                record, assignment: assignment, scores: given, feedback: feedback, teacher: teacher,
                at: nowMilliseconds())
        } catch {
            throw APIError.unprocessable("\(assignment.id): \(error)", code: "invalid_score")
        }
        let payload = try grading.record(grade, teacher: teacher)
        courseGrades.issueIfEarned([StudentCourse(userID: grade.userID, courseID: grade.courseID)])
        return JSONOut.response(200, payload)
    }

    /// `GET /api/v1/courses/{id}/grades/history[?student=NAME][&item=ID]`: every change of a grade, oldest first.
    func gradeHistory(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        var userID: String?
        if let name = context.request.query["student"] {
            guard let student = try accounts.user(named: name) else {
                throw APIError.notFound("no student \"\(name)\"")
            }
            userID = student.id
        }
        let formatter = ISO8601DateFormatter()
        let history = try grading.gradeHistory(
            courseID: id, userID: userID, itemID: context.request.query["item"]
        ).map {
            h in
            JSONOut.obj([
                ("student", JSONOut.s(h.student)), ("item", JSONOut.s(h.itemID)), ("target", JSONOut.s(h.targetID)),
                ("oldPoints", h.oldPoints.map(JSONOut.n) ?? JSONOut.null), ("newPoints", JSONOut.n(h.newPoints)),
                ("oldFeedback", JSONOut.opt(h.oldFeedback)), ("newFeedback", JSONOut.opt(h.newFeedback)),
                ("scores", Grading.scoresJSON(h.scores)), ("changedBy", JSONOut.s(h.changedBy)),
                ("changedAt", Self.time(h.changedAt, formatter))
            ])
        }
        return JSONOut.response(200, JSONOut.obj([("course", JSONOut.s(id)), ("history", JSONOut.arr(history))]))
    }
}
