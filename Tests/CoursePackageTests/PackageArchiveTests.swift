import Foundation
import LMSModel
import Testing
@testable import CoursePackage

/// A package altered after packing must be refused, and a refused extraction leaves nothing behind.
struct PackageArchiveTests {
    /// Packs the small sample, then lets Python rewrite the archive (valid ZIP, valid CRCs).
    func tampered(_ python: String, in s: ScratchFolder) throws -> String {
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(
            folder: repositoryRoot + "/samples/small-course", to: s.sub("good.zip"), diagnostics: &diagnostics)
        let script = """
            import sys, zipfile
            src = zipfile.ZipFile(sys.argv[1]); dst = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
            entries = {i.filename: src.read(i) for i in src.infolist()}
            \(python)
            for name, data in entries.items(): dst.writestr(name, data)
            dst.close()
            """
        let result = try runTool("python3", ["-c", script, s.sub("good.zip"), s.sub("bad.zip")])
        #expect(result.status == 0, "\(result.output)")
        return s.sub("bad.zip")
    }

    @Test func changedBytes_FailHashCheck_AndExtractionLeavesNothing() throws {
        let s = ScratchFolder()
        defer { withExtendedLifetime(s) {} }
        let bad = try tampered(
            "entries['01-basics/01-hello.md'] = b'# Hello\\n\\nA changed lesson (same size?)'", in: s)
        let archive: PackageArchive
        do { archive = try PackageArchive(path: bad) } catch {
            #expect(error as? PackageError == .sizeMismatch("01-basics/01-hello.md"))
            return
        }
        #expect(throws: PackageError.hashMismatch("01-basics/01-hello.md")) { try archive.verify() }
        #expect(throws: (any Error).self) { try archive.extract(to: s.sub("out")) }
        #expect(!FileManager.default.fileExists(atPath: s.sub("out")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path).filter { $0.hasPrefix("out") }.isEmpty)
    }

    @Test func sameSizeChange_FailsHash() throws {
        let s = ScratchFolder()
        defer { withExtendedLifetime(s) {} }
        let bad = try tampered(
            "e = entries['01-basics/01-hello.md']; entries['01-basics/01-hello.md'] = e.replace(b'Hello', b'Jello')",
            in: s)
        let archive = try PackageArchive(path: bad)
        #expect(throws: PackageError.hashMismatch("01-basics/01-hello.md")) { try archive.verify() }
        #expect(throws: PackageError.hashMismatch("01-basics/01-hello.md")) {
            _ = try archive.read("01-basics/01-hello.md")
        }
    }

    @Test func extraEntry_IsRefused() throws {
        let s = ScratchFolder()
        defer { withExtendedLifetime(s) {} }
        let bad = try tampered("entries['01-basics/evil.sh'] = b'rm -rf ~'", in: s)
        #expect(throws: PackageError.entryNotInManifest("01-basics/evil.sh")) { try PackageArchive(path: bad) }
    }

    @Test func missingEntry_IsRefused() throws {
        let s = ScratchFolder()
        defer { withExtendedLifetime(s) {} }
        let bad = try tampered("del entries['01-basics/02-next.md']", in: s)
        #expect(throws: PackageError.missingEntry("01-basics/02-next.md")) { try PackageArchive(path: bad) }
    }

    @Test func missingOrBrokenManifest_IsRefused() throws {
        let s = ScratchFolder()
        defer { withExtendedLifetime(s) {} }
        let noManifest = try tampered("del entries['manifest.json']", in: s)
        #expect(throws: PackageError.missingManifest) { try PackageArchive(path: noManifest) }
        let broken = try tampered("entries['manifest.json'] = b'{\"format\": 1, \"course\": 7}'", in: s)
        #expect(throws: PackageError.self) { try PackageArchive(path: broken) }
        let future = try tampered(
            "entries['manifest.json'] = entries['manifest.json'].replace(b'\"format\": 1', b'\"format\": 9')", in: s)
        do {
            _ = try PackageArchive(path: future)
            Issue.record("format 9 accepted")
        } catch {
            #expect("\(error)".contains("update lms-offline"))
        }
    }

    @Test func notAZip_IsAClearError() throws {
        let s = ScratchFolder()
        s.write("x.zip", "this is not a zip file")
        do {
            _ = try PackageArchive(path: s.sub("x.zip"))
            Issue.record("accepted")
        } catch {
            #expect(!"\(error)".isEmpty)
        }
    }
}
