import Foundation
import LMSModel
import Testing
@testable import CoursePackage

struct PackageDeltaTests {
    @Test func delta_FetchesOnlyChangedBytes_CopiesMoved_RemovesGone_AndApplies() throws {
        let s = ScratchFolder()
        let v1 = try copySample("rich-course", into: s, as: "v1")
        let v2 = try copySample("rich-course", into: s, as: "v2")
        let fm = FileManager.default
        try String(contentsOfFile: v2 + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "1.2.0", with: "1.3.0"
        )
        .write(toFile: v2 + "/course.json", atomically: true, encoding: .utf8)
        try (String(contentsOfFile: v2 + "/02-practice/01-practice-loops.md", encoding: .utf8) + "\nMore.\n")
            .write(toFile: v2 + "/02-practice/01-practice-loops.md", atomically: true, encoding: .utf8)
        try fm.moveItem(atPath: v2 + "/media/chime.wav", toPath: v2 + "/media/start-chime.wav")
        try String(contentsOfFile: v2 + "/01-foundations/02-listen.md", encoding: .utf8).replacingOccurrences(
            of: "chime.wav", with: "start-chime.wav"
        )
        .write(toFile: v2 + "/01-foundations/02-listen.md", atomically: true, encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(folder: v1, to: s.sub("v1.zip"), diagnostics: &diagnostics)
        _ = try PackageBuilder.pack(folder: v2, to: s.sub("v2.zip"), diagnostics: &diagnostics)
        let old = try PackageArchive(path: s.sub("v1.zip"))
        let new = try PackageArchive(path: s.sub("v2.zip"))
        let delta = try PackageDelta.make(from: old.manifest, to: new.manifest)
        #expect(
            Set(delta.fetch.map(\.path)) == [
                "course.json", "02-practice/01-practice-loops.md", "01-foundations/02-listen.md"
            ])
        #expect(delta.copy == [PackageDelta.Copy(from: "media/chime.wav", to: "media/start-chime.wav")])
        #expect(delta.remove == ["media/chime.wav"])
        #expect(delta.fetchBytes * 10 < delta.totalBytes)

        try old.extract(to: s.sub("installed-v1"))
        try delta.writeArchive(newPackage: new, to: s.sub("d.delta"))
        let applied = try PackageDelta.apply(
            archive: s.sub("d.delta"), onto: s.sub("installed-v1"), to: s.sub("installed-v2"))
        #expect(applied.packageID == new.packageID)
        let rebuilt = try FolderFiles(root: s.sub("installed-v2"))
        #expect(rebuilt.paths.filter { $0 != "manifest.json" } == new.paths)
        for entry in new.manifest.entries {
            #expect(
                SHA256.hash(try Data(contentsOf: URL(fileURLWithPath: rebuilt.fullPath(entry.path)))).hex
                    == entry.sha256)
        }
    }

    @Test func delta_OntoTheWrongVersion_FailsAndLeavesNothing() throws {
        let s = ScratchFolder()
        let v1 = try copySample("rich-course", into: s, as: "v1")
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(folder: v1, to: s.sub("v1.zip"), diagnostics: &diagnostics)
        let small = try PackageArchive(
            path: {
                _ = try? PackageBuilder.pack(
                    folder: repositoryRoot + "/samples/small-course", to: s.sub("small.zip"), diagnostics: &diagnostics)
                return s.sub("small.zip")
            }())
        let v1Archive = try PackageArchive(path: s.sub("v1.zip"))
        #expect(throws: PackageError.differentCourses("intro-programming", "small-course")) {
            try PackageDelta.make(from: v1Archive.manifest, to: small.manifest)
        }
        // A delta with nothing to fetch, applied to an empty folder: every entry is missing.
        let same = try PackageDelta.make(from: v1Archive.manifest, to: v1Archive.manifest)
        #expect(same.fetch.isEmpty && same.copy.isEmpty && same.remove.isEmpty)
        try same.writeArchive(newPackage: v1Archive, to: s.sub("none.delta"))
        try FileManager.default.createDirectory(atPath: s.sub("empty"), withIntermediateDirectories: true)
        #expect(throws: PackageError.self) {
            _ = try PackageDelta.apply(archive: s.sub("none.delta"), onto: s.sub("empty"), to: s.sub("out"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path).filter { $0.hasPrefix("out") }.isEmpty)
    }
}
