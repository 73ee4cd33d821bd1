import Foundation
import LMSModel

/// Forums, announcements and messages: loading them, and writing through `CommunicationStore`
/// (the code of the `forum` and `message` commands), so what is written waits in the outbox.
extension StudyApp {
    func communication() throws -> CommunicationStore {
        guard let profile else { throw ClientError(.noProfile) }
        return CommunicationStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
    }

    func makeForum(courseID: String, lessonID: String?) throws -> ForumScreen {
        let store = try communication()
        let course = try catalog.course(matching: courseID)
        let heading: String
        if let lessonID {
            let lesson = try catalog.items(of: courseID).first { $0.id == lessonID }
            heading = AppText.commsLessonForumTitle.t(TerminalText.sanitize(lesson?.title ?? lessonID))
        } else {
            heading = AppText.commsForumTitle.t(TerminalText.sanitize(course.title))
        }
        let announcements =
            lessonID == nil
            ? try store.announcements(courseID: courseID).map {
                ConversationScreen.Entry(author: $0.author, date: $0.createdAt, title: $0.title, body: $0.body)
            } : []
        let threads = try store.threads(courseID: courseID, lessonID: lessonID).filter { !$0.post.deleted }.map {
            ForumScreen.Thread(
                id: $0.post.id, title: $0.post.title ?? "", author: $0.post.authorName, date: $0.post.createdAt,
                replies: $0.replies, pending: $0.synced == .pending)
        }
        return ForumScreen(
            courseID: courseID, lessonID: lessonID, heading: heading, announcements: announcements, threads: threads)
    }

    func makeThread(_ id: String) throws -> ConversationScreen {
        let posts = try communication().thread(of: id).filter { !$0.post.deleted }
        let first = posts.first?.post
        return ConversationScreen(
            heading: AppText.commsThreadTitle.t(TerminalText.sanitize(first?.title ?? "")),
            entries: posts.map {
                ConversationScreen.Entry(
                    author: $0.post.authorName, date: $0.post.createdAt, title: nil, body: $0.post.body,
                    pending: $0.synced == .pending, refused: $0.synced == .refused)
            },
            draft: .reply(threadID: first?.id ?? id), route: .thread(id))
    }

    func makeMessages(courseID: String) throws -> ConversationScreen {
        let course = try catalog.course(matching: courseID)
        let messages = try communication().messages(with: nil).filter { $0.courseID == course.id }
        // A reply goes to whom the student last wrote to or heard from in this course.
        let last = messages.last.map { $0.outgoing ? $0.to : $0.from } ?? ""
        return ConversationScreen(
            heading: AppText.commsMessagesTitle.t(TerminalText.sanitize(course.title)),
            entries: messages.map {
                ConversationScreen.Entry(
                    author: $0.outgoing ? "→ " + $0.to : $0.from, date: $0.sentAt, title: nil, body: $0.body,
                    pending: $0.synced == .pending, refused: $0.synced == .refused)
            },
            draft: .message(courseID: course.id, to: last), route: .messages(courseID: course.id))
    }

    /// Writes a thread, a reply or a message in the editor and saves it (to be sent by the next sync).
    func write(_ draft: AppDraft) throws {
        guard let text = try runEditor("") else { return }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else {
            state.message = AppText.commsNothingWritten.text
            return
        }
        let store = try communication()
        let now = context.now()
        switch draft {
        case .thread(let courseID, let lessonID, let title):
            let post = try store.startThread(courseID: courseID, lessonID: lessonID, title: title, body: body, now: now)
            try reloadTop()
            state.push(try makeThread(post.id))
        case .reply(let threadID):
            _ = try store.reply(to: threadID, body: body, now: now)
            try reloadTop()
        case .message(let courseID, let to):
            _ = try store.send(to: to, courseID: courseID, body: body, now: now)
            try reloadTop()
        }
        state.resize(size)
        state.message = AppText.commsSaved.text
    }

    /// Loads the forum or conversation on top again, keeping where it was scrolled.
    func reloadTop() throws {
        if let forum = state.top as? ForumScreen {
            state.replaceTop(try makeForum(courseID: forum.courseID, lessonID: forum.lessonID))
        } else if let old = state.top as? ConversationScreen {
            var screen: ConversationScreen
            switch old.route {
            case .messages(let courseID): screen = try makeMessages(courseID: courseID)
            case .thread(let id): screen = try makeThread(id)
            default: return
            }
            // Show the end, where the new text is.
            screen.top = Int.max / 2
            state.replaceTop(screen)
        }
        state.resize(size)
    }
}
