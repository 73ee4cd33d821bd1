import Foundation
import Testing
@testable import CoursePackage

struct PartialFilesTests {
    @Test func partialsOfAGoneProcess_AreRemoved_ALiveWritersAndOtherFilesStay() throws {
        let folder = NSTemporaryDirectory() + "partials-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder + "/.v1.partial-4194303-77/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in [".pkg.zip.partial-4194303", ".mine.partial-\(getpid())-5", "v1", ".hidden", "x.partial-4194303"] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
        }
        let removed = PartialFiles.removeStale(in: folder)
        #expect(removed.sorted() == [".pkg.zip.partial-4194303", ".v1.partial-4194303-77"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == [".hidden", ".mine.partial-\(getpid())-5", "v1", "x.partial-4194303"])
    }

    @Test func writer_ReadsThePIDOfAPartialsName() {
        #expect(PartialFiles.writer(of: ".a.partial-12-99") == 12)
        #expect(PartialFiles.writer(of: ".a.partial-") == nil)
        #expect(PartialFiles.writer(of: "a.partial-12") == nil)
    }
}
