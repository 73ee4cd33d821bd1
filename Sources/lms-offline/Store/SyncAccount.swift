import Foundation
import LMSDatabase
import LMSModel

/// A profile's link to a server account and the state of its stream (table `sync_accounts`).
struct SyncAccount: Sendable, Equatable {
    /// The local profile.
    var profileID: String
    /// The server's base URL.
    var server: String
    /// The account's username.
    var username: String
    /// The server's id of the account.
    var userID: String
    /// The bearer token; nil after logout.
    var token: String?
    /// The server's acknowledged seq of this stream (PROTOCOL §4).
    var acked: Int64
    /// The pull cursor (PROTOCOL §5); empty before the first pull.
    var cursor: String

    /// The epoch named by the cursor (`v1.<epoch>.<sseq>`), nil for an empty or foreign cursor.
    var cursorEpoch: String? {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : nil
    }
}

/// Reads and writes `sync_accounts`.
struct SyncAccountStore {
    let queue: DatabaseQueue

    static let columns = "profile_id, server, username, user_id, token, acked, cursor"

    /// The account of a profile, if it ever logged in.
    func account(of profileID: String) throws -> SyncAccount? {
        try queue.read { db in try Self.account(of: profileID, in: db) }
    }

    static func account(of profileID: String, in db: Database) throws -> SyncAccount? {
        try db.fetchOne("SELECT \(columns) FROM sync_accounts WHERE profile_id = ?", arguments: [profileID]).map(make)
    }

    /// The servers this device's profiles have logged in to, the most recently linked first.
    func knownServers() throws -> [String] {
        try queue.read { db in
            try db.fetchAll("SELECT server FROM sync_accounts GROUP BY server ORDER BY max(rowid) DESC")
                .compactMap { $0.string(0) }
        }
    }

    /// Every profile that holds a token, with its name (for `sync --all`).
    func loggedIn() throws -> [(profile: Profile, account: SyncAccount)] {
        try queue.read { db in
            try db.fetchAll(
                """
                SELECT a.profile_id, a.server, a.username, a.user_id, a.token, a.acked, a.cursor, p.name
                FROM sync_accounts a JOIN profiles p ON p.id = a.profile_id WHERE a.token IS NOT NULL ORDER BY p.name_key
                """
            ).map { (Profile(id: $0.string(0) ?? "", name: $0.string(7) ?? ""), Self.make($0)) }
        }
    }

    /// Stores a login. The same account on the same server keeps its stream's state; another one starts afresh.
    /// Refuses an account that another profile of this device already uses (their streams would mix).
    func saveLogin(profile: Profile, server: String, username: String, userID: String, token: String, expiresAt: Date?)
        throws
    {
        try queue.write { db in
            if let other = try db.fetchOne(
                """
                SELECT p.name FROM sync_accounts a JOIN profiles p ON p.id = a.profile_id
                WHERE a.server = ? AND a.user_id = ? AND a.profile_id <> ?
                """, arguments: [server, userID, profile.id])
            {
                throw ClientError(.accountInUse, username, other.string(0) ?? "?")
            }
            let previous = try Self.account(of: profile.id, in: db)
            let same = previous?.server == server && previous?.userID == userID
            try db.execute(
                """
                INSERT OR REPLACE INTO sync_accounts(profile_id, server, username, user_id, token, token_expires_at, acked, cursor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    profile.id, server, username, userID, token, expiresAt,
                    same ? previous?.acked ?? 0 : 0, same ? previous?.cursor ?? "" : ""
                ])
            if !same {
                // A new stream: every entry of the profile goes to this server.
                try db.execute("UPDATE outbox SET pushed_at = NULL WHERE profile_id = ?", arguments: [profile.id])
            }
        }
    }

    /// Forgets the token (logout); the stream's state stays for the next login.
    func forgetToken(of profileID: String) throws {
        try queue.write { db in
            try db.execute(
                "UPDATE sync_accounts SET token = NULL, token_expires_at = NULL WHERE profile_id = ?",
                arguments: [profileID])
        }
    }

    // MARK: - The stream, inside a sync's transaction

    /// The pull cursor of `profileID` (empty before its first pull, or with no account).
    static func cursor(of profileID: String, in db: Database) throws -> String {
        try db.fetchScalar(String.self, "SELECT cursor FROM sync_accounts WHERE profile_id = ?", arguments: [profileID])
            ?? ""
    }

    /// Moves the pull cursor of `profileID` on after a page was applied, and notes when.
    static func saveCursor(_ cursor: String, syncedAt now: Date, of profileID: String, in db: Database) throws {
        try db.execute(
            "UPDATE sync_accounts SET cursor = ?, last_sync_at = ? WHERE profile_id = ?",
            arguments: [cursor, now, profileID])
    }

    /// Empties the pull cursor of `profileID`, so the next pull starts from the beginning (the server
    /// was restored from a backup: PROTOCOL §7).
    static func resetCursor(of profileID: String, in db: Database) throws {
        try db.execute("UPDATE sync_accounts SET cursor = '' WHERE profile_id = ?", arguments: [profileID])
    }

    static func make(_ row: Row) -> SyncAccount {
        SyncAccount(
            profileID: row.string(0) ?? "", server: row.string(1) ?? "", username: row.string(2) ?? "",
            userID: row.string(3) ?? "", token: row.string(4), acked: row.int64(5) ?? 0, cursor: row.string(6) ?? "")
    }
}
