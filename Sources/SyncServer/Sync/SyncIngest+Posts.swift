import Foundation
import LMSDatabase
import LMSModel

/// Pushed `post`, `message` and `announcement` entries (docs/PROTOCOL.md §6.1): checked and stored
/// by the rules of `CommunicationStore`, which also serve the API; a refusal becomes a rejection.
/// These kinds do not need an enrollment (a course's teachers write them too): the rules say who may.
extension SyncIngest {
    func applyCommunication(_ entry: PushedEntry, courses: [String: Course], memo: BatchMemo, in db: Database) throws {
        do {
            switch entry {
            case .post(let post):
                let latest = try memo.latestVersion(post.courseID, in: db)
                let lessons = latest.flatMap { courses[post.courseID + "@" + $0] }.map { memo.lessonIDs($0) }
                try CommunicationStore.savePost(post, by: user, lessons: lessons, in: db)
            case .message(let message): try CommunicationStore.saveMessage(message, by: user, in: db)
            case .announcement(let announcement):
                try CommunicationStore.saveAnnouncement(announcement, by: user, in: db)
            case .progress, .attempt, .submission, .grade: break
            }
        } catch let refusal as CommunicationStore.CommunicationRefusal {
            throw Rejection(reason: refusal.reason)
        }
    }
}
