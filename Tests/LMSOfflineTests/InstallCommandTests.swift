import Foundation
import LMSTestSupport
import LMSModel
import Testing

/// `lms-offline install`: verified installs, updates that keep work, refusals that change nothing.
struct InstallCommandTests {
    @Test func install_RichSample_ListsCourseAndNotifiesProfiles() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        let package = try f.pack(RichSample.folder, to: "rich.zip")
        let report = try f.json(["install", package])
        #expect(report["course"]?.stringValue == "intro-programming")
        #expect(report["version"]?.stringValue == "1.2.0")
        let courses = try f.json(["courses"])
        #expect(courses.arrayValue?.count == 1)
        #expect(courses.arrayValue?.first?["lessons"]?.numberValue == 5)
        let again = try f.ok(["install", package])
        #expect(again.stdout.contains("already installed"))
        let inbox = try f.json(["inbox"])
        #expect(inbox.arrayValue?.count == 1)
        #expect(inbox.arrayValue?.first?["title"]?.stringValue?.contains("Introduction to Programming") == true)
        #expect(try f.integrity() == "ok")
    }

    @Test func update_ChangesRemovesRenames_KeepsProgressAttemptsAndSubmissions() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installRich()
        try f.ok(["done", "welcome"])
        try f.ok(["done", "reading"])
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1}"#)])
        try f.ok(["submit", "reflection", "--text", "first"])
        // Version 1.3.0: welcome changes, reading is removed, check is renamed to quiz-one, a lesson is added.
        let v2 = try f.copyRich(to: "v2")
        var manifest = try String(contentsOfFile: v2 + "/course.json", encoding: .utf8)
        manifest = manifest.replacingOccurrences(of: "\"1.2.0\"", with: "\"1.3.0\"")
            .replacingOccurrences(
                of: #""renamed": {"foundations/intro": "foundations/welcome"}"#,
                with:
                    #""renamed": {"foundations/intro": "foundations/welcome", "foundations/check": "foundations/quiz-one"}"#
            )
        try manifest.write(toFile: v2 + "/course.json", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: v2 + "/01-foundations/04-reading.md")
        try FileManager.default.moveItem(
            atPath: v2 + "/01-foundations/05-check.quiz.json", toPath: v2 + "/01-foundations/05-quiz-one.quiz.json")
        try (try String(contentsOfFile: v2 + "/01-foundations/01-welcome.md", encoding: .utf8) + "\nOne more line.\n")
            .write(toFile: v2 + "/01-foundations/01-welcome.md", atomically: true, encoding: .utf8)
        try f.write("v2/02-practice/06-wrap-up.md", "# Wrap-up\n\nThat is all.\n")
        let report = try f.json(["install", try f.pack(v2, to: "v2.zip")])
        #expect(report["previousVersion"]?.stringValue == "1.2.0")
        #expect(report["changed"]?.arrayValue?.compactMap(\.stringValue) == ["foundations/welcome"])
        #expect(report["removed"]?.arrayValue?.compactMap(\.stringValue) == ["foundations/reading"])
        #expect(report["added"]?.arrayValue?.compactMap(\.stringValue) == ["practice/wrap-up"])
        #expect(report["renamed"]?.arrayValue?.first?["to"]?.stringValue == "foundations/quiz-one")
        // Work follows the rename; removed items keep their records, marked removed.
        let course = try f.json(["course", "intro"])
        let items = course["items"]?.arrayValue ?? []
        let quiz = items.first { $0["id"]?.stringValue == "foundations/quiz-one" }
        #expect(quiz?["state"]?["attempts"]?.numberValue == 1)
        let reading = items.first { $0["id"]?.stringValue == "foundations/reading" }
        #expect(reading?["removed"]?.boolValue == true)
        #expect(reading?["state"]?["done"]?.boolValue == true)
        let welcome = items.first { $0["id"]?.stringValue == "foundations/welcome" }
        #expect(welcome?["state"]?["done"]?.boolValue == true)
        let reflection = items.first { $0["id"]?.stringValue == "practice/reflection" }
        #expect(reflection?["state"]?["submittedVersion"]?.numberValue == 1)
        #expect(try f.integrity() == "ok")
    }

    @Test func install_OlderVersion_IsRefusedUnlessForced() throws {
        let f = ClientFixture()
        let old = try f.pack(RichSample.folder, to: "old.zip")
        let v2 = try f.copyRich(to: "v2")
        let manifest = try String(contentsOfFile: v2 + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.2.0\"", with: "\"2.0.0\"")
        try manifest.write(toFile: v2 + "/course.json", atomically: true, encoding: .utf8)
        try f.ok(["install", try f.pack(v2, to: "v2.zip")])
        let refused = try f.run(["install", old])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("2.0.0 is installed, newer than 1.2.0"))
        #expect(refused.stderr.contains("--force"))
        #expect(try f.json(["courses"]).arrayValue?.first?["version"]?.stringValue == "2.0.0")
        try f.ok(["install", old, "--force"])
        #expect(try f.json(["courses"]).arrayValue?.first?["version"]?.stringValue == "1.2.0")
    }

    @Test func install_CorruptPackage_ChangesNothing() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installRich()
        try f.ok(["done", "welcome"])
        let before = try f.json(["courses"])
        let outbox = try f.count("SELECT count(*) FROM outbox")
        // A v2 package with one byte flipped inside a stored entry.
        let v2 = try f.copyRich(to: "v2")
        let manifest = try String(contentsOfFile: v2 + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.2.0\"", with: "\"1.3.0\"")
        try manifest.write(toFile: v2 + "/course.json", atomically: true, encoding: .utf8)
        let package = try f.pack(v2, to: "v2.zip")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: package))
        let png = try #require(bytes.range(of: Data("IHDR".utf8)))
        bytes[png.upperBound + 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: package))
        let result = try f.run(["install", package])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a usable course package"))
        #expect(result.stderr.contains("Nothing was changed"))
        #expect(try f.json(["courses"]) == before)
        #expect(try f.count("SELECT count(*) FROM outbox") == outbox)
        let folders = try FileManager.default.contentsOfDirectory(atPath: f.home + "/courses/intro-programming")
        #expect(folders.count == 1, "no partial extraction left: \(folders)")
        let garbage = try f.run(["install", try f.write("junk.zip", "not a zip")])
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("junk.zip is not a usable course package"))
    }

    @Test func install_RemovesWhatAKilledInstallLeft() throws {
        let f = ClientFixture()
        try f.installRich()
        let course = f.home + "/courses/intro-programming"
        // A killed install's extraction (its process long gone), and one still running (this process).
        let stale = course + "/.0123abcd.partial-4194303-42"
        let live = course + "/.4567cdef.partial-\(getpid())-7"
        for folder in [stale, live] {
            try FileManager.default.createDirectory(atPath: folder + "/lessons", withIntermediateDirectories: true)
        }
        let v2 = try f.copyRich(to: "v2")
        let manifest = try String(contentsOfFile: v2 + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.2.0\"", with: "\"1.3.0\"")
        try manifest.write(toFile: v2 + "/course.json", atomically: true, encoding: .utf8)
        try f.ok(["install", try f.pack(v2, to: "v2.zip")])
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
