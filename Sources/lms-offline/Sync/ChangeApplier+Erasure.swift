import Foundation
import LMSDatabase
import LMSModel

/// The `erasure` change (docs/PROTOCOL.md "erasure"): an administrator erased a user on the server.
/// Every profile of this device linked to that account on this server loses its local data
/// (a shared device learns it through any of its profiles), and what the device holds about
/// the user as someone else's student goes too.
extension ChangeApplier {
    /// Applies an `erasure`; returns the submitted files no profile references any more (deleted after the commit).
    func applyErasure(entity: String, _ payload: JSONValue) throws -> [String] {
        guard let erased = payload["erasedUser"]?.stringValue ?? Optional(entity), !erased.isEmpty,
            let server = try db.fetchScalar(
                String.self, "SELECT server FROM sync_accounts WHERE profile_id = ?", arguments: [profile.id])
        else { return [] }
        return try LocalErasure.erase(userID: erased, server: server, in: db).unreferencedBlobs
    }
}

/// Removes a server account's data from this device, inside the caller's transaction.
enum LocalErasure {
    /// What a device holds about a user who is not one of its profiles (a teacher's copy of a
    /// student's work), one statement per table: `?1` the server's user id. Communication (messages,
    /// posts) is erased by `CommunicationStore.erase`.
    static let aboutOtherUser: [(name: String, sql: String)] = [
        ("a teacher's copy of the student's work", "DELETE FROM student_work WHERE user_id = ?")
    ]

    /// Deletes every profile of this device linked to `userID` on `server` (its work, outbox and
    /// login, by the profile's cascade), and what the device holds about that user otherwise.
    /// Returns the names of the profiles removed and the submitted files that nothing references any
    /// more (for the caller to delete from the blob store after the commit).
    @discardableResult
    static func erase(userID: String, server: String, in db: Database) throws -> (
        profiles: [String], unreferencedBlobs: [String]
    ) {
        let profiles = try db.fetchAll(
            """
            SELECT p.id, p.name FROM sync_accounts a JOIN profiles p ON p.id = a.profile_id WHERE a.server = ? AND a.user_id = ?
            """, arguments: [server, userID])
        var files: Set<String> = []
        for row in profiles {
            let id = row.string(0) ?? ""
            files.formUnion(
                try db.fetchColumn(
                    String.self,
                    """
                    SELECT DISTINCT f.sha256 FROM submission_files f JOIN submissions s ON s.id = f.submission_id WHERE s.profile_id = ?
                    """, arguments: [id]
                ).compactMap { $0 })
            try db.execute("DELETE FROM outbox WHERE profile_id = ?", arguments: [id])
            try db.execute("DELETE FROM profiles WHERE id = ?", arguments: [id]) // cascades to its work and its login
        }
        for statement in aboutOtherUser { try db.execute(statement.sql, arguments: [userID]) }
        try CommunicationStore.erase(userID: userID, in: db)
        let unreferenced = try files.sorted().filter {
            try db.fetchScalar(Int.self, "SELECT count(*) FROM submission_files WHERE sha256 = ?", arguments: [$0]) == 0
        }
        return (profiles.map { $0.string(1) ?? "" }, unreferenced)
    }

    /// The account of `profileID` was erased (the server answered 401 `account_erased` to its token):
    /// removes it from this device.
    static func eraseOwnAccount(profileID: String, queue: DatabaseQueue, home: ClientHome) throws {
        let orphans = try queue.write { db -> [String] in
            guard
                let row = try db.fetchOne(
                    "SELECT server, user_id FROM sync_accounts WHERE profile_id = ?", arguments: [profileID])
            else { return [] }
            return try erase(userID: row.string(1) ?? "", server: row.string(0) ?? "", in: db).unreferencedBlobs
        }
        try home.blobs().remove(orphans)
    }
}
