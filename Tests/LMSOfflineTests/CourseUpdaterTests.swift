import Foundation
import Testing

@testable import lms_offline

/// Which update a course needs (`CourseUpdater.target(for:)`), from the announced and installed versions.
struct CourseUpdaterTests {
    static func release(
        announced: String? = nil, package: String? = nil, enrolled: String? = nil, installed: String? = nil
    ) -> CourseRelease {
        CourseRelease(
            courseID: "c", announcedVersion: announced, announcedPackageID: package, enrolledVersion: enrolled,
            installedVersion: installed, installedFolder: installed.map { "courses/c/\($0)" })
    }

    @Test func target_IsTheNewestAnnouncedVersion_WhenNewerThanTheInstalledOne() {
        let rows: [(CourseRelease, String?, String?)] = [
            (Self.release(), nil, nil),
            (Self.release(announced: "1.1.0", package: "pk", installed: "1.0.0"), "1.1.0", "pk"),
            (Self.release(announced: "1.1.0", package: "pk", installed: "1.1.0"), nil, nil),
            (Self.release(announced: "1.1.0", package: "pk", installed: "2.0.0"), nil, nil),
            (Self.release(announced: "1.1.0", package: "pk", enrolled: "1.2.0", installed: "1.0.0"), "1.2.0", nil),
            (Self.release(announced: "1.3.0", package: "pk", enrolled: "1.2.0"), "1.3.0", "pk"),
            (Self.release(enrolled: "1.0.0"), "1.0.0", nil),
            (Self.release(announced: "not a version", enrolled: "0.9.0", installed: "0.8.0"), "0.9.0", nil),
            (Self.release(announced: "1.0.0", installed: "garbage"), "1.0.0", nil)
        ]
        for (release, version, package) in rows {
            let target = CourseUpdater.target(for: release)
            #expect(target?.version == version, "\(release)")
            #expect(target?.packageID == package, "\(release)")
            if let target {
                #expect(target.installedVersion == release.installedVersion)
                #expect(target.installedFolder == release.installedFolder)
            }
        }
    }
}
