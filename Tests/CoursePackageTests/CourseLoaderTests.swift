import Foundation
import LMSModel
import Testing
@testable import CoursePackage

struct CourseLoaderTests {
    func load(_ folder: String) throws -> CourseLoader.Result { CourseLoader.load(try FolderFiles(root: folder)) }

    @Test(arguments: ["rich-course", "small-course"])
    func samples_AreValid_WithoutWarnings(_ name: String) throws {
        let result = try load(repositoryRoot + "/samples/" + name)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.course != nil)
    }

    @Test func richSample_HasEveryKindOfLessonQuestionAndAssignment() throws {
        let course = try #require(try load(repositoryRoot + "/samples/rich-course").course)
        #expect(Set(course.lessons.map(\.kind)) == Set(Lesson.Kind.allCases))
        #expect(Set(course.quizzes.flatMap(\.questions).map(\.kind)) == Set(Question.Kind.allCases))
        #expect(Set(course.assignments.map(\.submission)) == Set(Assignment.SubmissionKind.allCases))
        #expect(Set(course.quizzes.map(\.mode)) == Set(Quiz.Mode.allCases))
        #expect(course.modules.map(\.title) == ["Foundations", "Practice"])
        #expect(course.item(id: "foundations/welcome") != nil, "explicit id wins")
        #expect(course.item(id: "foundations/listen") != nil, "default id is module/name")
        #expect(course.item(id: "practice/final")?.title == "Final check", "GIFT title from // title:")
        let project = try #require(course.assignments.first { $0.id == "practice/project" })
        #expect(project.rubric.count == 4)
        #expect(project.due == ISO8601DateFormatter().date(from: "2027-02-26T14:00:00Z"))
        let reflection = try #require(course.assignments.first { $0.id == "practice/reflection" })
        #expect(
            reflection.due == ISO8601DateFormatter().date(from: "2027-02-01T15:00:00Z"),
            "local time in Africa/Nairobi (+03:00)")
    }

    @Test func scaffold_IsValidAsWritten() throws {
        let scratch = ScratchFolder()
        try CourseScaffold.write(to: scratch.sub("my-course"))
        let result = try load(scratch.sub("my-course"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let course = try #require(result.course)
        #expect(course.id == "my-course")
        #expect(Set(course.lessons.map(\.kind)) == Set(Lesson.Kind.allCases))
        #expect(Set(course.quizzes.flatMap(\.questions).map(\.kind)) == Set(Question.Kind.allCases))
        #expect(throws: PackageError.self) { try CourseScaffold.write(to: scratch.sub("my-course")) }
    }

    @Test func everyProblem_IsReportedAtOnce_WithFileAndLine() throws {
        let s = ScratchFolder()
        s.write(
            "course.json",
            "{\n  \"id\": \"bad-course\",\n  \"version\": \"two\",\n  \"title\": \"Bad\",\n  \"titel\": \"x\"\n}\n")
        s.write(
            "01-basics/01-intro.md",
            "---\ntype: vidoe\n---\n# Intro\n\n![pic](../media/missing.png)\n[ok](https://example.org)\n")
        s.write("01-basics/02-video.md", "---\ntype: video\nmedia: nowhere.mp4\n---\n# Video\n")
        s.write(
            "01-basics/03-hw.assignment.md",
            "---\ntitle: HW\ndue: 2027-01-18 23:59\npoints: 10\n---\nDo it.\n\n## Rubric\n- A: 4\n- B: 4\n")
        s.write(
            "01-basics/04-q.quiz.json",
            "{\"questions\": [\n {\"type\": \"single\", \"text\": \"x\", \"choices\": [{\"text\": \"a\", \"correct\": true}, {\"text\": \"b\"}]},\n {\"id\": \"k\", \"type\": \"dropdown\", \"text\": \"y\"}\n]}\n"
        )
        s.write("01-basics/05-g.gift", "::a:: 1 + 1 = {#two}\n")
        s.write("01-basics/06-dup.md", "---\nid: basics/ok\n---\n# Dup\n")
        s.write("01-basics/07-ok.md", "# OK\n")
        s.write("media/unused.png", Data([1, 2, 3]))
        s.write("_drafts/ignored.md", "# not looked at {{{")
        s.write(".hidden", "x")
        let result = try load(s.path)
        let text = result.diagnostics.map(\.description)
        let expected = [
            "course.json:3: \"version\" must be a semantic version like 1.2.0 (found \"two\")",
            "course.json:5: warning: unknown key \"titel\" in course.json is ignored (did you mean \"title\"?)",
            "01-basics/01-intro.md:2: unknown lesson type \"vidoe\" (expected text, video, file, url)",
            "01-basics/01-intro.md:6: image \"../media/missing.png\" does not resolve to a file in the course (looked for media/missing.png)",
            "01-basics/02-video.md:3: media \"nowhere.mp4\" is not a file inside the course folder: check the path (it is relative to this file)",
            "01-basics/03-hw.assignment.md:3: due time \"2027-01-18 23:59\" has no offset: add Z or +03:00, or set \"timeZone\" in course.json",
            "01-basics/03-hw.assignment.md:8: the rubric adds up to 8 points but the assignment is worth 10: make them equal",
            "01-basics/04-q.quiz.json:2: warning: question has no \"id\"; its id q1 follows its position and changes if questions are reordered: add \"id\"",
            "01-basics/04-q.quiz.json:3: unknown question type \"dropdown\" (expected single, multiple, truefalse, short, numeric, matching, essay, description)",
            "01-basics/07-ok.md:1: id \"basics/ok\" is also the id of 01-basics/06-dup.md: every item needs its own id",
            "media/unused.png: warning: file is not used by any lesson or assignment: link it, or delete it to keep the package small"
        ]
        for line in expected {
            #expect(text.contains(line), "missing: \(line)\nfound:\n\(text.joined(separator: "\n"))")
        }
        #expect(text.contains { $0.hasPrefix("01-basics/05-g.gift:1: ") }, "GIFT errors carry file:line")
        #expect(!text.contains { $0.contains("_drafts") || $0.contains(".hidden") }, "ignored files are not read")
        #expect(result.course == nil)
    }

    @Test func missingCourseJSON_SaysWhatToDo() throws {
        let s = ScratchFolder()
        s.write("01-a/01-b.md", "# B\n")
        let result = try load(s.path)
        #expect(result.diagnostics.first?.description.contains("lms-offline new-course") == true)
    }

    @Test func malformedJSON_NamesTheLine() throws {
        let s = ScratchFolder()
        s.write("course.json", "{\n  \"id\": \"abc\",\n  \"version\": \"1.0.0\"\n  \"title\": \"x\"\n}")
        let result = try load(s.path)
        #expect(
            result.diagnostics.map(\.description).contains {
                $0.hasPrefix("course.json:4: invalid JSON: expected , or }")
            })
    }

    @Test func misspelledKey_GivesOneMessage_NotAlsoATimeZoneError() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "titel": "x", "timeZone": "Africa/Nairobi"}"#)
        s.write("01-m/01-a.assignment.md", "---\ntitle: A\ndue: 2027-02-01 18:00\n---\nDo it.\n")
        let text = try load(s.path).diagnostics.map(\.description)
        #expect(text.contains { $0.contains("course.json needs \"title\"") })
        #expect(text.contains { $0.contains("did you mean \"title\"") })
        #expect(!text.contains { $0.contains("has no offset") }, "\(text)")
    }

    @Test func courseDates_MustBeRealDays_WrittenYYYYMMDD() throws {
        for (day, valid) in [("2028-02-29", true), ("2027-02-29", false), ("2027-13-01", false), ("2027-1-05", false)] {
            let s = ScratchFolder()
            s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x", "startDate": "\#(day)"}"#)
            let result = try load(s.path)
            let refused = result.diagnostics.contains { $0.description.contains("\"startDate\" must be a date") }
            #expect(refused == !valid, "\(day)")
            if valid { #expect(result.course?.startDate == day) }
        }
    }

    @Test func renamed_MustPointAtExistingIDs() throws {
        let s = ScratchFolder()
        s.write(
            "course.json",
            #"{"id": "abc", "version": "1.0.0", "title": "x", "renamed": {"m/old": "m/gone", "m/a": "m/b"}}"#)
        s.write("01-m/01-a.md", "# A\n")
        s.write("01-m/02-b.md", "# B\n")
        let text = try load(s.path).diagnostics.map(\.description)
        #expect(text.contains { $0.contains("no item has the id \"m/gone\"") })
        #expect(text.contains { $0.contains("\"m/a\" was renamed, but 01-m/01-a.md still has that id") })
    }

    @Test func symlinks_AreRefused() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        try FileManager.default.createSymbolicLink(atPath: s.sub("passwd"), withDestinationPath: "/etc/passwd")
        #expect(throws: FolderFiles.FolderError.self) { try FolderFiles(root: s.path) }
    }

    @Test func linksOutsideTheCourse_AreErrors() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        s.write("01-m/01-a.md", "# A\n\n[secret](../../etc/passwd)\n\n```\n[not a link](nowhere.md)\n```\n")
        let text = try load(s.path).diagnostics.map(\.description)
        #expect(
            text == [
                "01-m/01-a.md:3: link \"../../etc/passwd\" points outside the course folder: put the file inside the course"
            ])
    }

    // MARK: - Links in every block, and in linked pages

    @Test func aBrokenImageInsideAListItem_IsAnError_WithItsLine() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        s.write(
            "01-m/01-a.md",
            "# A\n\n1. Step\n\n   ![diagram](../media/missing.png)\n\n   > ![quoted](../media/gone.png)\n")
        let text = try load(s.path).diagnostics.map(\.description)
        #expect(
            text == [
                "01-m/01-a.md:5: image \"../media/missing.png\" does not resolve to a file in the course (looked for media/missing.png)",
                "01-m/01-a.md:7: image \"../media/gone.png\" does not resolve to a file in the course (looked for media/gone.png)"
            ])
    }

    @Test func filesUsedFromListItemsTablesAndHTML_AreNotUnused() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        s.write(
            "01-m/01-a.md",
            "# A\n\n- item\n  - ![nested](../media/a.png)\n\n| x |\n|---|\n| [sheet](../media/b.pdf) |\n\n<p>\n<img src=\"../media/c.png\">\n</p>\n"
        )
        for name in ["a.png", "b.pdf", "c.png"] { s.write("media/" + name, Data([1])) }
        let result = try load(s.path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    }

    @Test func linkedMarkdownPages_AreChecked_AndWhatTheyUseIsNotUnused() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        s.write("01-m/01-a.md", "# A\n\nSee the [glossary](../pages/glossary.md).\n")
        s.write(
            "pages/glossary.md", "# Glossary\n\n![loop](../media/loop.png)\n\nMore in [the appendix](appendix.md).\n")
        s.write("pages/appendix.md", "# Appendix\n\n- ![chart](../media/chart.png)\n- ![gone](../media/gone.png)\n")
        s.write("pages/orphan.md", "# Nobody links here\n\n![x](../media/orphan.png)\n")
        for name in ["loop.png", "chart.png", "orphan.png"] { s.write("media/" + name, Data([1])) }
        let text = try load(s.path).diagnostics.map(\.description)
        #expect(
            text == [
                "media/orphan.png: warning: file is not used by any lesson or assignment: link it, or delete it to keep the package small",
                "pages/appendix.md:4: image \"../media/gone.png\" does not resolve to a file in the course (looked for media/gone.png)",
                "pages/orphan.md: warning: file is not used by any lesson or assignment: link it, or delete it to keep the package small"
            ])
    }

    @Test func pagesLinkingInACircle_AreWalkedOnce() throws {
        let s = ScratchFolder()
        s.write("course.json", #"{"id": "abc", "version": "1.0.0", "title": "x"}"#)
        s.write("01-m/01-a.md", "# A\n\n[one](../p/one.md)\n")
        s.write("p/one.md", "[two](two.md) [back](../01-m/01-a.md)\n")
        s.write("p/two.md", "[one](one.md)\n")
        #expect(try load(s.path).diagnostics.isEmpty)
    }
}
