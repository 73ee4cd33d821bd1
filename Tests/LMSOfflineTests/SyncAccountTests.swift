import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// A profile's link to a server account (`SyncAccountStore`), against an in-memory store.
struct SyncAccountTests {
    /// `SyncApplyTests.store()` (profiles p1 and p2; p1 logged in to http://s as sam) with p1's
    /// stream advanced and one outbox entry of p1 already pushed.
    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute("UPDATE sync_accounts SET acked = 5, cursor = 'v1.e1.9' WHERE profile_id = 'p1'")
            try db.execute(
                """
                INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at, pushed_at)
                VALUES ('d', 'p1', 'progress', 'x', '{}', 0, 1)
                """)
        }
        return queue
    }

    static func pushedCount(_ queue: DatabaseQueue) throws -> Int {
        try queue.read { db in
            try db.fetchScalar(Int.self, "SELECT count(*) FROM outbox WHERE pushed_at IS NOT NULL") ?? 0
        }
    }

    @Test func loginAgain_ToTheSameAccount_KeepsTheStream() throws {
        let queue = try Self.store()
        let accounts = SyncAccountStore(queue: queue)
        try accounts.saveLogin(
            profile: Profile(id: "p1", name: "p1"), server: "http://s", username: "sam", userID: "u1", token: "t2",
            expiresAt: nil)
        let account = try accounts.account(of: "p1")
        #expect(account?.token == "t2")
        #expect(account?.acked == 5 && account?.cursor == "v1.e1.9" && account?.cursorEpoch == "e1")
        #expect(try Self.pushedCount(queue) == 1)
    }

    @Test func loginToAnotherAccount_StartsAFreshStream_AndPushesEverythingAgain() throws {
        let queue = try Self.store()
        let accounts = SyncAccountStore(queue: queue)
        try accounts.saveLogin(
            profile: Profile(id: "p1", name: "p1"), server: "http://other", username: "sam", userID: "u9",
            token: "t3", expiresAt: nil)
        let account = try accounts.account(of: "p1")
        #expect(account?.server == "http://other" && account?.acked == 0 && account?.cursor == "")
        #expect(account?.cursorEpoch == nil)
        #expect(try Self.pushedCount(queue) == 0)
        #expect(try accounts.knownServers() == ["http://other"])
    }

    @Test func anAccountOfAnotherProfile_IsRefused_AndLogoutKeepsTheStream() throws {
        let queue = try Self.store()
        let accounts = SyncAccountStore(queue: queue)
        #expect(throws: ClientError.self) {
            try accounts.saveLogin(
                profile: Profile(id: "p2", name: "p2"), server: "http://s", username: "sam", userID: "u1",
                token: "t4", expiresAt: nil)
        }
        #expect(try accounts.account(of: "p2") == nil)
        #expect(try accounts.loggedIn().map(\.profile.id) == ["p1"])
        try accounts.forgetToken(of: "p1")
        #expect(try accounts.account(of: "p1")?.token == nil)
        #expect(try accounts.account(of: "p1")?.acked == 5)
        #expect(try accounts.loggedIn().isEmpty)
    }

    @Test func cursor_IsSavedAfterAPage_AndResetAfterARestore() throws {
        let queue = try Self.store()
        let cursor = { try queue.read { try SyncAccountStore.cursor(of: "p1", in: $0) } }
        #expect(try cursor() == "v1.e1.9")
        #expect(try queue.read { try SyncAccountStore.cursor(of: "p2", in: $0) } == "", "no account: no cursor")
        try queue.write { try SyncAccountStore.saveCursor("v1.e1.12", syncedAt: Date(), of: "p1", in: $0) }
        #expect(try cursor() == "v1.e1.12")
        #expect(try queue.read { try $0.fetchScalar(Int64.self, "SELECT last_sync_at FROM sync_accounts") } != nil)
        try queue.write { try SyncAccountStore.resetCursor(of: "p1", in: $0) }
        #expect(try cursor() == "")
        #expect(try SyncAccountStore(queue: queue).account(of: "p1")?.acked == 5, "the push side stays")
    }
}
