import Foundation
import LMSModel

/// Login, logout, me, passwords and reset codes.
struct AccountRoutes: Sendable {
    let accounts: AccountStore
    let enrollments: EnrollmentStore
    let configuration: ServerApp.Configuration

    static func userJSON(_ user: User) -> JSONValue {
        JSONOut.obj([
            ("id", JSONOut.s(user.id)), ("username", JSONOut.s(user.username)),
            ("displayName", JSONOut.s(user.displayName)),
            ("email", JSONOut.opt(user.email)), ("role", JSONOut.s(user.role.rawValue)),
            ("disabled", JSONOut.b(user.disabled))
        ])
    }

    /// `POST /api/v1/auth/login` `{"username", "password"}` → `{"token", "expiresAt", "user"}`.
    func login(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["username", "password", "device"])
        guard let username = try body.string("username", required: true),
            let password = try body.string("password", required: true)
        else {
            throw APIError.badRequest("send username and password")
        }
        let now = nowMilliseconds()
        let keys = Self.throttleKeys(username: username, address: context.request.remoteAddress)
        // The attempt counts as a failure before the password is checked, atomically, so that many
        // guesses sent at once cannot all pass the check; a success clears it.
        let wait = try accounts.reserveLoginAttempt(keys: keys, now: now)
        if wait > 0 { throw APIError.tooManyRequests(retryAfter: Int(wait)) }
        // The same work whether or not the user exists, so that timing does not reveal usernames.
        let found = try accounts.credentials(username: username)
        let stored =
            found?.1
            ?? Passwords.Hash(
                hash: [UInt8](repeating: 0, count: 32), salt: [0], iterations: configuration.passwordIterations)
        guard Passwords.verify(password, against: stored), let (user, hash) = found, !user.disabled else {
            throw APIError.unauthorized("wrong username or password (or the account is disabled)")
        }
        try accounts.clearLoginFailures(keys: keys)
        if hash.iterations < configuration.passwordIterations {
            let rehashed = Passwords.hash(password, iterations: configuration.passwordIterations)
            try accounts.setPassword(userID: user.id, rehashed)
        }
        let token = Passwords.makeToken()
        let expiresAt = now + ServerLimits.tokenLifetimeSeconds * 1000
        try accounts.addToken(hash: Passwords.secretHash(token), userID: user.id, expiresAt: expiresAt)
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("token", JSONOut.s(token)), ("expiresAt", JSONOut.time(expiresAt)),
                ("user", Self.userJSON(user))
            ]))
    }

    /// The throttle counters a login counts against: the username, and the address.
    static func throttleKeys(username: String, address: String) -> [String] {
        ["user:" + username.lowercased(), "addr:" + address]
    }

    /// `POST /api/v1/auth/logout`: revokes the token used.
    func logout(_ context: RequestContext) throws -> HTTPResponse {
        guard let auth = context.auth else { throw APIError.unauthorized() }
        try accounts.revokeToken(hash: auth.tokenHash)
        return HTTPResponse(status: 204)
    }

    /// `GET /api/v1/me`.
    func me(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let courses = try enrollments.coursesOf(userID: user.id)
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("user", Self.userJSON(user)),
                ("teaching", JSONOut.arr(courses.teaching.map(JSONOut.s))),
                ("enrolled", JSONOut.arr(courses.enrolled.map(JSONOut.s)))
            ]))
    }

    /// `PUT /api/v1/me/password` `{"oldPassword", "newPassword"}`.
    func changePassword(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["oldPassword", "newPassword"])
        let user = try context.user
        guard let old = try body.string("oldPassword", required: true),
            let new = try body.string("newPassword", required: true),
            let (_, stored) = try accounts.credentials(username: user.username)
        else { throw APIError.badRequest("send oldPassword and newPassword") }
        // Throttled like a login (issue 13, item 9): each check is a costly hash, and a wrong old
        // password is a guess at the account.
        let keys = Self.throttleKeys(username: user.username, address: context.request.remoteAddress)
        let wait = try accounts.reserveLoginAttempt(keys: keys, now: nowMilliseconds())
        if wait > 0 { throw APIError.tooManyRequests(retryAfter: Int(wait)) }
        guard Passwords.verify(old, against: stored) else { throw APIError.forbidden("the old password is wrong") }
        try accounts.clearLoginFailures(keys: keys)
        if let problem = Passwords.problem(with: new) { throw APIError.unprocessable(problem, code: "weak_password") }
        let hashed = Passwords.hash(new, iterations: configuration.passwordIterations)
        let keep = context.auth?.tokenHash ?? []
        try accounts.changePassword(userID: user.id, hashed, keepingToken: keep)
        return HTTPResponse(status: 204)
    }

    /// `POST /api/v1/users/{username}/reset-code`: admins for anyone, teachers for students of their courses
    /// (the `.studentsTeacher` rule).
    func makeResetCode(_ context: RequestContext) throws -> HTTPResponse {
        let actor = try context.user
        guard let target = try accounts.user(named: context.parameter("username")) else {
            throw APIError.notFound("no user \"\(context.parameter("username"))\"")
        }
        let code = Passwords.makeResetCode()
        let expiresAt = nowMilliseconds() + ServerLimits.resetCodeLifetimeSeconds * 1000
        try accounts.addResetCode(
            hash: Passwords.secretHash(code, normalise: true), userID: target.id, createdBy: actor.id,
            expiresAt: expiresAt)
        return JSONOut.response(
            201,
            JSONOut.obj([
                ("username", JSONOut.s(target.username)), ("code", JSONOut.s(code)),
                ("expiresAt", JSONOut.time(expiresAt))
            ]))
    }

    /// `POST /api/v1/auth/reset` `{"username", "code", "newPassword"}`: throttled like a login.
    func resetPassword(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["username", "code", "newPassword"])
        guard let username = try body.string("username", required: true),
            let code = try body.string("code", required: true),
            let new = try body.string("newPassword", required: true)
        else { throw APIError.badRequest("send username, code and newPassword") }
        if let problem = Passwords.problem(with: new) { throw APIError.unprocessable(problem, code: "weak_password") }
        let now = nowMilliseconds()
        let keys = Self.throttleKeys(username: username, address: context.request.remoteAddress)
        let wait = try accounts.reserveLoginAttempt(keys: keys, now: now)
        if wait > 0 { throw APIError.tooManyRequests(retryAfter: Int(wait)) }
        let hash = Passwords.hash(new, iterations: configuration.passwordIterations)
        guard
            try accounts.useResetCode(
                hash: Passwords.secretHash(code, normalise: true), username: username, password: hash)
        else {
            throw APIError.forbidden(
                "the reset code is wrong, used or expired: ask your teacher or admin for a new one")
        }
        try accounts.clearLoginFailures(keys: keys)
        return HTTPResponse(status: 204)
    }
}
