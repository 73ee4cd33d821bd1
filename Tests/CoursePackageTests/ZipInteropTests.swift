import Foundation
import LMSModel
import Testing
@testable import CoursePackage

@Suite struct ZipInteropTests {
    @Test func ourArchivesPassUnzipAndPython() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        try writeSampleArchive(dir.file("a.zip"), sourceDir: dir)
        let unzip = try run(["unzip", "-t", dir.file("a.zip")])
        #expect(unzip.status == 0, "\(unzip.output)")
        let script = """
            import zipfile, sys, hashlib
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                assert i.flag_bits & 0x800, i.filename
                assert i.date_time == (1980, 1, 1, 0, 0, 0), i.date_time
                assert (i.external_attr >> 16) == 0o100644, oct(i.external_attr >> 16)
                print(i.filename, hashlib.sha256(z.read(i)).hexdigest())
            """
        let python = try run(["python3", "-c", script, dir.file("a.zip")])
        #expect(python.status == 0, "\(python.output)")
        let reader = try ZipReader(path: dir.file("a.zip"))
        for entry in reader.entries {
            let digest = SHA256.hash(try reader.readData(entry))
            #expect(python.output.contains("\(entry.path) \(digest.hex)"))
        }
    }

    /// Makes a source tree, zips it with `tool`, and checks our extraction matches the tree.
    private func checkExtraction(of archive: String, dir: TempDir, expected: [String: [UInt8]]) throws {
        let reader = try ZipReader(path: archive)
        var seen: [String: SHA256Digest] = [:]
        try reader.extractAll(to: dir.file("out")) { entry, digest in seen[entry.path] = digest }
        for (name, bytes) in expected {
            let extracted = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("out/" + name))))
            #expect(extracted == bytes, "\(name)")
            #expect(seen[name] == SHA256.hash(bytes: bytes))
        }
    }

    private func makeTree(_ dir: TempDir) throws -> [String: [UInt8]] {
        var generator = SplitMix64(seed: 5)
        let files: [String: [UInt8]] = [
            "tree/a.txt": Array(String(repeating: "text line\n", count: 2000).utf8),
            "tree/sub/b.bin": generator.bytes(200_000),
            "tree/sub/deeper/c.txt": Array("c".utf8),
            "tree/empty.txt": []
        ]
        for (name, bytes) in files {
            let path = dir.file(name)
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try write(bytes, to: path)
        }
        return files
    }

    @Test func readsInfoZipArchives() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let files = try makeTree(dir)
        _ = try run(["sh", "-c", "echo 'archive comment' | zip -r -q -z plain.zip tree"], cwd: dir.path)
        try checkExtraction(of: dir.file("plain.zip"), dir: dir, expected: files)
        let reader = try ZipReader(path: dir.file("plain.zip"))
        #expect(reader.entry(named: "tree/sub/")?.isDirectory == true)
    }

    @Test func readsForcedZip64InfoZip() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let files = try makeTree(dir)
        let result = try run(["zip", "-r", "-q", "-fz", "z64.zip", "tree"], cwd: dir.path)
        #expect(result.status == 0, "\(result.output)")
        try checkExtraction(of: dir.file("z64.zip"), dir: dir, expected: files)
    }

    @Test func readsStreamedInfoZip() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let files = try makeTree(dir)
        // zip writing to a pipe must use data descriptors.
        let result = try run(["sh", "-c", "zip -r -q - tree | cat > piped.zip"], cwd: dir.path)
        #expect(result.status == 0, "\(result.output)")
        let reader = try ZipReader(path: dir.file("piped.zip"))
        #expect(reader.entries.contains { $0.hasDataDescriptor })
        try checkExtraction(of: dir.file("piped.zip"), dir: dir, expected: files)
    }

    @Test(arguments: ["descriptor", "zip64", "descriptor-zip64"])
    func readsPythonArchives(mode: String) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let files = try makeTree(dir)
        let script = """
            import zipfile, sys, os
            mode = sys.argv[1]
            out = sys.stdout.buffer if mode.startswith('descriptor') else open('py.zip', 'wb')
            with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_DEFLATED) as z:
                for root, dirs, names in sorted(os.walk('tree')):
                    for n in sorted(names):
                        p = os.path.join(root, n)
                        with open(p, 'rb') as f, z.open(zipfile.ZipInfo.from_file(p), 'w', force_zip64=mode.endswith('zip64')) as w:
                            w.write(f.read())
                z.comment = b'python comment'
            """
        let command =
            mode.hasPrefix("descriptor")
            ? "python3 -c \"$0\" \(mode) | cat > py.zip" : "python3 -c \"$0\" \(mode)"
        let result = try run(["sh", "-c", command, script], cwd: dir.path)
        #expect(result.status == 0, "\(result.output)")
        let reader = try ZipReader(path: dir.file("py.zip"))
        if mode.hasPrefix("descriptor") { #expect(reader.entries.allSatisfy { $0.hasDataDescriptor }) }
        try checkExtraction(of: dir.file("py.zip"), dir: dir, expected: files)
    }
}
