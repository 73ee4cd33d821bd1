import Foundation
import LMSModel
import Testing
@testable import CoursePackage

struct PackageBuilderTests {
    func pack(_ folder: String, _ output: String, build: PackageManifest.Build = .full) throws -> PackageBuilder.Output
    {
        var diagnostics: [Diagnostic] = []
        return try PackageBuilder.pack(folder: folder, to: output, build: build, diagnostics: &diagnostics)
    }

    @Test func pack_IsDeterministic_AcrossCopiesAndTimes() throws {
        let s = ScratchFolder()
        let course = try copySample("rich-course", into: s)
        _ = try pack(course, s.sub("a.zip"))
        // A copy made later has other modification times and inode order; the bytes must not change.
        let copy = try copySample("rich-course", into: s, as: "copy")
        _ = try runTool("touch", ["-d", "2001-01-01", copy + "/course.json"])
        _ = try pack(copy, s.sub("b.zip"))
        let a = try Data(contentsOf: URL(fileURLWithPath: s.sub("a.zip")))
        let b = try Data(contentsOf: URL(fileURLWithPath: s.sub("b.zip")))
        #expect(a == b)
        #expect(!FileManager.default.fileExists(atPath: s.sub(".a.zip.partial-\(getpid())")))
    }

    @Test func manifest_ListsEveryEntry_AndItsHashIsThePackageID() throws {
        let s = ScratchFolder()
        let output = try pack(repositoryRoot + "/samples/rich-course", s.sub("p.zip"))
        let archive = try PackageArchive(path: s.sub("p.zip"))
        #expect(archive.packageID == output.packageID)
        let manifestBytes = try archive.zip.readData(try #require(archive.zip.entry(named: "manifest.json")))
        #expect(SHA256.hash(manifestBytes).hex == archive.packageID)
        let files = try FolderFiles(root: repositoryRoot + "/samples/rich-course")
        #expect(archive.manifest.entries.map(\.path) == files.paths)
        for entry in archive.manifest.entries {
            let data = try Data(contentsOf: URL(fileURLWithPath: files.fullPath(entry.path)))
            #expect(entry.sha256 == SHA256.hash(data).hex)
            #expect(entry.size == UInt64(data.count))
        }
        #expect(archive.zip.entry(named: "media/diagram.png")?.method == .store)
        #expect(archive.zip.entry(named: "course.json")?.method == .deflate)
        try archive.verify()
    }

    @Test func package_PassesUnzipAndPythonZipfile() throws {
        let s = ScratchFolder()
        _ = try pack(repositoryRoot + "/samples/rich-course", s.sub("p.zip"))
        #expect(try runTool("unzip", ["-tq", s.sub("p.zip")]).status == 0)
        let python = try runTool(
            "python3",
            [
                "-c",
                "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))",
                s.sub("p.zip")
            ])
        #expect(python.status == 0, "\(python.output)")
    }

    @Test func invalidCourse_IsNotPacked_AndNothingIsWritten() throws {
        let s = ScratchFolder()
        s.write("c/course.json", #"{"id": "abc", "version": "x", "title": "t"}"#)
        #expect(throws: PackageError.invalidCourse(count: 1)) { try pack(s.sub("c"), s.sub("out.zip")) }
        #expect(!FileManager.default.fileExists(atPath: s.sub("out.zip")))
    }

    @Test func zippedFolder_FromZipAndPython_IsReadAsACourse() throws {
        let s = ScratchFolder()
        _ = try copySample("small-course", into: s)
        #expect(try runTool("zip", ["-r", "-q", s.sub("by-zip.zip"), "small-course"], in: s.path).status == 0)
        // Python writing to a pipe cannot seek back: entries get data descriptors, and force_zip64 gives them
        // ZIP64 local extra fields and 64-bit descriptors.
        let script = """
            import os, sys, zipfile
            root = sys.argv[1]
            z = zipfile.ZipFile(sys.stdout.buffer, 'w', zipfile.ZIP_DEFLATED)
            for d, _, files in os.walk(root):
                for f in sorted(files):
                    p = os.path.join(d, f)
                    with open(p, 'rb') as src, z.open(os.path.relpath(p, root), 'w', force_zip64=True) as dst:
                        dst.write(src.read())
            z.close()
            """
        let shell = "python3 -c \"$0\" small-course | cat > by-python.zip"
        #expect(try runTool("sh", ["-c", shell, script], in: s.path).status == 0)
        for name in ["by-zip.zip", "by-python.zip"] {
            guard case .zippedFolder(let zipped) = try CourseSource.open(s.sub(name)) else {
                Issue.record("\(name) should open as a zipped folder")
                continue
            }
            let result = CourseLoader.load(zipped)
            #expect(result.isValid, "\(name): \(result.diagnostics.map(\.description))")
            #expect(result.course?.id == "small-course")
        }
        let usesDescriptors = try ZipReader(path: s.sub("by-python.zip")).entries.allSatisfy { $0.hasDataDescriptor }
        #expect(usesDescriptors)
    }
}
