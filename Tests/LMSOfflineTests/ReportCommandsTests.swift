import Foundation
import LMSModel
import Testing

/// Reports in `--json`: progress, grades, due, inbox.
struct ReportCommandsTests {
    @Test func reports_AsJSON() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installRich()
        try f.ok(["done", "welcome"])
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1, "q2": [0, 2]}"#)])
        let progress = try f.json(["progress", "intro"])
        let course = try #require(progress.arrayValue?.first)
        #expect(course["lessonsDone"]?.numberValue == 1)
        #expect(course["percent"]?.numberValue == 20)
        #expect(course["quizPoints"]?.numberValue == 3)
        #expect(course["modules"]?.arrayValue?.first?["lessonsDone"]?.numberValue == 1)
        let grades = try f.json(["grades", "intro"])
        #expect(grades.arrayValue?.first?["points"]?.numberValue == 3)
        #expect(grades.arrayValue?.first?["source"]?.stringValue == "local")
        let due = try f.json(["due"])
        #expect(due.arrayValue?.compactMap { $0["assignment"]?.stringValue } == ["foundations/hello", "practice/reflection", "practice/project"])
        let inbox = try f.json(["inbox"])
        let id = try #require(inbox.arrayValue?.first?["id"]?.stringValue)
        #expect(inbox.arrayValue?.first?["read"]?.boolValue == false)
        try f.ok(["inbox", "--read", String(id.prefix(8))])
        #expect(try f.json(["inbox"]).arrayValue?.first?["read"]?.boolValue == true)
        #expect(try f.run(["inbox", "--read", "nope"]).status == 1)
        let text = try f.ok(["progress"])
        #expect(text.stdout.contains("1/5"))
        #expect(!text.stdout.contains("█"), "bars only on a terminal")
    }
}
