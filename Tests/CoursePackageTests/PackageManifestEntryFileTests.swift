import Foundation
import LMSModel
import Testing
@testable import CoursePackage

@Suite struct PackageManifestEntryFileTests {
    static func entry(for bytes: String) -> PackageManifest.Entry {
        PackageManifest.Entry(path: "a.txt", size: UInt64(bytes.utf8.count), sha256: SHA256.hash(Data(bytes.utf8)).hex)
    }

    static func produce(_ text: String) -> ((UnsafeRawBufferPointer) throws -> Void) throws -> Void {
        { sink in try Data(text.utf8).withUnsafeBytes { try sink($0) } }
    }

    @Test func write_StoresTheCheckedBytes_ReplacingALongerFile() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        try Data(String(repeating: "x", count: 100).utf8).write(to: URL(fileURLWithPath: dir.file("a.txt")))
        try Self.entry(for: "hello").write(to: dir.file("a.txt"), synchronize: true, from: Self.produce("hello"))
        #expect(FileManager.default.contents(atPath: dir.file("a.txt")) == Data("hello".utf8))
    }

    @Test func write_OfOtherBytes_FailsAndLeavesNoFile() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        #expect(throws: PackageError.hashMismatch("a.txt")) {
            try Self.entry(for: "hello").write(to: dir.file("a.txt"), from: Self.produce("HELLO"))
        }
        #expect(throws: PackageError.sizeMismatch("a.txt")) {
            try Self.entry(for: "hello").write(to: dir.file("a.txt"), from: Self.produce("hello!"))
        }
        #expect(dir.listing().isEmpty)
    }
}
