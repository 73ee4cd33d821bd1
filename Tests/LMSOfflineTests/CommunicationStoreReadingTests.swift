import Foundation
import LMSDatabase
import LMSModel
import Testing

@testable import lms_offline

/// Announcements and messages read against an in-memory store, one profile's only.
struct CommunicationStoreReadingTests {
    @Test func announcementsAndMessages_AreTheProfilesOwn_InOrder() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            for (profile, id, course, at) in [("p1", "n1", "c", 1), ("p1", "n2", "d", 2), ("p2", "n3", "c", 3)] {
                try db.execute(
                    """
                    INSERT INTO announcements(profile_id, id, course_id, author_name, title, body, created_at, synced)
                    VALUES (?, ?, ?, 'ada', 'T', 'B', ?, 1)
                    """, arguments: [profile, id, course, at])
            }
            for (id, from, to, outgoing, at) in [("m1", "Sam", "ada", 1, 1), ("m2", "bob", "Sam", 0, 2)] {
                try db.execute(
                    """
                    INSERT INTO messages(profile_id, id, course_id, from_id, from_name, to_id, to_name, body, sent_at, outgoing)
                    VALUES ('p1', ?, 'c', 'x', ?, 'y', ?, 'hi', ?, ?)
                    """, arguments: [id, from, to, at, outgoing])
            }
        }
        let store = CommunicationStore(queue: queue, deviceID: "d", profile: SyncApplyTests.profile)
        #expect(try store.announcements(courseID: nil).map(\.id) == ["n2", "n1"])
        #expect(try store.announcements(courseID: "c").map(\.synced) == [.synced])
        #expect(try store.messages(with: nil).map(\.id) == ["m1", "m2"])
        #expect(try store.messages(with: "ADA").map(\.id) == ["m1"])
        #expect(try store.messages(with: "bob").first?.outgoing == false)
    }
}
