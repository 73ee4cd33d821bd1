import Foundation
import LMSDatabase
import LMSModel

/// A course a profile should hold, with what the server announced and what is installed: the
/// facts `CourseUpdater.target(for:)` decides an update on.
struct CourseRelease: Sendable, Equatable {
    var courseID: String
    /// The newest version announced for the course (`course_releases`), and its student build's id.
    var announcedVersion: String?
    var announcedPackageID: String?
    /// The latest version named by the profile's enrollment.
    var enrolledVersion: String?
    /// The installed version and its folder (relative to the home), when installed.
    var installedVersion: String?
    var installedFolder: String?
}

extension CourseCatalog {
    /// The courses `profileID` should hold, by id: its active enrollments, and installed courses
    /// with an announced release unless the profile's enrollment in them ended.
    static func releases(profileID: String, in db: Database) throws -> [CourseRelease] {
        try db.fetchAll(
            """
            SELECT k.course_id, r.version, r.package_id, e.latest_version, c.version, c.folder FROM
              (SELECT course_id FROM enrollments WHERE profile_id = ?1 AND status = 'active'
               UNION SELECT course_id FROM course_releases WHERE course_id IN (SELECT id FROM courses)
                 AND course_id NOT IN (SELECT course_id FROM enrollments WHERE profile_id = ?1 AND status <> 'active')) k
            LEFT JOIN course_releases r ON r.course_id = k.course_id
            LEFT JOIN enrollments e ON e.profile_id = ?1 AND e.course_id = k.course_id
            LEFT JOIN courses c ON c.id = k.course_id ORDER BY k.course_id
            """, arguments: [profileID]
        ).compactMap { row in
            row.string(0).map {
                CourseRelease(
                    courseID: $0, announcedVersion: row.string(1), announcedPackageID: row.string(2),
                    enrolledVersion: row.string(3), installedVersion: row.string(4), installedFolder: row.string(5))
            }
        }
    }
}
