import Foundation
import LMSModel

/// Certificates: a student asks for theirs; anyone verifies a code (docs/API.md "Certificates").
extension ServerApp {
    /// `POST /api/v1/courses/{id}/certificate`: the caller's certificate of the course, issued now when
    /// the course gives certificates, the caller completed it (a teacher recorded completion, or every
    /// lesson is done) and the grade passes the course's policy; 201 when issued, 200 when it existed.
    func requestCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let id = context.parameter("id")
        if let existing = try store.certificate(userID: user.id, courseID: id) { return JSONOut.response(200, Self.certificateJSON(existing)) }
        guard try store.isActivelyEnrolled(userID: user.id, courseID: id) else {
            throw APIError.conflict("certificates go to students enrolled in \(id)")
        }
        let (course, book, data) = try gradebook(courseID: id, onlyUserID: user.id)
        guard course.certificate else { throw APIError.conflict("\(id) does not give certificates") }
        guard let row = book.rows.first else { throw APIError.conflict("certificates go to students enrolled in \(id)") }
        let activity = data.activity[user.id]
        guard activity?.completed == true else {
            throw APIError.conflict("complete \(id) first: \(activity?.lessonsDone ?? 0) of \(course.lessons.count) lessons done")
        }
        guard row.passed else {
            throw APIError.conflict("your grade in \(id) is \(Gradebook.percent(row.total))%; \(Gradebook.percent(book.policy.passPercent))% is needed for a certificate")
        }
        let made = Certificate(code: Certificate.makeCode(), name: user.displayName, courseID: id, courseTitle: course.title, issuedAt: Date())
        let issued = try store.issue(made, userID: user.id)
        return JSONOut.response(issued.code == made.code ? 201 : 200, Self.certificateJSON(issued))
    }

    /// `GET /api/v1/certificates/{code}`: whether a code is genuine; only name, course and date.
    func verifyCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let typed = context.parameter("code")
        guard let code = Certificate.normalize(typed.removingPercentEncoding ?? typed) else {
            throw APIError.badRequest("a certificate code has 20 letters and digits, like ABCDE-FGHJK-MNPQR-STVWX")
        }
        guard let certificate = try store.certificate(code: code) else {
            throw APIError.notFound("no certificate has the code \(code): check it letter by letter")
        }
        return JSONOut.response(200, Self.certificateJSON(certificate))
    }

    static func certificateJSON(_ c: Certificate) -> JSONValue {
        JSONOut.obj([("valid", JSONOut.b(true)), ("code", JSONOut.s(c.code)), ("name", JSONOut.s(c.name)), ("course", JSONOut.s(c.courseID)),
                     ("courseTitle", JSONOut.s(c.courseTitle)), ("issuedAt", JSONOut.s(c.issuedDay))])
    }
}
