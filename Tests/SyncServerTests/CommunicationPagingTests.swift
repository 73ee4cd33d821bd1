import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// The communication lists come in pages, the thread list without whole bodies, and one person's
/// new posts and messages per day are bounded.
struct CommunicationPagingTests {
    static let course = CommunicationRoutesTests.course

    @Test func lists_ComeInPages_WithANextCursor_UntilTheLast() throws {
        let server = try CommunicationRoutesTests().world()
        for i in 0..<5 {
            #expect(
                server.request(
                    .post, "\(Self.course)/announcements", as: "owner",
                    json: ["id": .init(.string("a\(i)")), "title": "T", "body": "B"]
                ).status == 201)
            #expect(
                server.request(
                    .post, "\(Self.course)/forum", as: "ana",
                    json: ["id": .init(.string("t\(i)")), "title": "T", "body": "B"]
                ).status == 201)
            #expect(
                server.request(
                    .post, "\(Self.course)/messages", as: "ana",
                    json: ["id": .init(.string("m\(i)")), "to": "owner", "body": "B"]
                ).status == 201)
        }
        for (path, key) in [
            ("\(Self.course)/announcements", "announcements"), ("\(Self.course)/forum", "threads"),
            ("/api/v1/messages", "messages")
        ] {
            var seen: [String] = []
            var cursor: String?
            for _ in 0..<5 {
                let url = path + "?limit=2" + (cursor.map { "&before=\($0)" } ?? "")
                let answer = server.request(.get, url, as: "ana").json
                seen += (answer[key]?.arrayValue ?? []).map { $0["id"]?.stringValue ?? "" }
                cursor = answer["next"]?.stringValue
                if cursor == nil { break }
            }
            #expect(Set(seen).count == 5 && seen.count == 5, "\(key): \(seen)")
            #expect(server.request(.get, path + "?limit=0", as: "ana").status == 400)
            #expect(
                server.request(.get, path + "?limit=\(ServerLimits.maxCommunicationPage + 1)", as: "ana").status == 400)
            #expect(server.request(.get, path + "?before=nonsense", as: "ana").status == 400)
        }
        // Messages: the latest page first, oldest first within it.
        let latest = server.request(.get, "/api/v1/messages?limit=2", as: "ana").json["messages"]?.arrayValue?.map {
            $0["id"]?.stringValue ?? ""
        }
        #expect(latest == ["m3", "m4"])
    }

    @Test func threadList_CarriesAnExcerpt_NotTheBody() throws {
        let server = try CommunicationRoutesTests().world()
        let long = String(repeating: "é", count: ServerLimits.threadExcerptCharacters + 50)
        #expect(
            server.request(
                .post, "\(Self.course)/forum", as: "ana", json: ["id": "t1", "title": "T", "body": .init(.string(long))]
            ).status == 201)
        let thread = try #require(
            server.request(.get, "\(Self.course)/forum", as: "ben").json["threads"]?.arrayValue?.first)
        #expect(thread["body"] == nil)
        #expect(
            thread["excerpt"]?.stringValue == String(repeating: "é", count: ServerLimits.threadExcerptCharacters) + "…")
        #expect(
            server.request(.get, "\(Self.course)/forum/t1", as: "ben").json["thread"]?["body"]?.stringValue == long,
            "the thread has it all")
    }

    @Test func dailyLimit_RefusesNewPostsAndMessages_ByAPIAndPush_ButNotEdits() throws {
        let server = try CommunicationRoutesTests().world()
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        #expect(
            server.request(.post, "\(Self.course)/forum", as: "ana", json: ["id": "t1", "title": "T", "body": "B"])
                .status == 201)
        try server.app.store.write { db in
            try db.execute(
                "UPDATE posting_days SET count = ? WHERE user_id = ?",
                arguments: [ServerLimits.maxPostsAndMessagesPerDay, ana.id])
        }
        let post = server.request(.post, "\(Self.course)/forum", as: "ana", json: ["title": "T", "body": "B"])
        #expect(post.status == 429)
        #expect(String(decoding: post.bodyData, as: UTF8.self).contains("write again after 00:00 UTC"))
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "ana", json: ["to": "owner", "body": "B"]).status
                == 429)
        #expect(
            server.request(.patch, "\(Self.course)/forum/t1", as: "ana", json: ["body": "edited"]).status == 200,
            "an edit is not a new post")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let push = server.push(
            "ana", device: "device-ana",
            entries: [
                CommunicationRoutesTests.entry(
                    seq: 1, kind: "post", id: "p9", payload: CommunicationRoutesTests.post("p9", body: "B", wall: now))
            ])
        #expect(
            push.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("posts and messages today")
                == true)
        // Someone else is not limited by ana's count.
        #expect(
            server.request(.post, "\(Self.course)/forum", as: "ben", json: ["title": "T", "body": "B"]).status == 201)
    }
}
