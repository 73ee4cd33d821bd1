import Foundation
import LMSModel
import Testing

@testable import CoursePackage

@Suite struct BlobStoreTests {
    let hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" // SHA-256 of "hello"

    @Test func store_NamesTheFileByItsHash_InAFanOutFolder() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        let stored = try blobs.store(Data("hello".utf8))
        #expect(stored == StoredBlob(sha256: hello, size: 5))
        #expect(blobs.path(for: hello) == dir.path + "/2c/" + hello)
        #expect(FileManager.default.contents(atPath: dir.path + "/2c/" + hello) == Data("hello".utf8))
        #expect(blobs.contains(hello))
        #expect(blobs.size(of: hello) == 5)
    }

    @Test func storingTheSameBytesTwice_KeepsOneBlob_AndNoTempFile() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        try blobs.store(Data("hello".utf8))
        try blobs.store(Data("hello".utf8))
        #expect(try blobs.allHashes() == [hello])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/tmp").isEmpty)
    }

    @Test func adopt_MovesTheTempFileUnderItsHash() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        let temp = blobs.makeTempPath()
        #expect(temp.hasPrefix(dir.path + "/tmp/"))
        FileManager.default.createFile(atPath: temp, contents: Data("hello".utf8))
        #expect(try blobs.adopt(fileAt: temp).sha256 == hello)
        #expect(!FileManager.default.fileExists(atPath: temp))
        #expect(blobs.contains(hello))
    }

    @Test func adopt_RefusesAFileOverTheLimit_AndRemovesIt() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path, maxBlobBytes: 4)
        let temp = blobs.makeTempPath()
        FileManager.default.createFile(atPath: temp, contents: Data("hello".utf8))
        #expect { try blobs.adopt(fileAt: temp) } throws: { ($0 as? BlobStoreError)?.isTooLarge == true }
        #expect(!FileManager.default.fileExists(atPath: temp))
        #expect(try blobs.allHashes().isEmpty)
    }

    @Test func adopt_RefusesAVerifiedHashThatIsNotAHash() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        let temp = blobs.makeTempPath()
        FileManager.default.createFile(atPath: temp, contents: Data("hello".utf8))
        #expect(throws: BlobStoreError.self) { try blobs.adopt(fileAt: temp, verifiedSHA256: "../../etc/passwd") }
        #expect(try blobs.allHashes().isEmpty)
    }

    @Test func storeCopy_LeavesTheSource_AndHashesWhatItCopied() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.file("blobs"))
        var bytes = [UInt8](repeating: 0, count: 3 * BlobStore.copyChunkBytes + 17)
        var random = SplitMix64(seed: 12)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &random) }
        let source = dir.file("essay.bin")
        FileManager.default.createFile(atPath: source, contents: Data(bytes))
        let stored = try blobs.storeCopy(ofFileAt: source)
        #expect(stored == StoredBlob(sha256: SHA256.hash(bytes: bytes).hex, size: Int64(bytes.count)))
        #expect(FileManager.default.contents(atPath: source) == Data(bytes))
        #expect(FileManager.default.contents(atPath: blobs.path(for: stored.sha256) ?? "") == Data(bytes))
    }

    @Test func storeCopy_IsACopyNotALink_SoEditingTheSourceLeavesTheBlob() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.file("blobs"))
        let source = dir.file("notes.txt")
        FileManager.default.createFile(atPath: source, contents: Data("hello".utf8))
        try blobs.storeCopy(ofFileAt: source)
        try Data("HELLO".utf8).write(to: URL(fileURLWithPath: source))
        #expect(FileManager.default.contents(atPath: blobs.path(for: hello) ?? "") == Data("hello".utf8))
    }

    @Test func storeCopy_StopsAtTheLimit_AndLeavesNothing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.file("blobs"), maxBlobBytes: 4)
        let source = dir.file("big.txt")
        FileManager.default.createFile(atPath: source, contents: Data("hello".utf8))
        #expect { try blobs.storeCopy(ofFileAt: source) } throws: {
            ($0 as? BlobStoreError)?.isTooLarge == true && "\($0)".contains("store a smaller file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("blobs/tmp")).isEmpty)
        #expect(try blobs.allHashes().isEmpty)
    }

    @Test func storeCopy_OfAMissingFileAFolderOrAFIFO_SaysTheSourceIsUnreadable_WithoutWaiting() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.file("blobs"))
        #expect(mkfifo(dir.file("pipe"), 0o600) == 0)
        for source in [dir.file("missing.txt"), dir.path, dir.file("pipe")] {
            #expect { try blobs.storeCopy(ofFileAt: source) } throws: {
                ($0 as? BlobStoreError)?.isSourceUnreadable == true && "\($0)".contains(source)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("blobs/tmp")).isEmpty)
    }

    @Test func storeCopy_WithHardLink_KeepsTheSourceAndStoresTheBytes() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        let upload = blobs.makeTempPath()
        FileManager.default.createFile(atPath: upload, contents: Data("hello".utf8))
        #expect(try blobs.storeCopy(ofFileAt: upload, verifiedSHA256: hello, hardLink: true).size == 5)
        #expect(FileManager.default.fileExists(atPath: upload), "the owner removes its upload")
        #expect(FileManager.default.contents(atPath: blobs.path(for: hello) ?? "") == Data("hello".utf8))
    }

    @Test func path_RefusesNamesThatAreNotLowercaseHexHashes() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        for name in [
            "", "../x", hello.uppercased(), String(hello.dropLast()), String(hello.dropLast()) + "g",
            "../" + String(hello.dropFirst(3))
        ] {
            #expect(blobs.path(for: name) == nil, "\(name)")
            #expect(!blobs.contains(name))
            #expect(blobs.remove(name) == nil)
        }
    }

    @Test func remove_DeletesTheBlob_AndReportsTheBytesFreed() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        try blobs.store(Data("hello".utf8))
        #expect(blobs.remove(hello) == 5)
        #expect(!blobs.contains(hello))
        #expect(blobs.remove(hello) == nil)
        try blobs.store(Data("hello".utf8))
        blobs.remove([hello, "not a hash"])
        #expect(!blobs.contains(hello))
    }

    @Test func removeTemporaryFiles_EmptiesTmp_AndKeepsBlobs() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        try blobs.store(Data("hello".utf8))
        FileManager.default.createFile(atPath: blobs.makeTempPath(), contents: Data("cut upload".utf8))
        try FileManager.default.createDirectory(atPath: blobs.makeTempPath(), withIntermediateDirectories: false)
        blobs.removeTemporaryFiles()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/tmp").isEmpty)
        #expect(blobs.contains(hello))
    }

    @Test func removeTemporaryFiles_OlderThan_KeepsFilesBeingWrittenNow() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        let fresh = blobs.makeTempPath()
        let stale = blobs.makeTempPath()
        FileManager.default.createFile(atPath: fresh, contents: Data("writing".utf8))
        FileManager.default.createFile(atPath: stale, contents: Data("crashed".utf8))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -2 * 86_400)], ofItemAtPath: stale)
        blobs.removeTemporaryFiles(olderThan: 86_400)
        #expect(FileManager.default.fileExists(atPath: fresh))
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// Both programs' data folders from before the shared store: the server's had `tmp/`, the
    /// client's `HOME/blobs` had none and could hold a temp file a crash left beside a blob.
    @Test func anExistingFolder_OpensAsItIs_WithItsBlobsFound() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let old = dir.file("home/blobs")
        try FileManager.default.createDirectory(atPath: old + "/2c", withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: old + "/2c/" + hello))
        try Data("half".utf8).write(to: URL(fileURLWithPath: old + "/2c/" + hello + ".tmp-41-7"))
        let blobs = try BlobStore(root: old)
        #expect(blobs.contains(hello))
        #expect(try blobs.allHashes() == [hello])
        #expect(try blobs.store(Data("hello".utf8)).sha256 == hello)
        #expect(FileManager.default.contents(atPath: old + "/2c/" + hello) == Data("hello".utf8))
        #expect(FileManager.default.fileExists(atPath: old + "/tmp"))
    }

    @Test func allHashes_SkipsStrayFilesAndBlobsInTheWrongFolder() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let blobs = try BlobStore(root: dir.path)
        try blobs.store(Data("hello".utf8))
        try FileManager.default.createDirectory(atPath: dir.path + "/ab", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir.path + "/ab/" + hello, contents: Data("hello".utf8))
        FileManager.default.createFile(atPath: dir.path + "/ab/notes", contents: Data())
        #expect(try blobs.allHashes() == [hello])
    }
}
