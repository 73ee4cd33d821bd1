import Foundation
import LMSDatabase
import LMSModel

/// Pushed `post`, `message` and `announcement` entries (docs/PROTOCOL.md): checked and stored by
/// the rules of `ServerStore+Posts`, which also serve the API; a refusal becomes a rejection.
/// These kinds do not need an enrollment (a course's teachers write them too): the rules say who may.
extension SyncIngest {
    /// The kinds handled here.
    static let communicationKinds: Set<String> = ["post", "message", "announcement"]

    func applyCommunication(
        _ entry: JSONValue, kind: String, courses: [String: Course], memo: BatchMemo, in db: Database
    ) throws {
        let payload = entry["payload"] ?? JSONValue(.null)
        let entity = entry["entity"]?.stringValue ?? ""
        do {
            switch kind {
            case "post":
                guard let post = Post(id: entity, payload: payload) else {
                    throw Rejection(reason: "a post needs an id, course, body, createdAt and revision")
                }
                let latest = try memo.latestVersion(post.courseID, in: db)
                let lessons = latest.flatMap { courses[post.courseID + "@" + $0] }.map { memo.lessonIDs($0) }
                try CommunicationStore.savePost(post, by: user, lessons: lessons, in: db)
            case "message":
                guard let message = DirectMessage(id: entity, payload: payload) else {
                    throw Rejection(reason: "a message needs an id, course, to (or toName), body and sentAt")
                }
                try CommunicationStore.saveMessage(message, by: user, in: db)
            default:
                guard let announcement = Announcement(id: entity, payload: payload) else {
                    throw Rejection(reason: "an announcement needs an id, course, title, body and createdAt")
                }
                try CommunicationStore.saveAnnouncement(announcement, by: user, in: db)
            }
        } catch let refusal as CommunicationStore.CommunicationRefusal {
            throw Rejection(reason: refusal.reason)
        }
    }
}
