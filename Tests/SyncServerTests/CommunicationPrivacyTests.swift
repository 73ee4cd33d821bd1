import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// What a pull serves of edited, deleted and erased communication, and the indexes that keep
/// replacing those changes cheap (server migration 9).
struct CommunicationPrivacyTests {
    static let course = CommunicationRoutesTests.course

    func payloads(_ server: TestServer, _ username: String) throws -> String {
        try server.pullAll(username).changes.map { JSONWriter.write($0) }.joined(separator: "\n")
    }

    @Test func pullFromZero_ServesOnlyThePostsLatestState_NotTheirEditedOrDeletedText() throws {
        let server = try CommunicationRoutesTests().world()
        #expect(
            server.request(
                .post, "\(Self.course)/forum", as: "ana",
                json: ["id": "t1", "title": "Question", "body": "my phone is 555-0101"]
            ).status == 201)
        #expect(
            server.request(
                .post, "\(Self.course)/forum/t1/replies", as: "ben", json: ["id": "r1", "body": "regrettable words"]
            ).status == 201)
        #expect(
            server.request(.patch, "\(Self.course)/forum/t1", as: "ana", json: ["body": "never mind"]).status == 200)
        #expect(server.request(.delete, "\(Self.course)/forum/r1", as: "ben").status == 200)
        // A new device (or a newly enrolled student) pulls from cursor 0.
        let seen = try payloads(server, "ben")
        #expect(!seen.contains("555-0101"), "the edited text is gone")
        #expect(!seen.contains("regrettable"), "the deleted text is gone")
        #expect(seen.contains("never mind"))
        let posts = try server.pullAll("ben").changes.filter { $0["kind"]?.stringValue == "post" }
        #expect(posts.map { $0["entity"]?.stringValue ?? "" }.sorted() == ["r1", "t1"], "one change per post")
    }

    @Test func migration9_AddsPartialIndexes_ThatTheDeletesOfCommunicationUse() throws {
        let path = NSTemporaryDirectory() + "lms-migrate-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        _ = try DatabaseMigrator(migrations: ServerSchema.migrator.migrations.filter { $0.version < 9 }).migrate(queue)
        try queue.write { db in
            try db.execute(
                "INSERT INTO changes(user_id, course_id, kind, entity, payload, created_at) VALUES (NULL, 'c', 'post', 'p1', x'00', 0)"
            )
        }
        let applied = try ServerSchema.migrator.migrate(queue)
        #expect(applied.contains(9))
        try queue.read { db in
            #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM changes") == 1)
            for (kind, index) in [
                ("post", "changes_post_entity"), ("message", "changes_message_entity"),
                ("announcement", "changes_announcement_entity")
            ] {
                let plan = try db.fetchAll(
                    "EXPLAIN QUERY PLAN DELETE FROM changes WHERE kind = '\(kind)' AND entity = ?", arguments: ["x"]
                )
                .map { $0.string("detail") ?? "" }.joined(separator: " ")
                #expect(plan.contains(index), "\(kind): \(plan)")
            }
            let erase = try db.fetchAll(
                """
                EXPLAIN QUERY PLAN DELETE FROM changes WHERE kind = 'message' AND entity IN (SELECT id FROM messages WHERE from_id = ?1 OR to_id = ?1)
                """, arguments: ["u"]
            ).map { $0.string("detail") ?? "" }.joined(separator: " ")
            #expect(erase.contains("changes_message_entity"), "\(erase)")
        }
    }

    @Test func messagesToDisabledOrErasedAccounts_AreRefusedWithTheReason_ByAPIAndPush() throws {
        let server = try CommunicationRoutesTests().world()
        let ben = try #require(try server.app.store.accounts.user(named: "ben"))
        try server.app.store.write { db in
            try db.execute("UPDATE users SET disabled = 1 WHERE id = ?", arguments: [ben.id])
        }
        let api = server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "ben", "body": "hello?"])
        #expect(api.status == 403)
        #expect(String(decoding: api.bodyData, as: UTF8.self).contains("ben is disabled"))
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        _ = try server.app.store.dataRights.erase(userID: ana.id)
        let push = server.push(
            "owner", device: "device-owner",
            entries: [
                CommunicationRoutesTests.entry(
                    seq: 1, kind: "message", id: "m1",
                    payload: DirectMessage(
                        id: "m1", courseID: "intro-programming", fromID: "", fromName: "", toID: ana.id, toName: "",
                        body: "hi", sentAt: Date()
                    ).payload)
            ])
        let reason = push.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue ?? "accepted"
        #expect(reason.contains("was erased"), "\(reason)")
        #expect(!reason.contains("ana"), "the erased name is not repeated")
        #expect(try server.app.store.read { db in try db.fetchScalar(Int.self, "SELECT count(*) FROM messages") } == 0)
    }

    @Test func farFutureRevisions_AreRefused_ButEditsOfThePostStillOrder() throws {
        let server = try CommunicationRoutesTests().world()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let answer = server.push(
            "ana", device: "device-ana",
            entries: [
                CommunicationRoutesTests.entry(
                    seq: 1, kind: "post", id: "p1", payload: CommunicationRoutesTests.post("p1", body: "ok", wall: now)),
                CommunicationRoutesTests.entry(
                    seq: 2, kind: "post", id: "p1",
                    payload: try #require(
                        HLCTimestamp("9999999999999-999999-x").map {
                            Post(id: "p1", payload: CommunicationRoutesTests.post("p1", body: "forever"))!
                                .edited(title: nil, body: "forever", at: $0).payload
                        })),
                CommunicationRoutesTests.entry(
                    seq: 3, kind: "post", id: "p2",
                    payload: CommunicationRoutesTests.post(
                        "p2", body: "later",
                        wall: now + 10 * 60 * 1000))
            ])
        let rejected = (answer.json["rejected"]?.arrayValue ?? []).map {
            ($0["seq"]?.numberValue ?? 0, $0["reason"]?.stringValue ?? "")
        }
        #expect(rejected.map(\.0) == [2, 3])
        #expect(rejected.first?.1.contains("ahead of the server's clock") == true, "\(rejected)")
        #expect(try server.app.store.read { db in try CommunicationStore.post("p1", in: db) }?.body == "ok")
        // Within the limit, an edit is taken; the API's own edits order after it.
        #expect(
            server.push(
                "ana", device: "device-ana",
                entries: [
                    CommunicationRoutesTests.entry(
                        seq: 4, kind: "post", id: "p1",
                        payload: CommunicationRoutesTests.post("p1", body: "edit", wall: now + 60_000))
                ]
            ).json["rejected"]?.arrayValue?.isEmpty == true)
        #expect(
            server.request(.patch, "\(Self.course)/forum/p1", as: "ana", json: ["body": "edit 2"]).json["body"]?
                .stringValue == "edit 2")
        #expect(
            server.request(.patch, "\(Self.course)/forum/p1", as: "ana", json: ["body": "edit 3"]).json["body"]?
                .stringValue == "edit 3")
    }
}
