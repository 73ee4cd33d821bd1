import Foundation
import LMSDatabase
import LMSModel

/// A student in a course: what a change to eligibility for a certificate is about.
struct StudentCourse: Hashable, Sendable {
    var userID: String
    var courseID: String
}

/// Certificates: a student asks for theirs; anyone verifies a code (docs/API.md "Certificates").
extension ServerApp {
    /// `POST /api/v1/courses/{id}/certificate`: the caller's certificate of the course, issued now when
    /// the course gives certificates, the caller completed it (a teacher recorded completion, or every
    /// lesson is done) and the grade passes the course's policy; 201 when issued, 200 when it existed.
    /// (The server also issues it by itself when a sync, a grade or a recorded completion makes a
    /// student eligible: `issueCertificateIfEarned`.)
    func requestCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let id = context.parameter("id")
        if let existing = try store.grading.certificate(userID: user.id, courseID: id) {
            return JSONOut.response(200, Self.certificateJSON(existing))
        }
        guard try rights.isEnrolled(user.id, in: id) else {
            throw APIError.conflict("certificates go to students enrolled in \(id)")
        }
        let made = try earnedCertificate(user: user, courseID: id)
        let issued = try store.grading.issue(made, userID: user.id)
        return JSONOut.response(issued.code == made.code ? 201 : 200, Self.certificateJSON(issued))
    }

    /// The certificate `user` has earned in `courseID` (not yet stored), or a 409 that says what is missing.
    func earnedCertificate(user: User, courseID id: String) throws -> Certificate {
        let (course, book, data) = try gradebook(courseID: id, onlyUserID: user.id)
        guard course.certificate else { throw APIError.conflict("\(id) does not give certificates") }
        guard let row = book.rows.first else {
            throw APIError.conflict("certificates go to students enrolled in \(id)")
        }
        let activity = data.activity[user.id]
        guard activity?.completed == true else {
            throw APIError.conflict(
                "complete \(id) first: \(activity?.lessonsDone ?? 0) of \(course.lessons.count) lessons done")
        }
        guard row.passed else {
            throw APIError.conflict(
                "your grade in \(id) is \(Gradebook.percent(row.total))%; \(Gradebook.percent(book.policy.passPercent))% is needed for a certificate"
            )
        }
        return Certificate(
            code: Certificate.makeCode(), name: user.displayName, courseID: id, courseTitle: course.title,
            issuedAt: Date())
    }

    /// Issues the certificate of each (student, course) that has just become eligible (after a push, a
    /// grade or a recorded completion), so that a student who completes and passes receives it with
    /// the next sync without asking. Courses without certificates, students who hold one already, and
    /// students not yet eligible cost one or two indexed lookups. Never fails the request that caused
    /// it: an error here is logged and the student can still ask (`POST …/certificate`).
    func issueCertificatesIfEarned(_ pairs: Set<StudentCourse>) {
        for pair in pairs.sorted(by: { ($0.courseID, $0.userID) < ($1.courseID, $1.userID) }) {
            do {
                let course = try latestCourse(pair.courseID)
                // Cheap checks first (indexed look-ups); the gradebook only for a student who may have completed.
                guard course.certificate,
                    try store.grading.certificate(userID: pair.userID, courseID: pair.courseID) == nil,
                    try rights.isEnrolled(pair.userID, in: pair.courseID),
                    try store.grading.mayHaveCompleted(
                        userID: pair.userID, courseID: pair.courseID, lessonCount: course.lessons.count),
                    let user = try store.accounts.user(id: pair.userID), !user.disabled
                else { continue } // disabled: also every erased account
                let made: Certificate
                do { made = try earnedCertificate(user: user, courseID: pair.courseID) } catch is APIError { continue }
                _ = try store.grading.issue(made, userID: user.id)
            } catch {
                FileHandle.standardError.write(
                    Data(
                        "lms-server: issuing the certificate of \(pair.userID) in \(pair.courseID) failed: \(error)\n"
                            .utf8))
            }
        }
    }

    /// `GET /api/v1/certificates/{code}`: whether a code is genuine; only name, course and date.
    func verifyCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let typed = context.parameter("code")
        guard let code = Certificate.normalize(typed.removingPercentEncoding ?? typed) else {
            throw APIError.badRequest("a certificate code has 20 letters and digits, like ABCDE-FGHJK-MNPQR-STVWX")
        }
        guard let certificate = try store.grading.certificate(code: code) else {
            throw APIError.notFound("no certificate has the code \(code): check it letter by letter")
        }
        return JSONOut.response(200, Self.certificateJSON(certificate))
    }

    static func certificateJSON(_ c: Certificate) -> JSONValue {
        JSONOut.obj([
            ("valid", JSONOut.b(true)), ("code", JSONOut.s(c.code)), ("name", JSONOut.s(c.name)),
            ("course", JSONOut.s(c.courseID)),
            ("courseTitle", JSONOut.s(c.courseTitle)), ("issuedAt", JSONOut.s(c.issuedDay))
        ])
    }
}
