import Foundation
import LMSModel

extension PackageBuilder {
    /// Makes the student build of a full package: the same course without exam answer keys.
    public static func studentBuild(of package: String, to output: String) throws -> Output {
        let archive = try PackageArchive(path: package)
        guard archive.manifest.build == .full else {
            throw PackageError.invalidManifest(
                "it is already a student build; make the student build from the full package")
        }
        let work = output + ".work-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try archive.extract(to: work)
        var diagnostics: [Diagnostic] = []
        return try pack(folder: work, to: output, build: .student, diagnostics: &diagnostics)
    }
}
