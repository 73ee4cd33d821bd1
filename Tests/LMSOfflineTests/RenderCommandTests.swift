import Foundation
import Testing

/// `lms-offline render`, run as a script would.
struct RenderCommandTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString).md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func render_PrintsTheFilesHTML() throws {
        let path = try write("# Title\n\n- [x] done\n\nCO<sub>2</sub>\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["render", path, "--html"])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "<h1>Title</h1>\n<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n</ul>\n"
                + "<p>CO<sub>2</sub></p>\n")
    }

    @Test func renderSafe_EscapesScripts() throws {
        let path = try write("<script>alert(1)</script>\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["render", path, "--html", "--safe"])
        #expect(result.stdout == "&lt;script&gt;alert(1)&lt;/script&gt;\n")
    }

    @Test func render_LeavesOutALessonsFrontMatter() throws {
        let path = try write("---\nid: basics/hello\ntype: text\n---\n# Hello\n\nSome text.\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let terminal = try CLI.run(["render", path, "--width", "40"])
        #expect(!terminal.stdout.contains("id: basics/hello"))
        #expect(terminal.stdout.hasPrefix("Hello\n"))
        let html = try CLI.run(["render", path, "--html"])
        #expect(html.stdout == "<h1>Hello</h1>\n<p>Some text.</p>\n")
    }

    @Test func render_KeepsALeadingRuleThatIsNotFrontMatter() throws {
        let path = try write("---\nJust a sentence under a rule\n---\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let html = try CLI.run(["render", path, "--html"])
        #expect(html.stdout == "<hr />\n<h2>Just a sentence under a rule</h2>\n")
    }

    @Test func renderMissingFile_SaysWhatToCheck() throws {
        let result = try CLI.run(["render", "/no/such/lesson.md", "--html"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("check the path"))
    }
}
