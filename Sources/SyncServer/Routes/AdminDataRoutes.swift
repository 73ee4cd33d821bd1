import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Data rights (docs/API.md "Data rights"): export a user's data and erase a user.
struct AdminDataRoutes: Sendable {
    let accounts: AccountStore
    let dataRights: DataRightsStore
    let blobs: BlobStore
    let rights: Rights

    /// `GET /api/v1/admin/users/{username}/export`: everything held on the user, as JSON.
    func exportUser(_ context: RequestContext) throws -> HTTPResponse {
        let name = context.parameter("username")
        guard let user = try accounts.user(named: name) else { throw APIError.notFound("no user \"\(name)\"") }
        let data = try dataRights.exportUser(id: user.id)
        let members: [(String, JSONValue)] =
            [("exportedAt", JSONOut.time(nowMilliseconds())), ("server", JSONOut.s("lms-server"))]
            + (data.objectMembers ?? []).map { ($0.key, $0.value) }
        var response = JSONOut.response(200, JSONOut.obj(members))
        response.headers["Content-Disposition"] = "attachment; filename=\"\(user.username)-export.json\""
        return response
    }

    /// `POST /api/v1/admin/users/{username}/erase` `{"confirm": "USERNAME"}`: removes the user's personal
    /// data, keeps their course statistics under an anonymous name, and tells devices (`erasure`).
    func eraseUser(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["confirm"])
        let name = context.parameter("username")
        guard let user = try accounts.user(named: name) else { throw APIError.notFound("no user \"\(name)\"") }
        guard try body.string("confirm") == user.username else {
            throw APIError.unprocessable(
                "erasing \(user.username) cannot be undone: send {\"confirm\": \"\(user.username)\"} to go ahead",
                code: "confirm_required")
        }
        let admin = try context.user
        guard admin.id != user.id else { throw APIError.unprocessable("you cannot erase yourself: ask another admin") }
        let erasure = try dataRights.erase(userID: user.id)
        // The files go after the commit: a crash before leaves only unreferenced blobs.
        blobs.remove(erasure.unreferencedBlobs)
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("username", JSONOut.s(user.username)), ("anonymousName", JSONOut.s(erasure.anonymousName)),
                ("filesRemoved", JSONOut.n(Double(erasure.unreferencedBlobs.count))),
                ("coursesNotified", JSONOut.arr(erasure.courses.map(JSONOut.s)))
            ]))
    }
}

extension APIError {
    /// 401 for a token of an erased account: its devices delete the account's local data (docs/PROTOCOL.md `erasure`).
    static func accountErased() -> APIError {
        APIError(
            status: 401, code: "account_erased",
            message: "this account was erased by an administrator; its data on this device is removed",
            headers: [("WWW-Authenticate", "Bearer")])
    }
}
