import Foundation
import LMSDatabase
import LMSModel

/// Groups within a course (docs/API.md "Enrollment"): the `enrollments.groups` column.
struct RosterRoutes: Sendable {
    let accounts: AccountStore
    let enrollments: EnrollmentStore

    /// The longest group name, and the most groups one student is in.
    static let maxGroupNameBytes = 64
    static let maxGroupsPerStudent = 32

    /// `PUT /api/v1/courses/{id}/enrollments/{username}/groups` `{"groups": [...]}` sets the student's
    /// groups; `{"add": [...], "remove": [...]}` changes them.
    func setGroups(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["groups", "add", "remove"])
        let id = context.parameter("id")
        guard let student = try accounts.user(named: context.parameter("username")) else {
            throw APIError.notFound("no such user")
        }
        let set = try body.strings("groups")
        let add = try body.strings("add") ?? []
        let remove = try body.strings("remove") ?? []
        guard set != nil || !add.isEmpty || !remove.isEmpty else {
            throw APIError.badRequest(
                "send \"groups\": [names] to set them, or \"add\" / \"remove\"", code: "missing_field")
        }
        for name in (set ?? []) + add + remove {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.utf8.count <= Self.maxGroupNameBytes,
                !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw APIError.unprocessable(
                    "a group name needs 1 to \(Self.maxGroupNameBytes) bytes without control characters (found \"\(name)\")"
                )
            }
        }
        let groups = try enrollments.updateGroups(userID: student.id, courseID: id) { current in
            var result = set ?? current
            for name in add where !result.contains(name) { result.append(name) }
            result.removeAll { remove.contains($0) }
            return result
        }
        guard let groups else { throw APIError.notFound("\(student.username) is not enrolled in \(id)") }
        guard groups.count <= Self.maxGroupsPerStudent else {
            throw APIError.unprocessable("a student can be in at most \(Self.maxGroupsPerStudent) groups of a course")
        }
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("course", JSONOut.s(id)), ("username", JSONOut.s(student.username)),
                ("groups", JSONOut.arr(groups.map(JSONOut.s)))
            ]))
    }
}
