import Foundation
import Testing
@testable import CoursePackage

@Suite struct ZipHostileTests {
    typealias E = RawZip.Entry

    private func zip(_ entries: [E]) -> [UInt8] { RawZip(entries: entries).build() }

    @Test func baselineHandMadeArchiveIsAccepted() throws {
        try openAndReadAll(zip([E("a.txt", "hello"), E("dir/", ""), E("dir/b.txt", "b")]))
    }

    @Test func notAZipAndTruncation() throws {
        expectRefusal([], .notAZip("(memory)"))
        expectRefusal(Array("just some text, definitely not a zip archive".utf8), .notAZip("(memory)"))
        let good = zip([E("a.txt", "hello")])
        expectRefusal(Array(good.dropLast(3)), .notAZip("(memory)"))
        // Central directory offset pointing past the end.
        var bad = good
        bad[bad.count - 6] = 0xFF
        bad[bad.count - 5] = 0x7F
        expectRefusal(bad, .truncated("the central directory"))
        // Local header offset past the end of the file.
        var entry = E("a.txt", "hello")
        entry.offsetOverride = 0x7FFF_0000
        expectRefusal(zip([entry]), .truncated("the local header of 'a.txt'"))
        // Declared compressed size larger than the data available.
        var long = E("a.txt", "hello")
        long.centralCompressedSize = 5000
        long.uncompressedSize = 5000
        long.flags |= 0x0008
        expectRefusal(zip([long]), .truncated("the data of 'a.txt'"))
    }

    @Test(arguments: [
        ("../evil.txt", "'..' segment (path traversal)"),
        ("a/../../evil.txt", "'..' segment (path traversal)"),
        ("/etc/passwd", "absolute path"),
        ("C:/windows/evil.txt", "absolute Windows drive path"),
        ("c:evil.txt", "absolute Windows drive path"),
        ("a\\..\\evil.txt", "contains a backslash"),
        ("a\u{0}b.txt", "contains a NUL byte"),
        ("a\u{1}b.txt", "contains a control character"),
        ("a//b.txt", "empty path segment"),
        ("./a.txt", "'.' segment")
    ])
    func unsafePaths(name: String, reason: String) {
        expectRefusal(zip([E(name, "x")]), .unsafePath(entry: name, reason: reason))
    }

    @Test func invalidUTF8AndLongPaths() {
        var entry = E("x", "x")
        entry.name = [0x61, 0xFF, 0x62]
        entry.localName = entry.name
        expectRefusal(zip([entry]), .unsafePath(entry: "a\u{FFFD}b", reason: "not valid UTF-8"))
        let long = String(repeating: "a", count: 1025)
        expectRefusal(zip([E(long, "x")]), .pathTooLong(entry: String(long.prefix(1024)), bytes: 1025, limit: 1024))
    }

    @Test func symlinksAndSpecialFiles() {
        var link = E("link", "/etc/passwd")
        link.externalAttributes = (0o120777 as UInt32) << 16
        expectRefusal(zip([link]), .symlink(entry: "link"))
        var fifo = E("fifo", "")
        fifo.externalAttributes = (0o010644 as UInt32) << 16
        expectRefusal(zip([fifo]), .notRegularFile(entry: "fifo", mode: 0o010644))
    }

    @Test func duplicatesAndConflicts() {
        expectRefusal(zip([E("a.txt", "1"), E("a.txt", "2")]), .duplicateEntry(entry: "a.txt", other: "a.txt"))
        expectRefusal(zip([E("A.TXT", "1"), E("a.txt", "2")]), .duplicateEntry(entry: "a.txt", other: "A.TXT"))
        // "é" precomposed vs decomposed.
        expectRefusal(
            zip([E("caf\u{E9}", "1"), E("cafe\u{301}", "2")]),
            .duplicateEntry(entry: "caf\u{E9}", other: "cafe\u{301}"))
        expectRefusal(zip([E("a", "file"), E("a/b.txt", "x")]), .fileDirectoryConflict(entry: "a"))
        expectRefusal(zip([E("a", "file"), E("a-b", "x"), E("a/", "")]), .fileDirectoryConflict(entry: "a"))
        expectRefusal(zip([E("d/", ""), E("d/", "")]), .duplicateEntry(entry: "d/", other: "d/"))
    }

