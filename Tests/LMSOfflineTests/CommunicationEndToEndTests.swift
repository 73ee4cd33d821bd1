import Foundation
import LMSDatabase
import LMSModel
import Testing

/// Announcements, forums and messages with the real `lms-server` and `lms-offline`: written
/// offline on one device, synced, and seen (with notifications) on another.
@Suite(.serialized) struct CommunicationEndToEndTests {
    static func json(_ f: ClientFixture, _ args: [String]) throws -> JSONValue {
        try JSONParser.parse(try f.ok(args + ["--json"]).stdout)
    }

    @Test func announcementsForumAndMessages_TravelBothWays_WithNotifications() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let teacher = try world.device("ada")
        let student = try world.device("sam")
        #expect(try student.sync().status == 0)
        #expect(try teacher.sync().status == 0)

        // The teacher announces offline: stored, not yet synced; then syncs.
        let said = try teacher.ok([
            "announce", "intro-programming", "--title", "Welcome", "--body", "Read module 1 first."
        ])
        #expect(said.stdout.contains("not yet synced"))
        #expect(try Self.json(teacher, ["announcements"]).arrayValue?.first?["synced"]?.boolValue == false)
        let pushed = try teacher.sync()
        #expect(pushed.status == 0 && pushed.report["rejected"]?.numberValue ?? 0 == 0, "\(pushed.report)")
        #expect(try Self.json(teacher, ["announcements"]).arrayValue?.first?["synced"]?.boolValue == true)

        // The student syncs and sees it in announcements and in the inbox.
        #expect(try student.sync().status == 0)
        let notes = try Self.json(student, ["announcements", "intro-programming"]).arrayValue ?? []
        #expect(
            notes.count == 1 && notes.first?["title"]?.stringValue == "Welcome"
                && notes.first?["author"]?.stringValue == "ada")
        #expect(try student.ok(["inbox"]).stdout.contains("Announcement in intro-programming: Welcome"))

        // The student asks on a lesson's forum offline; the teacher sees it and replies.
        #expect(
            try student.ok([
                "forum", "post", "intro-programming", "--lesson", "welcome", "--title", "Loops?",
                "--body", "How do loops work?"
            ]).stdout.contains("not yet synced"))
        let local = try Self.json(student, ["forum", "intro-programming", "--lesson", "welcome"]).arrayValue ?? []
        let threadID = try #require(local.first?["id"]?.stringValue)
        #expect(
            local.first?["synced"]?.boolValue == false && local.first?["lesson"]?.stringValue == "foundations/welcome")
        #expect(try student.sync().status == 0)
        #expect(try teacher.sync().status == 0)
        let seen = try Self.json(teacher, ["forum", "intro-programming", "--lesson", "welcome"]).arrayValue ?? []
        #expect(seen.first?["title"]?.stringValue == "Loops?" && seen.first?["author"]?.stringValue == "sam")
        #expect(try teacher.ok(["inbox"]).stdout.contains("New post by sam in intro-programming: Loops?"))
        try teacher.ok(["forum", "reply", String(threadID.prefix(8)), "--body", "Like this: for x in xs."])
        #expect(try teacher.sync().status == 0)
        #expect(try student.sync().status == 0)
        #expect(try student.ok(["inbox"]).stdout.contains("ada replied in \"Loops?\" (intro-programming)"))
        let thread = try Self.json(student, ["forum", "show", threadID]).arrayValue ?? []
        #expect(
            thread.count == 2 && thread.last?["body"]?.stringValue == "Like this: for x in xs."
                && thread.last?["synced"]?.boolValue == true)

        // The student edits the question; the teacher deletes the reply; both converge.
        try student.ok(["forum", "edit", threadID, "--body", "How do for loops work?"])
        let replyID = try #require(thread.last?["id"]?.stringValue)
        try teacher.ok(["forum", "delete", replyID])
        #expect(try student.sync().status == 0)
        #expect(try teacher.sync().status == 0)
        #expect(try student.sync().status == 0)
        for device in [student, teacher] {
            let posts = try Self.json(device, ["forum", "show", threadID]).arrayValue ?? []
            #expect(
                posts.first?["body"]?.stringValue == "How do for loops work?"
                    && posts.first?["edited"]?.boolValue == true)
            #expect(posts.last?["deleted"]?.boolValue == true && posts.last?["body"]?.stringValue == "")
        }
        // A student cannot edit the teacher's post, nor delete it: clear errors, nothing stored.
        let refused = try student.run(["forum", "edit", replyID, "--body", "x"])
        #expect(refused.status == 1 && refused.stderr.contains("not yours"))

        // A direct message, both ways; a classmate's device never holds it.
        try student.ok(["message", "ada", "--course", "intro-programming", "--body", "May I have more time?"])
        #expect(try student.sync().status == 0)
        #expect(try teacher.sync().status == 0)
        #expect(try teacher.ok(["inbox"]).stdout.contains("Message from sam (intro-programming)"))
        try teacher.ok(["message", "sam", "--course", "intro-programming", "--body", "Yes, until Monday."])
        #expect(try teacher.sync().status == 0)
        #expect(try student.sync().status == 0)
        let conversation = try Self.json(student, ["messages", "ada"]).arrayValue ?? []
        #expect(conversation.map { $0["body"]?.stringValue ?? "" } == ["May I have more time?", "Yes, until Monday."])
        #expect(conversation.allSatisfy { $0["synced"]?.boolValue == true })
        try world.createUser("kim")
        try world.enroll("kim")
        let classmate = try world.device("kim")
        #expect(try classmate.sync().status == 0)
        #expect(try classmate.count("SELECT count(*) FROM messages") == 0)
        #expect(
            try classmate.count("SELECT count(*) FROM posts") == 2,
            "the forum is the course's: the thread and the reply's tombstone")
        #expect(try classmate.count("SELECT count(*) FROM announcements") == 1)
    }

    @Test func aStudentsAnnouncement_IsRefused_WithTheReasonInTheInbox() throws {
        let world = try SyncWorld()
        try world.createUser("sam")
        try world.enroll("sam")
        let student = try world.device("sam")
        #expect(try student.sync().status == 0)
        try student.ok(["announce", "intro-programming", "--title", "Party", "--body", "at mine"])
        let result = try student.sync()
        #expect(result.report["rejected"]?.numberValue == 1, "\(result.report)")
        #expect(try student.ok(["inbox"]).stdout.contains("only the teachers of intro-programming may announce"))
        // It stays on the device, marked refused rather than "not yet synced".
        let listed = try student.json(["announcements"]).arrayValue?.first
        #expect(
            listed?["refused"]?.boolValue == true && listed?["synced"]?.boolValue == false
                && listed?["body"]?.stringValue == "at mine")
        let shown = try student.ok(["announcements"]).stdout
        #expect(shown.contains("refused by the server: see lms-offline inbox") && !shown.contains("not yet synced"))
    }
}
