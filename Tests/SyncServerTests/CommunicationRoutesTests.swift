import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Announcements, forums and direct messages: the rights of each, through the API and through a
/// push, and who sees what in a pull.
struct CommunicationRoutesTests {
    /// owner teaches intro-programming (ana and ben enrolled); other teaches small-course (cy enrolled).
    func world() throws -> TestServer {
        let server = try TestServer(users: [
            "owner": .teacher, "cote": .teacher, "other": .teacher, "ana": .student, "ben": .student, "cy": .student
        ])
        #expect(try server.publish("rich-course", as: "owner").status == 201)
        #expect(try server.publish("small-course", as: "other").status == 201)
        #expect(
            server.request(.post, "/api/v1/courses/intro-programming/teachers", as: "owner", json: ["username": "cote"])
                .status < 300)
        for name in ["ana", "ben"] {
            #expect(
                server.request(
                    .post, "/api/v1/courses/intro-programming/enrollments", as: "owner",
                    json: ["username": .init(.string(name))]
                ).status == 201)
        }
        #expect(
            server.request(.post, "/api/v1/courses/small-course/enrollments", as: "other", json: ["username": "cy"])
                .status == 201)
        return server
    }

    static let course = "/api/v1/courses/intro-programming"

    func kinds(_ changes: [JSONValue], _ kind: String) -> [JSONValue] {
        changes.filter { $0["kind"]?.stringValue == kind }
    }

    @Test func announcements_ComeFromStaff_AndReachMembers() throws {
        let server = try world()
        let made = server.request(
            .post, "\(Self.course)/announcements", as: "owner", json: ["title": "Welcome", "body": "Read module 1"])
        #expect(made.status == 201)
        #expect(made.json["author"]?.stringValue == "owner")
        #expect(
            server.request(.post, "\(Self.course)/announcements", as: "ana", json: ["title": "x", "body": "y"]).status
                == 403)
        #expect(
            server.request(.post, "\(Self.course)/announcements", as: "owner", json: ["body": "no title"]).status == 400
        )
        let list = server.request(.get, "\(Self.course)/announcements", as: "ben")
        #expect(list.json["announcements"]?.arrayValue?.first?["title"]?.stringValue == "Welcome")
        #expect(server.request(.get, "\(Self.course)/announcements", as: "cy").status == 403)
        #expect(kinds(try server.pullAll("ben").changes, "announcement").count == 1)
        #expect(kinds(try server.pullAll("cy").changes, "announcement").isEmpty)
    }

    @Test func forum_ThreadsRepliesEditsAndDeletes_FollowTheRights() throws {
        let server = try world()
        let thread = server.request(
            .post, "\(Self.course)/forum", as: "ana",
            json: ["title": "Loops?", "body": "How do loops work?", "lesson": "foundations/welcome"])
        #expect(thread.status == 201)
        let id = try #require(thread.json["id"]?.stringValue)
        #expect(
            server.request(
                .post, "\(Self.course)/forum", as: "ana", json: ["title": "x", "body": "y", "lesson": "no/such"]
            ).status == 404)
        #expect(server.request(.post, "\(Self.course)/forum", as: "ana", json: ["body": "no title"]).status == 400)
        #expect(
            server.request(.post, "\(Self.course)/forum", as: "cy", json: ["title": "x", "body": "y"]).status == 403)
        let reply = server.request(
            .post, "\(Self.course)/forum/\(id)/replies", as: "owner", json: ["body": "Like this."])
        #expect(reply.status == 201)
        let replyID = try #require(reply.json["id"]?.stringValue)
        #expect(reply.json["lesson"]?.stringValue == "foundations/welcome", "a reply is in its thread's forum")
        // Listings: the lesson's forum has the thread, the course-wide one does not.
        #expect(
            server.request(.get, "\(Self.course)/forum?lesson=foundations/welcome", as: "ben").json["threads"]?
                .arrayValue?.first?["replies"]?.numberValue == 1)
        #expect(server.request(.get, "\(Self.course)/forum", as: "ben").json["threads"]?.arrayValue?.isEmpty == true)
        let shown = server.request(.get, "\(Self.course)/forum/\(replyID)", as: "ben")
        #expect(shown.json["thread"]?["id"]?.stringValue == id)
        #expect(shown.json["replies"]?.arrayValue?.count == 1)
        // Edits: the author only.
        #expect(server.request(.patch, "\(Self.course)/forum/\(id)", as: "ben", json: ["body": "hijack"]).status == 403)
        #expect(
            server.request(.patch, "\(Self.course)/forum/\(id)", as: "owner", json: ["body": "teacher rewrite"]).status
                == 403)
        let edit = server.request(
            .patch, "\(Self.course)/forum/\(id)", as: "ana", json: ["body": "How do for loops work?"])
        #expect(
            edit.status == 200 && edit.json["edited"]?.boolValue == true
                && edit.json["body"]?.stringValue == "How do for loops work?")
        // Deletes: the author or a teacher of the course; not a classmate, not another course's teacher.
        #expect(server.request(.delete, "\(Self.course)/forum/\(replyID)", as: "ben").status == 403)
        #expect(server.request(.delete, "\(Self.course)/forum/\(replyID)", as: "other").status == 403)
        let deleted = server.request(.delete, "\(Self.course)/forum/\(replyID)", as: "cote")
        #expect(
            deleted.status == 200 && deleted.json["deleted"]?.boolValue == true
                && deleted.json["body"]?.stringValue == "")
        #expect(server.request(.delete, "\(Self.course)/forum/\(id)", as: "ana").status == 200)
        #expect(
            server.request(.post, "\(Self.course)/forum/\(id)/replies", as: "ben", json: ["body": "late"]).status == 400
        )
        #expect(
            server.request(.get, "/api/v1/courses/small-course/forum/\(id)", as: "other").status == 404,
            "not in that course")
        // Every member pulls the posts' latest states; another course's people pull none.
        let posts = kinds(try server.pullAll("ben").changes, "post")
        #expect(posts.count == 2, "one change per post: its latest state")
        #expect(posts.last?["payload"]?["deleted"]?.boolValue == true)
        #expect(kinds(try server.pullAll("cy").changes, "post").isEmpty)
    }

    @Test func messages_GoBetweenAStudentAndTheirTeacher_AndReachOnlyThoseTwo() throws {
        let server = try world()
        let sent = server.request(
            .post, "\(Self.course)/messages", as: "ana", json: ["to": "owner", "body": "May I have more time?"])
        #expect(sent.status == 201)
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "ana", "body": "Yes."]).status
                == 201)
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "ana", json: ["to": "ben", "body": "psst"]).status
                == 403, "student to student")
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "cote", "body": "hi"]).status
                == 403, "teacher to teacher")
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "cy", "body": "hi"]).status
                == 403, "not in the course")
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "nobody", "body": "hi"]).status
                == 403, "no such user: the same answer as not allowed")
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "owner", json: ["to": "ana", "body": "  "]).status
                == 400)
        #expect(server.request(.get, "/api/v1/messages", as: "ana").json["messages"]?.arrayValue?.count == 2)
        #expect(
            server.request(.get, "/api/v1/messages?with=owner", as: "owner").json["messages"]?.arrayValue?.count == 0)
        #expect(server.request(.get, "/api/v1/messages", as: "ben").json["messages"]?.arrayValue?.isEmpty == true)
        #expect(server.request(.get, "/api/v1/messages", as: "cote").json["messages"]?.arrayValue?.isEmpty == true)
        // In the pull: the two participants, not a classmate, not a co-teacher of the course.
        #expect(kinds(try server.pullAll("ana").changes, "message").count == 2)
        #expect(kinds(try server.pullAll("owner").changes, "message").count == 2)
        #expect(kinds(try server.pullAll("ben").changes, "message").isEmpty)
        #expect(kinds(try server.pullAll("cote").changes, "message").isEmpty)
        #expect(kinds(try server.pullAll("other").changes, "message").isEmpty)
    }

    // MARK: - Pushed entries

    static func entry(seq: Int64, kind: String, id: String, payload: JSONValue) -> JSONValue {
        [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(seq - 1))), "kind": .init(.string(kind)),
            "entity": .init(.string(id)), "at": 1, "payload": payload
        ]
    }

    static func post(
        _ id: String, body: String, title: String? = "T", thread: String? = nil, wall: Int64 = 1_700_000_000_000,
        node: String = "dev", deleted: Bool = false, course: String = "intro-programming"
    ) -> JSONValue {
        Post(
            id: id, courseID: course, threadID: thread, authorID: "forged", authorName: "forged",
            title: thread == nil ? title : nil,
            body: body, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            revision: HLCTimestamp(wallMilliseconds: wall, node: node),
            deleted: deleted
        ).payload
    }

    @Test func pushedPosts_AreMergedByRevision_AndRefusedWithAReason() throws {
        let server = try world()
        let first = server.push(
            "ana", device: "device-ana",
            entries: [
                Self.entry(seq: 1, kind: "post", id: "p1", payload: Self.post("p1", body: "v1")),
                Self.entry(
                    seq: 2, kind: "post", id: "p1", payload: Self.post("p1", body: "v3", wall: 1_700_000_000_300)),
                Self.entry(
                    seq: 3, kind: "post", id: "p1",
                    payload: Self.post("p1", body: "v2 arrives late", wall: 1_700_000_000_200))
            ])
        #expect(
            first.json["rejected"]?.arrayValue?.isEmpty == true,
            "\(first.status) \(String(decoding: first.bodyData, as: UTF8.self))")
        let stored = try #require(try server.app.store.read { db in try CommunicationStore.post("p1", in: db) })
        #expect(stored.body == "v3", "the later revision wins, whatever the order of arrival")
        #expect(stored.authorName == "ana", "the server names the author, not the device")
        // The author's later edit cannot move the post or rename its author.
        var moved = try #require(Post(id: "p1", payload: Self.post("p1", body: "moved", wall: 1_700_000_000_350)))
        moved.authorName = "someone"
        moved.lessonID = "foundations/welcome"
        let movedPush = server.push(
            "ana", device: "device-ana", entries: [Self.entry(seq: 4, kind: "post", id: "p1", payload: moved.payload)])
        #expect(movedPush.json["rejected"]?.arrayValue?.isEmpty == true)
        let afterMove = try #require(try server.app.store.read { db in try CommunicationStore.post("p1", in: db) })
        #expect(afterMove.body == "moved" && afterMove.authorName == "ana" && afterMove.lessonID == nil)
        // Ben cannot edit or delete ana's post; a teacher of another course is not a member at all.
        let ben = server.push(
            "ben", device: "device-ben",
            entries: [
                Self.entry(
                    seq: 1, kind: "post", id: "p1", payload: Self.post("p1", body: "mine now", wall: 1_750_000_000_000)),
                Self.entry(
                    seq: 2, kind: "post", id: "p1",
                    payload: Self.post("p1", body: "", wall: 1_750_000_000_001, deleted: true)),
                Self.entry(seq: 3, kind: "post", id: "r1", payload: Self.post("r1", body: "a reply", thread: "p1")),
                Self.entry(
                    seq: 4, kind: "post", id: "bad", payload: ["course": "intro-programming", "body": "no revision"]),
                Self.entry(
                    seq: 5, kind: "announcement", id: "a1",
                    payload: Announcement(
                        id: "a1", courseID: "intro-programming", authorID: "", authorName: "",
                        title: "I am staff", body: "no", createdAt: Date()
                    ).payload),
                Self.entry(
                    seq: 6, kind: "message", id: "m1",
                    payload: DirectMessage(
                        id: "m1", courseID: "intro-programming", fromID: "", fromName: "",
                        toID: "", toName: "ana", body: "hi", sentAt: Date()
                    ).payload)
            ])
        let reasons = (ben.json["rejected"]?.arrayValue ?? []).map {
            ($0["seq"]?.numberValue ?? 0, $0["reason"]?.stringValue ?? "")
        }
        #expect(reasons.map(\.0) == [1, 2, 4, 5, 6])
        #expect(reasons.first?.1.contains("only its author may edit") == true)
        #expect(reasons.dropFirst().first?.1.contains("only its author or a teacher") == true)
        #expect(reasons.last?.1.contains("between a student and a teacher") == true)
        let other = server.push(
            "other", device: "device-other",
            entries: [
                Self.entry(
                    seq: 1, kind: "post", id: "p1",
                    payload: Self.post("p1", body: "", wall: 1_750_000_000_000, deleted: true))
            ])
        #expect(other.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("not a member") == true)
        // The teacher of the course deletes offline; the author's later offline edit cannot undo it.
        let owner = server.push(
            "owner", device: "device-owner",
            entries: [
                Self.entry(
                    seq: 1, kind: "post", id: "p1",
                    payload: Self.post("p1", body: "", wall: 1_700_000_000_400, node: "t", deleted: true)),
                Self.entry(
                    seq: 2, kind: "announcement", id: "a1",
                    payload: Announcement(
                        id: "a1", courseID: "intro-programming", authorID: "", authorName: "",
                        title: "Exam Friday", body: "Room 3", createdAt: Date()
                    ).payload),
                Self.entry(
                    seq: 3, kind: "message", id: "m2",
                    payload: DirectMessage(
                        id: "m2", courseID: "intro-programming", fromID: "", fromName: "",
                        toID: "", toName: "ben", body: "see me", sentAt: Date()
                    ).payload)
            ])
        #expect(owner.json["rejected"]?.arrayValue?.isEmpty == true)
        let late = server.push(
            "ana", device: "device-ana",
            entries: [
                Self.entry(
                    seq: 5, kind: "post", id: "p1",
                    payload: Self.post("p1", body: "edited after", wall: 1_700_000_009_000))
            ])
        #expect(
            late.json["rejected"]?.arrayValue?.isEmpty == true,
            "a stale edit of a deleted post changes nothing and is not an error")
        let after = try #require(try server.app.store.read { db in try CommunicationStore.post("p1", in: db) })
        #expect(after.deleted && after.body.isEmpty && after.deletedBy != nil)
        // The same entries again change nothing (idempotent by stream, and by id for another device).
        _ = server.push(
            "owner", device: "device-owner-2",
            entries: [
                Self.entry(
                    seq: 1, kind: "announcement", id: "a1",
                    payload: Announcement(
                        id: "a1", courseID: "intro-programming", authorID: "", authorName: "",
                        title: "Exam Friday", body: "Room 3", createdAt: Date()
                    ).payload)
            ])
        #expect(
            try server.app.store.read { db in try db.fetchScalar(Int.self, "SELECT COUNT(*) FROM announcements") } == 1)
        #expect(
            try server.app.store.read { db in
                try db.fetchScalar(Int.self, "SELECT COUNT(*) FROM changes WHERE kind = 'announcement'")
            } == 1)
        let benSees = kinds(try server.pullAll("ben").changes, "message")
        #expect(benSees.count == 1 && benSees.first?["payload"]?["fromName"]?.stringValue == "owner")
        #expect(kinds(try server.pullAll("ana").changes, "message").isEmpty)
    }

    @Test func malformedOrMisdirectedEntries_AreRejectedWithWhatIsWrong() throws {
        let server = try world()
        #expect(
            server.request(.post, "\(Self.course)/forum", as: "ana", json: ["id": "t1", "title": "T", "body": "B"])
                .status == 201)
        #expect(
            server.request(.post, "\(Self.course)/forum/t1/replies", as: "ben", json: ["id": "r1", "body": "B"]).status
                == 201)
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "ana", json: ["id": "m1", "to": "owner", "body": "B"])
                .status == 201)
        #expect(
            server.request(
                .post, "\(Self.course)/announcements", as: "owner", json: ["id": "a1", "title": "T", "body": "B"]
            ).status == 201)
        let longID = String(repeating: "x", count: 65)
        let message = { (id: String, to: String) in
            DirectMessage(
                id: id, courseID: "intro-programming", fromID: "", fromName: "", toID: "", toName: to, body: "hi",
                sentAt: Date()
            ).payload
        }
        let cases: [(String, String, JSONValue, String)] = [
            ("post", "r2", Self.post("r2", body: "b", thread: "r1"), "is a reply: reply to its thread t1"),
            ("post", "r3", Self.post("r3", body: "b", thread: "nothread"), "there is no thread nothread"),
            ("post", "p9", Self.post("p9", body: "b", course: "no-course"), "there is no course no-course"),
            ("post", longID, Self.post(longID, body: "b"), "an id of 1 to 64 bytes"),
            (
                "post", "p8",
                Self.post("p8", body: String(repeating: "b", count: CommunicationLimits.maxBodyBytes + 1)),
                "longer than 64 KB"
            ),
            (
                "post", "p7", Self.post("p7", body: "b", title: String(repeating: "t", count: 201)),
                "longer than 200 bytes"
            ),
            ("post", "t1", Self.post("t1", body: "b", course: "small-course"), "not a member"),
            ("message", "m1", message("m1", "owner"), "belongs to someone else"),
            ("message", "m2", message("m2", "ben"), "a message needs someone else"),
            ("message", "m3", ["course": "intro-programming", "body": "hi", "sentAt": 1], "a message needs"),
            ("announcement", "a2", ["course": "intro-programming", "title": "T"], "an announcement needs")
        ]
        var seq: Int64 = 0
        for (kind, id, payload, reason) in cases {
            seq += 1
            let answer = server.push(
                "ben", device: "device-ben", entries: [Self.entry(seq: seq, kind: kind, id: id, payload: payload)])
            let got = answer.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue ?? "accepted"
            #expect(got.contains(reason), "\(kind) \(id.prefix(10)): \(got)")
        }
        let owner = server.push(
            "other", device: "device-other",
            entries: [
                Self.entry(
                    seq: 1, kind: "announcement", id: "a1",
                    payload: Announcement(
                        id: "a1", courseID: "small-course", authorID: "", authorName: "",
                        title: "T", body: "B", createdAt: Date()
                    ).payload)
            ])
        #expect(
            owner.json["rejected"]?.arrayValue?.first?["reason"]?.stringValue?.contains("belongs to someone else")
                == true)
        #expect(server.request(.get, "/api/v1/messages?with=nobody", as: "ana").status == 200)
        #expect(server.request(.patch, "\(Self.course)/forum/nosuch", as: "ana", json: ["body": "x"]).status == 404)
        #expect(server.request(.get, "\(Self.course)/forum/nosuch", as: "ana").status == 404)
    }

    @Test func erasingAUser_DeletesTheirMessages_AndLeavesTombstonesOfTheirPosts() throws {
        let server = try world()
        #expect(
            server.request(
                .post, "\(Self.course)/forum", as: "ana", json: ["id": "t1", "title": "Mine", "body": "Personal"]
            ).status == 201)
        #expect(
            server.request(.post, "\(Self.course)/forum/t1/replies", as: "ben", json: ["id": "r1", "body": "Kept"])
                .status == 201)
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "ana", json: ["to": "owner", "body": "private"]).status
                == 201)
        #expect(
            server.request(.post, "\(Self.course)/messages", as: "ben", json: ["to": "owner", "body": "ben's"]).status
                == 201)
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        let erased = try server.app.store.write { db in try CommunicationStore.eraseCommunication(of: ana.id, in: db) }
        #expect(erased == 1)
        #expect(
            server.request(.get, "/api/v1/messages", as: "owner").json["messages"]?.arrayValue?.map {
                $0["body"]?.stringValue ?? ""
            } == ["ben's"])
        let thread = server.request(.get, "\(Self.course)/forum/t1", as: "ben").json
        #expect(
            thread["thread"]?["deleted"]?.boolValue == true && thread["thread"]?["body"]?.stringValue == ""
                && thread["thread"]?["author"]?.stringValue == "")
        #expect(thread["replies"]?.arrayValue?.first?["body"]?.stringValue == "Kept")
        let last = kinds(try server.pullAll("ben").changes, "post").last
        #expect(last?["entity"]?.stringValue == "t1" && last?["payload"]?["deleted"]?.boolValue == true)
        #expect(
            server.request(
                .post, "\(Self.course)/announcements", as: "owner", json: ["id": "a1", "title": "T", "body": "B"]
            ).status == 201)
        let owner = try #require(try server.app.store.accounts.user(named: "owner"))
        try server.app.store.write { db in try CommunicationStore.eraseCommunication(of: owner.id, in: db) }
        #expect(
            server.request(.get, "\(Self.course)/announcements", as: "ben").json["announcements"]?.arrayValue?.first?[
                "author"]?.stringValue == "")
        // Nothing of theirs is left in the communication tables or in the changes devices pull (the account is the admin's erasure).
        let texts =
            try server.app.store.read { db in
                try db.fetchAll("SELECT payload FROM changes").compactMap {
                    $0.data(0).flatMap { try? WireCodec.decode([UInt8]($0)) }
                }
                .map { JSONWriter.write($0) }.joined()
            }
            + (try server.snapshot()).split(separator: "\n").filter {
                ["posts:", "messages:", "announcements:"].contains(where: $0.hasPrefix)
            }.joined()
        for personal in ["Personal", "private", "\"ana\"", "\"owner\""] {
            #expect(!texts.contains(personal), "\(personal) is left")
        }
    }
}

extension CommunicationRoutesTests {
    /// Issue 13, item 13: messages must not tell a student which usernames exist.
    @Test func messages_AnswerNoSuchUser_AsNoConversationOrNotAllowed() throws {
        let server = try world()
        let listed = { (name: String) in server.request(.get, "/api/v1/messages?with=\(name)", as: "cy") }
        for name in ["nobody", "ben", "owner"] {
            #expect(listed(name).status == 200)
            #expect(listed(name).bodyData == listed("nobody").bodyData, "\(name)")
        }
        let sent = { (name: String) in
            server.request(
                .post, "\(Self.course)/messages", as: "ana", json: ["to": .init(.string(name)), "body": "hello"])
        }
        let missing = sent("nobody")
        let student = sent("ben")
        #expect(missing.status == 403 && student.status == 403)
        #expect(missing.json["error"]?["code"] == student.json["error"]?["code"])
        #expect(
            missing.json["error"]?["message"]?.stringValue?.replacingOccurrences(of: "nobody", with: "ben")
                == student.json["error"]?["message"]?.stringValue)
    }
}