    @Test func encryptionAndMethods() {
        var encrypted = E("secret.txt", "xxxxxxxxxxxx")
        encrypted.flags |= 1
        expectRefusal(zip([encrypted]), .encrypted(entry: "secret.txt"))
        var bzip = E("b.txt", "x")
        bzip.method = 12
        expectRefusal(zip([bzip]), .unsupportedMethod(entry: "b.txt", method: 12))
    }

    @Test func entryCountAndSizeLimits() {
        let entries = (0..<5).map { E("f\($0)", "abc") }
        expectRefusal(zip(entries), .tooManyEntries(count: 5, limit: 4), limits: ZipLimits(maxEntries: 4))
        expectRefusal(
            zip(entries), .entryTooLarge(entry: "f0", size: 3, limit: 2),
            limits: ZipLimits(maxEntryUncompressedBytes: 2))
        expectRefusal(
            zip(entries), .archiveTooLarge(total: 12, limit: 10),
            limits: ZipLimits(maxTotalUncompressedBytes: 10))
    }

    @Test func zipBombRatio() throws {
        let zeros = [UInt8](repeating: 0, count: 5 << 20)
        var bomb = E("bomb.bin", "")
        bomb.data = try rawDeflate(zeros)
        bomb.method = 8
        bomb.crc = CRC32.checksum(bytes: zeros)
        bomb.uncompressedSize = UInt32(zeros.count)
        let compressed = UInt64(bomb.data.count)
        expectRefusal(
            zip([bomb]),
            .compressionRatioTooHigh(
                entry: "bomb.bin", uncompressed: 5 << 20,
                compressed: compressed, limit: 200))
        // Declared size smaller than the real stream: inflation stops one byte past it.
        bomb.uncompressedSize = 1 << 20
        expectRefusal(zip([bomb]), .sizeMismatch(entry: "bomb.bin", expected: 1 << 20, actual: (1 << 20) + 1))
    }

    @Test func crcAndSizeMismatch() throws {
        var wrongCRC = E("a.txt", "hello")
        wrongCRC.crc ^= 1
        expectRefusal(zip([wrongCRC]), .crcMismatch(entry: "a.txt", expected: wrongCRC.crc, actual: wrongCRC.crc ^ 1))
        var stored = E("a.txt", "hello")
        stored.uncompressedSize = 4
        expectRefusal(zip([stored]), .sizeMismatch(entry: "a.txt", expected: 4, actual: 5))
        let text = Array("hello hello hello".utf8)
        var deflated = E("d.txt", "")
        deflated.data = try rawDeflate(text)
        deflated.method = 8
        deflated.crc = CRC32.checksum(bytes: text)
        deflated.uncompressedSize = UInt32(text.count + 3)
        expectRefusal(
            zip([deflated]),
            .sizeMismatch(
                entry: "d.txt", expected: UInt64(text.count + 3),
                actual: UInt64(text.count)))
        deflated.uncompressedSize = UInt32(text.count)
        deflated.data = Array(deflated.data.dropLast(2))
        expectRefusal(zip([deflated]), .corruptData(entry: "d.txt", detail: "the deflate stream ends early"))
    }

    @Test func localHeaderDisagreement() {
        var name = E("a.txt", "hello")
        name.localName = Array("b.txt".utf8)
        expectRefusal(zip([name]), .localHeaderMismatch(entry: "a.txt", field: "name"))
        var method = E("a.txt", "hello")
        method.localMethod = 8
        expectRefusal(zip([method]), .localHeaderMismatch(entry: "a.txt", field: "compression method"))
    }

