import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// Which courses a profile should hold, with what was announced and what is installed
/// (`CourseCatalog.releases`), against an in-memory store.
struct CourseCatalogReleasesTests {
    /// Installed: `kept` (1.0.0, with a release 1.1.0) and `left` (1.0.0, release 2.0.0, p1's
    /// enrollment removed). Enrolled, not installed: `fresh` (latest 1.0.0, no release) for p1.
    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            for (position, id) in ["kept", "left"].enumerated() {
                try db.execute(
                    """
                    INSERT INTO courses(id, version, package_id, title, folder, position, installed_at)
                    VALUES (?, '1.0.0', 'p', ?, ?, ?, 0)
                    """, arguments: [id, id, "courses/\(id)/p", position])
            }
            for (id, version, package) in [("kept", "1.1.0", "pk"), ("left", "2.0.0", nil)]
                as [(String, String, String?)]
            {
                try db.execute(
                    "INSERT INTO course_releases(course_id, version, package_id) VALUES (?, ?, ?)",
                    arguments: [id, version, package])
            }
            for (course, status, latest) in [("left", "removed", "2.0.0"), ("fresh", "active", "1.0.0")] {
                try db.execute(
                    """
                    INSERT INTO enrollments(profile_id, course_id, status, latest_version, updated_at)
                    VALUES ('p1', ?, ?, ?, 0)
                    """, arguments: [course, status, latest])
            }
        }
        return queue
    }

    @Test func releases_AreActiveEnrollmentsAndInstalledReleases_NotEndedOnes() throws {
        let queue = try Self.store()
        let p1 = try queue.read { try CourseCatalog.releases(profileID: "p1", in: $0) }
        #expect(
            p1 == [
                CourseRelease(
                    courseID: "fresh", announcedVersion: nil, announcedPackageID: nil, enrolledVersion: "1.0.0",
                    installedVersion: nil, installedFolder: nil),
                CourseRelease(
                    courseID: "kept", announcedVersion: "1.1.0", announcedPackageID: "pk", enrolledVersion: nil,
                    installedVersion: "1.0.0", installedFolder: "courses/kept/p")
            ])
        let p2 = try queue.read { try CourseCatalog.releases(profileID: "p2", in: $0) }
        #expect(p2.map(\.courseID) == ["kept", "left"], "another profile's ended enrollment is not p2's")
    }
}
