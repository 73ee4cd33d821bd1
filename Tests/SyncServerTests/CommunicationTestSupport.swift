import Foundation
import LMSModel
@testable import SyncServer

/// Posts made directly in a test server's store.
enum CommunicationTestSupport {
    /// Makes a thread in intro-programming by `username` and returns its id.
    static func makePost(_ server: TestServer, by username: String) throws -> String {
        guard let user = try server.app.store.accounts.user(named: username) else { return "missing" }
        let post = Post(
            id: UUID().uuidString.lowercased(), courseID: "intro-programming", authorID: user.id, authorName: username,
            title: "T", body: "B", createdAt: Date(), revision: CommunicationRoutes.freshRevision())
        return try server.app.store.write { db in try CommunicationStore.savePost(post, by: user, lessons: nil, in: db)
        }.id
    }
}
