import Foundation
import LMSDatabase
import LMSModel

/// Users, tokens, reset codes and login throttling.
struct AccountStore: AreaStore {
    let queue: DatabaseQueue

    static let userColumns = "id, username, display_name, email, role, disabled"
    /// The same columns of a table aliased `u`, for joins.
    static let qualifiedUserColumns = "u.id, u.username, u.display_name, u.email, u.role, u.disabled"

    static func user(from row: Row) -> User {
        User(
            id: row.string("id") ?? "", username: row.string("username") ?? "",
            displayName: row.string("display_name") ?? "",
            email: row.string("email"), role: Role(rawValue: row.string("role") ?? "") ?? .student,
            disabled: (row.int64("disabled") ?? 0) != 0)
    }

    /// Adds a user; a taken username is a 409.
    @discardableResult
    func createUser(username: String, displayName: String, email: String?, role: Role, password: Passwords.Hash) throws
        -> User
    {
        let user = User(
            id: UUID().uuidString.lowercased(), username: username, displayName: displayName, email: email, role: role)
        try write { db in try Self.insert(user, password: password, in: db) }
        return user
    }

    static func insert(_ user: User, password: Passwords.Hash, in db: Database) throws {
        let now = nowMilliseconds()
        do {
            try db.execute(
                """
                INSERT INTO users(id, username, display_name, email, role, disabled, password_hash, password_salt,
                                  password_iterations, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    user.id, user.username, user.displayName, user.email, user.role.rawValue,
                    Data(password.hash), Data(password.salt), password.iterations, now, now
                ])
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw APIError.conflict("the username \"\(user.username)\" is taken: choose another")
        }
    }

    /// A user by id.
    func user(id: String) throws -> User? {
        try read { db in
            try db.fetchOne("SELECT \(Self.userColumns) FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    /// A user by username (case-insensitive).
    func user(named username: String) throws -> User? {
        try read { db in
            try db.fetchOne("SELECT \(Self.userColumns) FROM users WHERE username = ?", arguments: [username]).map(
                Self.user)
        }
    }

    /// A user and their stored password hash.
    func credentials(username: String) throws -> (User, Passwords.Hash)? {
        try read { db in
            guard
                let row = try db.fetchOne(
                    "SELECT \(Self.userColumns), password_hash, password_salt, password_iterations FROM users WHERE username = ?",
                    arguments: [username])
            else { return nil }
            let hash = Passwords.Hash(
                hash: [UInt8](row.data("password_hash") ?? Data()), salt: [UInt8](row.data("password_salt") ?? Data()),
                iterations: row.int("password_iterations") ?? 0)
            return (Self.user(from: row), hash)
        }
    }

    /// Every user, by username.
    func allUsers() throws -> [User] {
        try read { db in try db.fetchAll("SELECT \(Self.userColumns) FROM users ORDER BY username").map(Self.user) }
    }

    /// Saves a changed user (role, name, e-mail, disabled). Disabling revokes their tokens.
    func update(_ user: User) throws {
        try write { db in
            try db.execute(
                "UPDATE users SET display_name = ?, email = ?, role = ?, disabled = ?, updated_at = ? WHERE id = ?",
                arguments: [user.displayName, user.email, user.role.rawValue, user.disabled, nowMilliseconds(), user.id]
            )
            if user.disabled {
                try Self.revokeTokens(userID: user.id, at: nowMilliseconds(), in: db)
            }
        }
    }

    /// Sets a new password hash (logins upgrade an old hash to the current rounds).
    func setPassword(userID: String, _ password: Passwords.Hash) throws {
        try write { db in try Self.setPassword(userID: userID, password, in: db) }
    }

    /// Sets a new password hash and ends every other session of the user (`PUT /me/password`):
    /// a stolen token stops working when its owner changes the password.
    func changePassword(userID: String, _ password: Passwords.Hash, keepingToken kept: [UInt8]) throws {
        try write { db in
            try Self.setPassword(userID: userID, password, in: db)
            try Self.revokeTokens(userID: userID, except: kept, at: nowMilliseconds(), in: db)
        }
    }

    /// Sets a new password hash inside the caller's transaction.
    static func setPassword(userID: String, _ password: Passwords.Hash, in db: Database) throws {
        try db.execute(
            "UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ?, updated_at = ? WHERE id = ?",
            arguments: [Data(password.hash), Data(password.salt), password.iterations, nowMilliseconds(), userID])
    }

    // MARK: - Tokens

    /// Stores a new token's hash. A user keeps at most `ServerLimits.maxSessionsPerUser` live
    /// tokens: the oldest beyond it end here, and the rows of ended (revoked or expired) tokens go,
    /// so that logging in again and again cannot grow the table (issue 13, item 9).
    func addToken(hash: [UInt8], userID: String, expiresAt: Int64) throws {
        let now = nowMilliseconds()
        try write { db in
            try db.execute(
                "INSERT INTO tokens(hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [Data(hash), userID, now, expiresAt])
            try db.execute(
                """
                DELETE FROM tokens WHERE user_id = ?1 AND hash NOT IN (
                    SELECT hash FROM tokens WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2
                    ORDER BY created_at DESC, rowid DESC LIMIT ?3)
                """, arguments: [userID, now, ServerLimits.maxSessionsPerUser])
        }
    }

    /// The enabled user whose live token has this hash.
    func user(forTokenHash hash: [UInt8], now: Int64) throws -> User? {
        try read { db in
            let sql = """
                SELECT \(Self.qualifiedUserColumns)
                FROM tokens t JOIN users u ON u.id = t.user_id
                WHERE t.hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0
                """
            return try db.fetchOne(sql, arguments: [Data(hash), now]).map(Self.user)
        }
    }

    /// Ends every session of a user (all their live tokens but `kept`), inside the caller's transaction.
    static func revokeTokens(userID: String, except kept: [UInt8]? = nil, at now: Int64, in db: Database) throws {
        try db.execute(
            "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND hash IS NOT ?",
            arguments: [now, userID, kept.map { Data($0) }])
    }

    /// Revokes one token.
    func revokeToken(hash: [UInt8]) throws {
        try write { db in
            try db.execute(
                "UPDATE tokens SET revoked_at = ? WHERE hash = ?", arguments: [nowMilliseconds(), Data(hash)])
        }
    }

    /// Whether a token hash belonged to an erased account.
    func isErasedToken(_ hash: [UInt8]) throws -> Bool {
        try read { db in try db.fetchOne("SELECT 1 FROM erased_tokens WHERE hash = ?", arguments: [Data(hash)]) != nil }
    }

    // MARK: - Reset codes

    /// Stores a reset code's hash (earlier unused codes of the user stop working).
    func addResetCode(hash: [UInt8], userID: String, createdBy: String, expiresAt: Int64) throws {
        try write { db in
            try db.execute(
                "UPDATE reset_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                arguments: [nowMilliseconds(), userID])
            try db.execute(
                "INSERT INTO reset_codes(code_hash, user_id, created_by, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [Data(hash), userID, createdBy, expiresAt])
        }
    }

    /// Creates users in one transaction (all or none), each with a reset code when it has no
    /// password of its own; returns each user with the code made for it.
    func create(_ users: [AdminRoutes.PreparedUser], createdBy: String) throws -> [(User, String?)] {
        try write { db in
            try users.map { prepared in
                try Self.insert(prepared.user, password: prepared.hash, in: db)
                if let code = prepared.resetCode {
                    try db.execute(
                        "INSERT INTO reset_codes(code_hash, user_id, created_by, expires_at) VALUES (?, ?, ?, ?)",
                        arguments: [
                            Data(Passwords.secretHash(code, normalise: true)), prepared.user.id, createdBy,
                            nowMilliseconds() + ServerLimits.resetCodeLifetimeSeconds * 1000
                        ])
                }
                return (prepared.user, prepared.resetCode)
            }
        }
    }

    /// Uses a reset code: sets the password and revokes every token, in one transaction. False when the code is not valid.
    func useResetCode(hash: [UInt8], username: String, password: Passwords.Hash) throws -> Bool {
        try write { db in
            let now = nowMilliseconds()
            guard
                let row = try db.fetchOne(
                    """
                    SELECT r.user_id FROM reset_codes r JOIN users u ON u.id = r.user_id
                    WHERE r.code_hash = ? AND u.username = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.disabled = 0
                    """, arguments: [Data(hash), username, now]), let userID = row.string("user_id")
            else { return false }
            try db.execute("UPDATE reset_codes SET used_at = ? WHERE code_hash = ?", arguments: [now, Data(hash)])
            try Self.setPassword(userID: userID, password, in: db)
            try Self.revokeTokens(userID: userID, at: now, in: db)
            return true
        }
    }

    // MARK: - Throttling

    /// Checks the lockout of every key and, when none is locked, counts this attempt as a failure
    /// for each, in one transaction; returns the seconds to wait (0 when the attempt may go ahead).
    /// After the free failures of a key (`freeLoginFailures` for a user, `freeAddressFailures` for an
    /// address, which many people may share behind a proxy) a lockout starts and doubles up to the maximum.
    func reserveLoginAttempt(keys: [String], now: Int64) throws -> Int64 {
        try write { db in
            var longest: Int64 = 0
            for key in keys {
                if let until = try db.fetchScalar(
                    Int64.self, "SELECT locked_until FROM login_failures WHERE key = ?", arguments: [key])
                {
                    longest = max(longest, (until - now + 999) / 1000)
                }
            }
            if longest > 0 { return longest }
            for key in keys {
                let row = try db.fetchOne(
                    "SELECT failures, last_failure_at FROM login_failures WHERE key = ?", arguments: [key])
                var failures = Int64(row?.int64("failures") ?? 0)
                if let last = row?.int64("last_failure_at"), now - last > ServerLimits.failureMemorySeconds * 1000 {
                    failures = 0
                }
                failures += 1
                let free = Int64(
                    key.hasPrefix("addr:") ? ServerLimits.freeAddressFailures : ServerLimits.freeLoginFailures)
                var lockedUntil: Int64 = 0
                if failures >= free {
                    let doublings = min(failures - free, 16)
                    lockedUntil =
                        now + min(ServerLimits.firstLockoutSeconds << doublings, ServerLimits.maxLockoutSeconds) * 1000
                }
                try db.execute(
                    """
                    INSERT INTO login_failures(key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                                                   locked_until = excluded.locked_until
                    """, arguments: [key, failures, now, lockedUntil])
            }
            return 0
        }
    }

    /// After a successful login (or password check): forgets the failures of the username's key,
    /// and takes back only this attempt's reservation from the address's keys, never their other
    /// failures: one login to an attacker's own account must not reset the count of their guesses
    /// at others (issue 13, item 8).
    func clearLoginFailures(keys: [String]) throws {
        try write { db in
            for key in keys where !key.hasPrefix("addr:") {
                try db.execute("DELETE FROM login_failures WHERE key = ?", arguments: [key])
            }
            for key in keys where key.hasPrefix("addr:") {
                try db.execute(
                    """
                    UPDATE login_failures SET failures = max(failures - 1, 0),
                        locked_until = CASE WHEN failures - 1 < ? THEN 0 ELSE locked_until END
                    WHERE key = ?
                    """, arguments: [ServerLimits.freeAddressFailures, key])
            }
        }
    }

    /// Users by role, for stats and metrics.
    func userCountsByRole() throws -> [Role: Int] {
        try read { db in
            var counts: [Role: Int] = [:]
            for row in try db.fetchAll("SELECT role, COUNT(*) AS n FROM users GROUP BY role") {
                if let role = Role(rawValue: row.string("role") ?? "") { counts[role] = row.int("n") ?? 0 }
            }
            return counts
        }
    }
}