    @Test func overlappingEntries() {
        // Two central entries pointing at the same local header and data.
        var first = E("a.txt", "hello")
        first.offsetOverride = 0
        var second = E("a.txt", "hello")
        second.offsetOverride = 0
        second.name = Array("b.txt".utf8)
        second.localName = Array("a.txt".utf8)
        let archive = RawZip(entries: [first, second]).build()
        expectRefusal(archive, .localHeaderMismatch(entry: "b.txt", field: "name"))
        // Same name check passes if the second entry reuses a header with the same name: overlap.
        var third = E("a.txt", "hello")
        third.offsetOverride = 0
        var raw = RawZip(entries: [first, third])
        raw.entries[1].name = Array("a.txt".utf8)
        expectRefusal(raw.build(), .overlappingEntries(entry: "a.txt", other: "a.txt"))
    }

    @Test func multiDisk() {
        var raw = RawZip(entries: [E("a.txt", "x")])
        raw.eocdDisk = 1
        expectRefusal(raw.build(), .multiDisk)
        var split = E("a.txt", "x")
        split.diskStart = 2
        expectRefusal(zip([split]), .multiDisk)
    }

    @Test func commentsAreAccepted() throws {
        var raw = RawZip(entries: [E("a.txt", "x")])
        raw.comment = Array("PK\u{5}\u{6} fake signature inside the comment".utf8)
        try openAndReadAll(raw.build())
    }

    @Test func failedExtractionLeavesNothingBehind() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var wrongCRC = E("z.txt", "hello")
        wrongCRC.crc ^= 1
        try write(zip([E("a/ok.txt", "fine"), E("dir/", ""), wrongCRC]), to: dir.file("bad.zip"))
        let reader = try ZipReader(path: dir.file("bad.zip"))
        #expect(throws: ZipError.crcMismatch(entry: "z.txt", expected: wrongCRC.crc, actual: wrongCRC.crc ^ 1)) {
            try reader.extractAll(to: dir.file("out"))
        }
        #expect(dir.listing() == ["bad.zip"])

        // A verify callback that rejects.
        struct Rejected: Error {}
        try write(zip([E("a/ok.txt", "fine"), E("b.txt", "x")]), to: dir.file("good.zip"))
        let good = try ZipReader(path: dir.file("good.zip"))
        #expect(throws: Rejected.self) {
            try good.extractAll(to: dir.file("out")) { entry, _ in if entry.path == "b.txt" { throw Rejected() } }
        }
        #expect(dir.listing() == ["bad.zip", "good.zip"])

        // Existing destination is refused and left untouched.
        try FileManager.default.createDirectory(atPath: dir.file("exists"), withIntermediateDirectories: false)
        #expect(throws: ZipError.destinationExists(dir.file("exists"))) { try good.extractAll(to: dir.file("exists")) }

        // Success: modes 0644 / 0755 and content.
        try good.extractAll(to: dir.file("out"))
        #expect(dir.listing() == ["bad.zip", "exists", "good.zip", "out"])
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("out/a/ok.txt"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        let dirAttributes = try FileManager.default.attributesOfItem(atPath: dir.file("out/a"))
        #expect((dirAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o755)
        #expect(try String(contentsOfFile: dir.file("out/a/ok.txt"), encoding: .utf8) == "fine")
    }

    @Test func readDataRefusesHugeEntries() throws {
        let reader = try ZipReader(bytes: zip([E("a.txt", "x")]))
        let entry = try #require(reader.entries.first)
        let fake = ZipEntry(
            path: "a.txt", method: .store, compressedSize: 1 << 30, uncompressedSize: 1 << 30,
            crc32: 0, localHeaderOffset: 0, dataOffset: 35, isDirectory: false,
            hasDataDescriptor: false, usesZip64: false)
        #expect(throws: ZipError.entryTooLargeForMemory(entry: "a.txt", size: 1 << 30, limit: 64 << 20)) {
            try reader.readData(fake)
        }
        #expect(throws: ZipError.self) { try reader.read(fake) { _ in } }
        #expect(try reader.readData(entry) == Data("x".utf8))
    }
}
