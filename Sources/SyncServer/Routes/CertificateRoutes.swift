import Foundation
import LMSDatabase
import LMSModel

/// Certificates: a student asks for theirs; anyone verifies a code (docs/API.md "Certificates").
struct CertificateRoutes: Sendable {
    let grading: GradingStore
    let rights: Rights
    let courseGrades: CourseGrades

    /// `POST /api/v1/courses/{id}/certificate`: the caller's certificate of the course, issued now when
    /// the course gives certificates, the caller completed it (a teacher recorded completion, or every
    /// lesson is done) and the grade passes the course's policy; 201 when issued, 200 when it existed.
    /// (The server also issues it by itself when a sync, a grade or a recorded completion makes a
    /// student eligible: `issueCertificateIfEarned`.)
    func requestCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let id = context.parameter("id")
        if let existing = try grading.certificate(userID: user.id, courseID: id) {
            return JSONOut.response(200, Self.certificateJSON(existing))
        }
        guard try rights.isEnrolled(user.id, in: id) else {
            throw APIError.conflict("certificates go to students enrolled in \(id)")
        }
        let made = try courseGrades.earned(user: user, courseID: id)
        let issued = try grading.issue(made, userID: user.id)
        return JSONOut.response(issued.code == made.code ? 201 : 200, Self.certificateJSON(issued))
    }

    /// `GET /api/v1/certificates/{code}`: whether a code is genuine; only name, course and date.
    func verifyCertificate(_ context: RequestContext) throws -> HTTPResponse {
        let typed = context.parameter("code")
        guard let code = Certificate.normalize(typed.removingPercentEncoding ?? typed) else {
            throw APIError.badRequest("a certificate code has 20 letters and digits, like ABCDE-FGHJK-MNPQR-STVWX")
        }
        guard let certificate = try grading.certificate(code: code) else {
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
