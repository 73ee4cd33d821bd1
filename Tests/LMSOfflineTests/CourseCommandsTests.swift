import Foundation
import LMSTestSupport
import LMSModel
import Testing

/// The authoring commands, driven through the real binary as a script would.
struct CourseCommandsTests {
    @Test func newCourse_ThenValidate_ThenPack_ThenInspectJSON() throws {
        let s = Scratch()
        let made = try CLI.run(["new-course", "my-course"], in: s.path)
        #expect(made.status == 0, "\(made.stderr)")
        let valid = try CLI.run(["validate", "my-course"], in: s.path)
        #expect(valid.status == 0)
        #expect(valid.stdout.isEmpty, "no problems printed: \(valid.stdout)")
        #expect(valid.stderr.contains("valid (0 errors, 0 warnings)"))
        let spanish = try CLI.run(["validate", "my-course"], in: s.path, environment: ["LC_ALL": "es_ES.UTF-8"])
        #expect(spanish.stderr.contains("my-course: válido (0 errores, 0 avisos)"), "\(spanish.stderr)")
        let packed = try CLI.run(["pack", "my-course"], in: s.path)
        #expect(packed.status == 0, "\(packed.stderr)")
        #expect(FileManager.default.fileExists(atPath: s.sub("my-course-1.0.0.zip")))
        let inspected = try CLI.run(["inspect", "my-course-1.0.0.zip", "--json"], in: s.path)
        #expect(inspected.status == 0)
        let json = try JSONParser.parse(inspected.stdout)
        #expect(json["id"]?.stringValue == "my-course")
        #expect(json["version"]?.stringValue == "1.0.0")
        #expect(json["title"]?.stringValue == "My course")
        #expect(json["sha256"]?.stringValue?.count == 64)
        #expect(packed.stdout.contains(json["sha256"]?.stringValue ?? "?"))
        let counts = try #require(json["counts"])
        #expect(counts["modules"]?.numberValue == 1)
        #expect(counts["lessons"]?.numberValue == 4)
        #expect(counts["quizzes"]?.numberValue == 2)
        #expect(counts["questions"]?.numberValue == 10)
        #expect(counts["assignments"]?.numberValue == 1)
        #expect(counts["files"]?.numberValue == 13)
    }

    @Test func validate_InvalidCourse_PrintsFileLineAndExits1() throws {
        let s = Scratch()
        try FileManager.default.createDirectory(atPath: s.sub("c/01-m"), withIntermediateDirectories: true)
        try #"{"id": "ok-id", "version": "1.0", "title": "T"}"#.write(
            toFile: s.sub("c/course.json"), atomically: true, encoding: .utf8)
        try "---\ntype: vidoe\n---\n# L\n".write(toFile: s.sub("c/01-m/01-l.md"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "c"], in: s.path, environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("course.json:1: \"version\" must be a semantic version like 1.2.0 (found \"1.0\")"))
        #expect(
            result.stdout.contains("01-m/01-l.md:2: unknown lesson type \"vidoe\" (expected text, video, file, url)"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not a TTY")
        let json = try CLI.run(["validate", "c", "--json"], in: s.path)
        #expect(json.status == 1)
        #expect(try JSONParser.parse(json.stdout)["errors"]?.numberValue == 2)
        let pack = try CLI.run(["pack", "c", "-o", "out.zip"], in: s.path)
        #expect(pack.status == 1)
        #expect(pack.stderr.contains("01-m/01-l.md:2:"))
        #expect(!FileManager.default.fileExists(atPath: s.sub("out.zip")))
    }

    @Test func validate_Package_ChecksEveryHash() throws {
        let s = Scratch()
        #expect(try CLI.run(["pack", RichSample.folder, "-o", "p.zip"], in: s.path).status == 0)
        #expect(try CLI.run(["validate", "p.zip"], in: s.path).status == 0)
        // Flip one byte inside a stored entry: the CRC check catches it with a clear message.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: s.sub("p.zip")))
        let png = try #require(bytes.range(of: Data("IHDR".utf8)))
        bytes[png.lowerBound + 10] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: s.sub("bad.zip")))
        let bad = try CLI.run(["validate", "bad.zip"], in: s.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("media/diagram.png"), "\(bad.stderr)")
        let unpack = try CLI.run(["unpack", "bad.zip", "-o", "out"], in: s.path)
        #expect(unpack.status == 1)
        #expect(!FileManager.default.fileExists(atPath: s.sub("out")))
    }

    @Test func studentDeltaAndUnpack_Work() throws {
        let s = Scratch()
        #expect(try CLI.run(["pack", RichSample.folder, "-o", "full.zip"], in: s.path).status == 0)
        let student = try CLI.run(["student", "full.zip"], in: s.path)
        #expect(student.status == 0, "\(student.stderr)")
        let inspect = try CLI.run(["inspect", "full-student.zip", "--json"], in: s.path)
        #expect(try JSONParser.parse(inspect.stdout)["build"]?.stringValue == "student")
        let delta = try CLI.run(["delta", "full.zip", "full-student.zip", "--json"], in: s.path)
        #expect(delta.status == 0)
        let plan = try JSONParser.parse(delta.stdout)
        #expect(
            plan["fetch"]?.arrayValue?.compactMap { $0["path"]?.stringValue }.sorted()
                == ["02-practice/02-exam.quiz.json", "02-practice/03-final.quiz.json"])
        let unpack = try CLI.run(["unpack", "full.zip", "-o", "installed"], in: s.path)
        #expect(unpack.status == 0)
        #expect(FileManager.default.fileExists(atPath: s.sub("installed/media/diagram.png")))
    }

    @Test func usageMistakes_Exit2_WithAHint() throws {
        let unknown = try CLI.run(["packk"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean pack?"))
        let option = try CLI.run(["pack", "x", "--jsn"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean --json?"))
        let missing = try CLI.run(["inspect"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing PACKAGE"))
        let nothing = try CLI.run(["validate", "/no/such/place"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no such file or folder"))
        #expect(try CLI.run(["help"]).stdout.contains("new-course"))
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("lms-offline "))
    }
}
