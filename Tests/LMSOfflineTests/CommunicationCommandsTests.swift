import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// The communication commands offline: what they store, their outbox entries, and their errors.
struct CommunicationCommandsTests {
    @Test func offlineWrites_StoreTheChangeAndItsOutboxEntry() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.ok(["forum", "post", "intro-programming", "--title", "Hello", "--body", "First!"])
        let id = try #require(try f.scalar("SELECT id FROM posts"))
        try f.ok(["forum", "reply", String(id.prefix(6)), "--body-file", try f.write("r.md", "a reply\non two lines")])
        try f.ok(["forum", "edit", id, "--title", "Hello all", "--body", "First post"])
        try f.ok(["message", "ada", "--course", "intro-programming", "--body", "hi"])
        try f.ok(["announce", "intro-programming", "--title", "T", "--body", "B"])
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'post'") == 3)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'message'") == 1)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'announcement'") == 1)
        let threads = try JSONParser.parse(try f.ok(["forum", "intro-programming", "--json"]).stdout).arrayValue ?? []
        #expect(
            threads.count == 1 && threads.first?["title"]?.stringValue == "Hello all"
                && threads.first?["replies"]?.numberValue == 1)
        #expect(threads.first?["edited"]?.boolValue == true && threads.first?["synced"]?.boolValue == false)
        let shown = try f.ok(["forum", "show", id]).stdout
        #expect(shown.contains("on two lines") && shown.contains("not yet synced") && shown.contains("(edited)"))
        #expect(try f.ok(["messages"]).stdout.contains("→ ada"))
        // Revisions grow: the edit's entry orders after the post's.
        let revisions = try f.store().read { db in
            try db.fetchColumn(
                String.self, "SELECT payload FROM outbox WHERE kind = 'post' AND entity_id = ? ORDER BY seq",
                arguments: [id])
        }.compactMap { $0 }.compactMap { try? JSONParser.parse($0)["revision"]?.stringValue }
        #expect(revisions.count == 2 && revisions[0] < revisions[1])
        // Deleting leaves a tombstone and one more entry.
        try f.ok(["forum", "delete", id])
        #expect(try f.count("SELECT deleted FROM posts WHERE id = '\(id)'") == 1)
        #expect(try f.run(["forum", "reply", id, "--body", "x"]).stderr.contains("was deleted"))
    }

    @Test func badInput_IsRefusedClearly_AndStoresNothing() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        let cases: [([String], Int32, String)] = [
            (["forum", "post", "intro-programming", "--title", "T", "--body", "  "], 1, "--body is empty"),
            (["forum", "post", "intro-programming", "--title", "T"], 2, "--body"),
            (["forum", "post", "intro-programming", "--title", "T", "--body", "b", "--body-file", "x"], 2, "not both"),
            (["forum", "post", "Not A Course!", "--title", "T", "--body", "b"], 1, "is not a course id"),
            (
                ["forum", "post", "intro-programming", "--title", String(repeating: "t", count: 300), "--body", "b"], 1,
                "longer than 200 bytes"
            ),
            (["forum", "reply", "nosuch", "--body", "b"], 1, "no post nosuch"),
            (["forum", "post", "intro-programming", "--body", "b"], 2, "missing --title"),
            (["message", "ana", "--course", "intro-programming", "--body", "me"], 1, "someone else"),
            (["message", "ada", "--body", "b"], 2, "missing --course"),
            (
                ["announce", "intro-programming", "--title", "T", "--body-file", "/nonexistent/file"], 1,
                "/nonexistent/file"
            )
        ]
        for (args, status, text) in cases {
            let result = try f.run(args)
            #expect(result.status == status, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(text), "\(args): \(result.stderr)")
        }
        #expect(try f.count("SELECT count(*) FROM outbox") == 0)
        #expect(try f.count("SELECT count(*) FROM posts") == 0)
        #expect(try f.ok(["forum", "intro-programming"]).stdout.contains("No threads yet"))
        #expect(try f.ok(["announcements"]).stdout.contains("No announcements"))
        #expect(try f.ok(["messages"]).stdout.contains("No messages"))
    }

    @Test func someoneElsesControlSequences_AreShownNotSentToTheTerminal_ButJSONKeepsThem() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        let hostile = "fine\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}1A"
        try f.store().write { db in
            let post = Post(
                id: "p-hostile", courseID: "intro-programming", authorID: "u9", authorName: "mallory\u{1B}[31m",
                title: "T\u{1B}[2J", body: hostile, createdAt: Date(),
                revision: HLCTimestamp(wallMilliseconds: 1, node: "n"))
            try CommunicationStore.store(
                post, profileID: try #require(try db.fetchScalar(String.self, "SELECT id FROM profiles")),
                mine: false, synced: true, in: db)
            try db.execute(
                """
                INSERT INTO messages(profile_id, id, course_id, from_id, from_name, to_id, to_name, body, sent_at, outgoing, synced)
                SELECT id, 'm1', 'intro-programming', 'u9', 'mallory', 'u1', 'ana', ?, 0, 0, 1 FROM profiles
                """, arguments: [hostile])
        }
        for command in [["forum", "show", "p-hostile"], ["forum", "intro-programming"], ["messages"]] {
            let out = try f.ok(command).stdout
            #expect(!out.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{07}" }, "\(command)")
        }
        #expect(try f.ok(["forum", "show", "p-hostile"]).stdout.contains("fine␛[2J␛]52;c;ZXZpbA==␇"))
        let json = try JSONParser.parse(try f.ok(["forum", "show", "p-hostile", "--json"]).stdout)
        #expect(json.arrayValue?.first?["body"]?.stringValue == hostile, "--json output stays as it is")
    }
}
