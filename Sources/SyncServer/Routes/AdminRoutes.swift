import Foundation
import LMSDatabase
import LMSModel

/// User administration and system figures.
struct AdminRoutes: Sendable {
    let accounts: AccountStore
    let statistics: StatisticsStore
    let configuration: ServerApp.Configuration

    /// `GET /api/v1/admin/users[?role=&q=]`.
    func listUsers(_ context: RequestContext) throws -> HTTPResponse {
        var users = try accounts.allUsers()
        if let role = context.request.query["role"] { users = users.filter { $0.role.rawValue == role } }
        if let q = context.request.query["q"]?.lowercased(), !q.isEmpty {
            users = users.filter { $0.username.lowercased().contains(q) || $0.displayName.lowercased().contains(q) }
        }
        return JSONOut.response(200, JSONOut.obj([("users", JSONOut.arr(users.map(AccountRoutes.userJSON)))]))
    }

    /// `POST /api/v1/admin/users` `{"username", "displayName", "email", "role", "password"}`; without a
    /// password, the answer carries a reset code to hand to the person.
    func createUser(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["username", "displayName", "email", "role", "password"])
        let draft = try Self.checkedUser(
            username: body.string("username", required: true) ?? "", displayName: body.string("displayName"),
            email: body.string("email"), role: body.string("role"), password: body.string("password"))
        let admin = try context.user
        let prepared = prepare(draft)
        guard let (user, code) = try accounts.create([prepared], createdBy: admin.id).first else {
            throw APIError.internalError("the user was not created")
        }
        var members: [(String, JSONValue)] = [("user", AccountRoutes.userJSON(user))]
        if let code { members.append(("resetCode", JSONOut.s(code))) }
        return JSONOut.response(201, JSONOut.obj(members))
    }

    /// A user to create, checked.
    struct UserDraft {
        var user: User
        var password: String?
    }

    /// A checked user with its password already hashed (outside any transaction: PBKDF2 is slow) and,
    /// when no password was given, the reset code to hand over.
    struct PreparedUser {
        var user: User
        var hash: Passwords.Hash
        var resetCode: String?
    }

    func prepare(_ draft: UserDraft) -> PreparedUser {
        if let given = draft.password {
            return PreparedUser(
                user: draft.user, hash: Passwords.hash(given, iterations: configuration.passwordIterations),
                resetCode: nil)
        }
        // An unusable random password (hashed at the usual count, so that timing tells nothing) until the
        // person sets one with the reset code.
        return PreparedUser(
            user: draft.user, hash: Passwords.hash(Passwords.makeToken(), iterations: configuration.passwordIterations),
            resetCode: Passwords.makeResetCode())
    }

    static func checkedUser(username: String, displayName: String?, email: String?, role: String?, password: String?)
        throws -> UserDraft
    {
        guard User.isValidUsername(username) else {
            throw APIError.unprocessable(
                "username \"\(username)\" must be 2 to 64 letters, digits, . _ or -, starting with a letter or digit")
        }
        let parsedRole =
            try role.map { text -> Role in
                guard let r = Role(rawValue: text) else {
                    throw APIError.unprocessable("role must be student, teacher or admin (found \"\(text)\")")
                }
                return r
            } ?? .student
        if let email, !email.isEmpty, !(email.contains("@") && !email.hasPrefix("@") && !email.hasSuffix("@")) {
            throw APIError.unprocessable("\"\(email)\" is not an e-mail address")
        }
        if let password, let problem = Passwords.problem(with: password) {
            throw APIError.unprocessable(problem, code: "weak_password")
        }
        let name = (displayName?.isEmpty == false ? displayName : nil) ?? username
        return UserDraft(
            user: User(
                id: UUID().uuidString.lowercased(), username: username, displayName: name,
                email: email?.isEmpty == true ? nil : email, role: parsedRole), password: password)
    }

    /// `PATCH /api/v1/admin/users/{username}` `{"role", "disabled", "displayName", "email"}`.
    func updateUser(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["role", "disabled", "displayName", "email"])
        guard var user = try accounts.user(named: context.parameter("username")) else {
            throw APIError.notFound("no user \"\(context.parameter("username"))\"")
        }
        let admin = try context.user
        if let role = try body.string("role") {
            guard let r = Role(rawValue: role) else {
                throw APIError.unprocessable("role must be student, teacher or admin")
            }
            if user.id == admin.id, r != .admin {
                throw APIError.unprocessable("you cannot remove your own admin role: ask another admin")
            }
            user.role = r
        }
        if let disabled = try body.bool("disabled") {
            if user.id == admin.id, disabled { throw APIError.unprocessable("you cannot disable yourself") }
            user.disabled = disabled
        }
        if let name = try body.string("displayName") {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.unprocessable("displayName must not be empty")
            }
            user.displayName = name
        }
        if let email = try body.string("email") { user.email = email.isEmpty ? nil : email }
        try accounts.update(user)
        return JSONOut.response(200, JSONOut.obj([("user", AccountRoutes.userJSON(user))]))
    }

    /// `POST /api/v1/admin/users/import` (text/csv): a header row naming `username` and optionally
    /// `displayName`, `email`, `role`, `password`. All rows or none: any bad row fails the import
    /// with every problem listed by line.
    func importUsers(_ context: RequestContext) throws -> HTTPResponse {
        guard case .data(let data) = context.request.body, let text = String(data: data, encoding: .utf8) else {
            throw APIError.badRequest("send the CSV (UTF-8) as the request body")
        }
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSV.parse(text, maxRows: ServerLimits.maxCSVRows + 1) } catch {
            throw APIError.badRequest("the CSV is malformed: \(error)", code: "invalid_csv")
        }
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw APIError.badRequest(
                "the CSV is empty: send a header row (username,displayName,email,role,password) and one row per user")
        }
        let known = ["username", "displayName", "email", "role", "password"]
        for name in header where !known.contains(name) {
            throw APIError.badRequest(
                "unknown column \"\(name)\" (known: \(known.joined(separator: ", ")))", code: "invalid_csv")
        }
        guard let usernameColumn = header.firstIndex(of: "username") else {
            throw APIError.badRequest("the CSV needs a username column", code: "invalid_csv")
        }
        func column(_ name: String, _ fields: [String]) -> String? {
            header.firstIndex(of: name).flatMap { $0 < fields.count ? fields[$0] : nil }
        }
        var drafts: [(Int, UserDraft)] = []
        var problems: [String] = []
        var seen: Set<String> = []
        for (line, fields) in rows.dropFirst() {
            do {
                let username =
                    usernameColumn < fields.count ? fields[usernameColumn].trimmingCharacters(in: .whitespaces) : ""
                let draft = try Self.checkedUser(
                    username: username, displayName: column("displayName", fields), email: column("email", fields),
                    role: column("role", fields).flatMap { $0.isEmpty ? nil : $0 },
                    password: column("password", fields).flatMap { $0.isEmpty ? nil : $0 })
                guard seen.insert(username.lowercased()).inserted else {
                    throw APIError.unprocessable("\(username) appears twice in the file")
                }
                if try accounts.user(named: username) != nil {
                    throw APIError.conflict("the username \"\(username)\" is taken")
                }
                drafts.append((line, draft))
            } catch let error as APIError {
                problems.append("line \(line): \(error.message)")
            }
        }
        guard problems.isEmpty else {
            throw APIError.unprocessable(
                "nothing was imported; fix these rows and send the file again: "
                    + problems.prefix(50).joined(separator: "; "),
                code: "invalid_rows")
        }
        let admin = try context.user
        let prepared = drafts.map { prepare($0.1) }
        let created = try accounts.create(prepared, createdBy: admin.id)
        let items = created.map { user, code in
            JSONOut.obj([
                ("username", JSONOut.s(user.username)), ("role", JSONOut.s(user.role.rawValue)),
                ("resetCode", JSONOut.opt(code))
            ])
        }
        return JSONOut.response(
            201, JSONOut.obj([("created", JSONOut.n(Double(created.count))), ("users", JSONOut.arr(items))]))
    }

    /// `GET /api/v1/admin/stats`: users by role, courses, enrollments (also per course), active devices,
    /// last sync per device and per site, sync volume per day.
    func stats(_ context: RequestContext) throws -> HTTPResponse {
        let counts = try accounts.userCountsByRole()
        let figures = try statistics.systemFigures()
        return JSONOut.response(
            200,
            JSONOut.obj(
                [
                    ("users", JSONOut.obj(Role.allCases.map { ($0.rawValue, JSONOut.n(Double(counts[$0] ?? 0))) })),
                    ("courses", JSONOut.n(Double(figures.courses))),
                    ("enrollments", JSONOut.n(Double(figures.enrollments))),
                    ("activeDevices", JSONOut.n(Double(figures.activeDevices))),
                    ("lastSync", JSONOut.time(figures.lastSync))
                ] + (try statistics.detailedStats())))
    }
}
