import Foundation
import LMSModel
import Testing
@testable import CoursePackage

/// Writes a small mixed archive into `path`; returns the entry infos.
@discardableResult
func writeSampleArchive(_ path: String, sourceDir: TempDir) throws -> [ZipEntryInfo] {
    var generator = SplitMix64(seed: 99)
    let random = generator.bytes(300_000)
    try write(random, to: sourceDir.file("random.bin"))
    let text = String(repeating: "Hello, course package! ", count: 5000)
    let writer = try ZipWriter(path: path)
    var infos: [ZipEntryInfo] = []
    infos.append(try writer.addData(path: "README.md", Data(text.utf8), method: .deflate))
    infos.append(
        try writer.addFile(path: "assets/random.bin", contentsOf: sourceDir.file("random.bin"), method: .store))
    infos.append(
        try writer.addFile(
            path: "assets/random-deflated.bin", contentsOf: sourceDir.file("random.bin"), method: .deflate))
    infos.append(try writer.addData(path: "empty.txt", Data(), method: .deflate))
    infos.append(try writer.addData(path: "empty-stored.txt", Data(), method: .store))
    infos.append(try writer.addData(path: "unicode/Übung — 練習 🎓.txt", Data("ünïcødé".utf8), method: .deflate))
    try writer.finish()
    return infos
}

@Suite struct ZipWriterTests {
    @Test func roundTrip() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let infos = try writeSampleArchive(dir.file("a.zip"), sourceDir: dir)
        let reader = try ZipReader(path: dir.file("a.zip"))
        #expect(reader.entries.map(\.path) == infos.map(\.path))
        for info in infos {
            let entry = try #require(reader.entry(named: info.path))
            #expect(entry.crc32 == info.crc32)
            #expect(entry.uncompressedSize == info.uncompressedSize)
            #expect(entry.compressedSize == info.compressedSize)
            #expect(entry.method == info.method)
            let data = try reader.readData(entry)
            #expect(SHA256.hash(data) == info.sha256)
            #expect(CRC32.checksum(data) == info.crc32)
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: dir.file("random.bin")))
        #expect(infos[1].sha256 == SHA256.hash(original))
        #expect(try reader.readData(try #require(reader.entry(named: "assets/random-deflated.bin"))) == original)
    }

    @Test func deterministicOutput() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        try writeSampleArchive(dir.file("one.zip"), sourceDir: dir)
        try writeSampleArchive(dir.file("two.zip"), sourceDir: dir)
        let one = try Data(contentsOf: URL(fileURLWithPath: dir.file("one.zip")))
        let two = try Data(contentsOf: URL(fileURLWithPath: dir.file("two.zip")))
        #expect(one == two)
        #expect(SHA256.hash(one) == SHA256.hash(two))
    }

    @Test func refusesBadNamesAndDuplicatesAndUseAfterFinish() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try ZipWriter(path: dir.file("w.zip"))
        #expect(throws: ZipError.self) { try writer.addData(path: "../x", Data(), method: .store) }
        #expect(throws: ZipError.self) { try writer.addData(path: "/abs", Data(), method: .store) }
        #expect(throws: ZipError.self) { try writer.addData(path: "dir/", Data(), method: .store) }
        try writer.addData(path: "a.txt", Data("a".utf8), method: .store)
        #expect(throws: ZipError.duplicateEntry(entry: "A.txt", other: "A.txt")) {
            try writer.addData(path: "A.txt", Data(), method: .store)
        }
        try writer.finish()
        #expect(throws: ZipError.writerClosed) { try writer.addData(path: "b.txt", Data(), method: .store) }
        #expect(throws: ZipError.writerClosed) { try writer.finish() }
        #expect(try ZipReader(path: dir.file("w.zip")).entries.count == 1)
    }

    @Test func headerFieldsAreFixed() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try ZipWriter(path: dir.file("h.zip"))
        try writer.addData(path: "x.txt", Data("x".utf8), method: .store)
        try writer.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("h.zip"))))
        // Local header: flags 0x0800, time 0, date 0x0021, no extra field.
        #expect(bytes[6] == 0x00 && bytes[7] == 0x08)
        #expect(bytes[10] == 0 && bytes[11] == 0 && bytes[12] == 0x21 && bytes[13] == 0)
        #expect(bytes[28] == 0 && bytes[29] == 0)
        // No data descriptor: archive = 30 + 5 + 1 + 46 + 5 + 22.
        #expect(bytes.count == 30 + 5 + 1 + 46 + 5 + 22)
        let reader = try ZipReader(path: dir.file("h.zip"))
        #expect(reader.entries.first?.hasDataDescriptor == false)
    }

    @Test func manyEntriesUseZip64EndRecord() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try ZipWriter(path: dir.file("many.zip"))
        let count = 70_000
        for index in 0..<count { try writer.addData(path: "f\(index)", Data(), method: .store) }
        try writer.finish()
        let reader = try ZipReader(path: dir.file("many.zip"), limits: ZipLimits(maxEntries: 100_000))
        #expect(reader.entries.count == count)
        #expect(throws: ZipError.tooManyEntries(count: UInt64(count), limit: 20_000)) {
            try ZipReader(path: dir.file("many.zip"))
        }
        let result = try run([
            "python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()))",
            dir.file("many.zip")
        ])
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count)")
    }
}
