import Foundation
import LMSDatabase

/// The certificates sync brought (table `certificates`, written by `ChangeApplier+Grades`).
struct CertificateStore {
    let queue: DatabaseQueue

    /// A certificate as stored on this device.
    struct Stored: Equatable {
        var code: String
        var name: String
        var courseTitle: String
        var issuedAt: Date?
        var server: String?
    }

    /// The profile's certificate of a course, if a sync brought one.
    func certificate(profileID: String, courseID: String) throws -> Stored? {
        try queue.read { db in
            try db.fetchOne(
                "SELECT code, name, title, issued_at, server FROM certificates WHERE profile_id = ? AND course_id = ?",
                arguments: [profileID, courseID]
            ).map {
                Stored(
                    code: $0.string(0) ?? "", name: $0.string(1) ?? "", courseTitle: $0.string(2) ?? "",
                    issuedAt: $0.date(3), server: $0.string(4))
            }
        }
    }
}
