import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// Certificates as sync stored them, read against an in-memory store.
struct CertificateStoreTests {
    @Test func certificate_IsTheProfilesOwnForThatCourse() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO certificates(profile_id, course_id, code, name, title, issued_at, server) VALUES ('p1', 'c', 'ABCDE', 'Sam', 'C', 86400000, 'http://s')"
            )
        }
        let store = CertificateStore(queue: queue)
        let stored = try #require(try store.certificate(profileID: "p1", courseID: "c"))
        #expect(stored.code == "ABCDE" && stored.server == "http://s")
        #expect(stored.issuedAt == Date(timeIntervalSince1970: 86400))
        #expect(try store.certificate(profileID: "p2", courseID: "c") == nil)
        #expect(try store.certificate(profileID: "p1", courseID: "other") == nil)
    }
}
