import Foundation
import LMSDatabase
import LMSModel

/// Announcements, forums and direct messages over the API (docs/API.md "Communication"), for
/// clients other than the terminal one. Every write goes through the same rules as a pushed entry
/// (`ServerStore+Posts`) and makes the same server changes, so devices pull it on their next sync.
struct CommunicationRoutes: Sendable {
    let accounts: AccountStore
    let communication: CommunicationStore
    let courses: CourseStore
    let courseCache: CourseCache

    // MARK: - Announcements

    /// `GET /api/v1/courses/{id}/announcements[?limit=N&before=CURSOR]`: a page, newest first.
    func listAnnouncements(_ context: RequestContext) throws -> HTTPResponse {
        let page = try communication.announcements(
            courseID: context.parameter("id"), page: CommunicationPage(query: context.request.query))
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("announcements", JSONOut.arr(page.announcements.map(Self.json))), ("next", JSONOut.opt(page.next))
            ]))
    }

    /// `POST /api/v1/courses/{id}/announcements` `{"title", "body", "id"?}`.
    func postAnnouncement(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["id", "title", "body"])
        let user = try context.user
        let announcement = Announcement(
            id: try body.string("id") ?? Self.newID(), courseID: context.parameter("id"), authorID: user.id,
            authorName: user.username, title: try body.string("title", required: true) ?? "",
            body: try body.string("body") ?? "", createdAt: Date())
        let stored = try communicate { try communication.saveAnnouncement(announcement, by: user) }
        return JSONOut.response(201, Self.json(stored))
    }

    // MARK: - Forums

    /// `GET /api/v1/courses/{id}/forum[?lesson=L&limit=N&before=CURSOR]`: a page of the threads of the
    /// course's forum, or of a lesson's, with an `excerpt` of each thread's text instead of its `body`.
    func forumThreads(_ context: RequestContext) throws -> HTTPResponse {
        let page = try communication.threads(
            courseID: context.parameter("id"), lesson: context.request.query["lesson"],
            page: CommunicationPage(query: context.request.query))
        return JSONOut.response(
            200,
            JSONOut.obj([
                (
                    "threads",
                    JSONOut.arr(
                        page.threads.map { thread in
                            var json = Self.json(thread.post)
                            if case .object(var members) = json.kind {
                                let body = thread.post.body
                                let excerpt =
                                    body.count > ServerLimits.threadExcerptCharacters
                                    ? String(body.prefix(ServerLimits.threadExcerptCharacters)) + "…" : body
                                members.removeAll { $0.key == "body" }
                                members.append((key: "excerpt", value: JSONOut.s(excerpt)))
                                members.append((key: "replies", value: JSONOut.n(Double(thread.replies))))
                                json = JSONValue(.object(members))
                            }
                            return json
                        })
                ), ("next", JSONOut.opt(page.next))
            ]))
    }

    /// `POST /api/v1/courses/{id}/forum` `{"title", "body", "lesson"?, "id"?}`: starts a thread.
    func startThread(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["id", "title", "body", "lesson"])
        let user = try context.user
        let post = Post(
            id: try body.string("id") ?? Self.newID(), courseID: context.parameter("id"),
            lessonID: try body.string("lesson"),
            authorID: user.id, authorName: user.username, title: try body.string("title", required: true),
            body: try body.string("body", required: true) ?? "", createdAt: Date(),
            revision: Self.freshRevision())
        return JSONOut.response(201, Self.json(try savePost(post, user: user)))
    }

    /// `GET /api/v1/courses/{id}/forum/{post}`: the thread the post is in, with its replies.
    func forumThread(_ context: RequestContext) throws -> HTTPResponse {
        guard let posts = try communication.thread(context.parameter("post"), courseID: context.parameter("id")),
            let first = posts.first
        else {
            throw APIError.notFound("there is no post \(context.parameter("post")) in \(context.parameter("id"))")
        }
        return JSONOut.response(
            200, JSONOut.obj([("thread", Self.json(first)), ("replies", JSONOut.arr(posts.dropFirst().map(Self.json)))])
        )
    }

    /// `POST /api/v1/courses/{id}/forum/{post}/replies` `{"body", "id"?}`: replies in the post's thread.
    func replyToPost(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["id", "body"])
        let user = try context.user
        let target = try existingPost(context)
        let post = Post(
            id: try body.string("id") ?? Self.newID(), courseID: target.courseID, threadID: target.thread,
            authorID: user.id,
            authorName: user.username, body: try body.string("body", required: true) ?? "", createdAt: Date(),
            revision: Self.freshRevision())
        return JSONOut.response(201, Self.json(try savePost(post, user: user)))
    }

    /// `PATCH /api/v1/courses/{id}/forum/{post}` `{"body", "title"?}`: the author edits.
    func editPost(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["title", "body"])
        let user = try context.user
        let stored = try existingPost(context)
        var clock = HybridLogicalClock(node: "server", last: stored.revision)
        let edit = stored.edited(
            title: try body.string("title"), body: try body.string("body", required: true) ?? "", at: clock.now(Date()))
        return JSONOut.response(200, Self.json(try savePost(edit, user: user)))
    }

    /// `DELETE /api/v1/courses/{id}/forum/{post}`: the author or a teacher of the course deletes (a tombstone).
    func deletePost(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let stored = try existingPost(context)
        var clock = HybridLogicalClock(node: "server", last: stored.revision)
        return JSONOut.response(
            200, Self.json(try savePost(stored.deleted(by: user.id, at: clock.now(Date())), user: user)))
    }

    private func existingPost(_ context: RequestContext) throws -> Post {
        let id = context.parameter("post")
        guard let post = try communication.post(id),
            post.courseID == context.parameter("id")
        else {
            throw APIError.notFound("there is no post \(id) in \(context.parameter("id"))")
        }
        return post
    }

    private func savePost(_ post: Post, user: User) throws -> Post {
        let latest = try courses.course(post.courseID)?.latestVersion
        let lessons = try latest.flatMap { try courseCache.course(post.courseID, version: $0) }.map {
            Set($0.lessons.map(\.id))
        }
        return try communicate { try communication.savePost(post, by: user, lessons: lessons) }
    }

    // MARK: - Messages

    /// `GET /api/v1/messages[?with=USERNAME&limit=N&before=CURSOR]`: a page of my direct messages,
    /// sent and received: the latest ones, oldest first; `next` pages further back.
    func listMessages(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        var other: String?
        if let name = context.request.query["with"] {
            // No such user answers as a user with no conversation: an empty page, never a 404,
            // so that no one can list usernames (issue 13, item 13).
            other = try accounts.user(named: name)?.id ?? ""
        }
        let page = try communication.messages(
            userID: user.id, with: other, page: CommunicationPage(query: context.request.query))
        return JSONOut.response(
            200,
            JSONOut.obj([("messages", JSONOut.arr(page.messages.map(Self.json))), ("next", JSONOut.opt(page.next))]))
    }

    /// `POST /api/v1/courses/{id}/messages` `{"to", "body", "id"?}`: a message between a student and a teacher of the course.
    func sendMessage(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["id", "to", "body"])
        let user = try context.user
        let message = DirectMessage(
            id: try body.string("id") ?? Self.newID(), courseID: context.parameter("id"), fromID: user.id,
            fromName: user.username, toID: "", toName: try body.string("to", required: true) ?? "",
            body: try body.string("body", required: true) ?? "", sentAt: Date())
        let stored = try communicate { try communication.saveMessage(message, by: user) }
        return JSONOut.response(201, Self.json(stored))
    }

    // MARK: - Support

    /// Runs a write of the communication rules, turning a refusal into its API error.
    private func communicate<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let refusal as CommunicationStore.CommunicationRefusal {
            throw refusal.apiError
        }
    }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// The revision of a post made through the API.
    static func freshRevision() -> HLCTimestamp {
        var clock = HybridLogicalClock(node: "server")
        return clock.now(Date())
    }

    static func json(_ post: Post) -> JSONValue {
        JSONOut.obj([
            ("id", JSONOut.s(post.id)), ("course", JSONOut.s(post.courseID)), ("lesson", JSONOut.opt(post.lessonID)),
            ("thread", JSONOut.opt(post.threadID)), ("author", JSONOut.s(post.authorName)),
            ("title", JSONOut.opt(post.title)),
            ("body", JSONOut.s(post.body)),
            ("createdAt", JSONOut.time(Int64(ChangeEntry.milliseconds(post.createdAt)))),
            ("revision", JSONOut.s(post.revision.description)), ("edited", JSONOut.b(post.edited)),
            ("deleted", JSONOut.b(post.deleted))
        ])
    }

    static func json(_ a: Announcement) -> JSONValue {
        JSONOut.obj([
            ("id", JSONOut.s(a.id)), ("course", JSONOut.s(a.courseID)), ("author", JSONOut.s(a.authorName)),
            ("title", JSONOut.s(a.title)), ("body", JSONOut.s(a.body)),
            ("createdAt", JSONOut.time(Int64(ChangeEntry.milliseconds(a.createdAt))))
        ])
    }

    static func json(_ m: DirectMessage) -> JSONValue {
        JSONOut.obj([
            ("id", JSONOut.s(m.id)), ("course", JSONOut.s(m.courseID)), ("from", JSONOut.s(m.fromName)),
            ("to", JSONOut.s(m.toName)), ("body", JSONOut.s(m.body)),
            ("sentAt", JSONOut.time(Int64(ChangeEntry.milliseconds(m.sentAt))))
        ])
    }
}

extension ServerApp {
    /// The revision of a post made through the API (`CommunicationRoutes.freshRevision`), for
    /// callers outside the routes (the push fuzzer and tests build posts with it).
    static func freshRevision() -> HLCTimestamp { CommunicationRoutes.freshRevision() }
}
