import Foundation
import LMSTestSupport
import Testing

/// `lms-offline export`: the printable booklet of a course folder or an installed course.
struct ExportCommandTests {
    @Test func folder_GivesABookletWithAssets_AndTheTeachersCopyHasKeys() throws {
        let f = ClientFixture()
        let student = try f.ok(["export", RichSample.folder, "--html", "-o", f.scratch.sub("book")])
        #expect(student.stdout.contains("student copy, no answer keys"))
        let html = try String(contentsOfFile: f.scratch.sub("book/index.html"), encoding: .utf8)
        #expect(html.contains("<h2>Module 1: Foundations</h2>"))
        #expect(html.contains("☐") && !html.contains("Key:"))
        let assets = try FileManager.default.subpathsOfDirectory(atPath: f.scratch.sub("book/assets"))
        #expect(assets.contains("media/diagram.svg") || assets.contains { $0.hasPrefix("media/") })
        for path in assets where !path.hasSuffix("/") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: f.scratch.sub("book/assets/" + path), isDirectory: &isDirectory)
            if !isDirectory.boolValue { #expect(html.contains("assets/" + path), "\(path) is linked") }
        }
        try f.ok(["export", RichSample.folder, "--html", "--answers", "-o", f.scratch.sub("book")])
        let key = try String(contentsOfFile: f.scratch.sub("book/index.html"), encoding: .utf8)
        #expect(key.contains("Key:") && key.contains("☑"))
    }

    @Test func installedCourse_IsFoundByItsId() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.ok(["export", "intro-programming", "--html", "-o", f.scratch.sub("installed")])
        #expect(FileManager.default.fileExists(atPath: f.scratch.sub("installed/index.html")))
    }

    @Test func mistakes_SayWhatToDo() throws {
        let f = ClientFixture()
        let noFormat = try f.run(["export", RichSample.folder, "-o", f.scratch.sub("x")])
        #expect(noFormat.status == 2)
        #expect(noFormat.stderr.contains("give --html"))
        try f.write("busy/notes.txt", "mine")
        let busy = try f.run(["export", RichSample.folder, "--html", "-o", f.scratch.sub("busy")])
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("holds other files"))
        #expect(
            FileManager.default.fileExists(atPath: f.scratch.sub("busy/notes.txt")), "nothing of the user's is touched")
    }
}
