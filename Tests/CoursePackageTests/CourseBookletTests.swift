import Foundation
import Testing
import LMSModel
@testable import CoursePackage

struct CourseBookletTests {
    /// The course folder, removed when the test ends.
    let scratch = ScratchFolder()

    /// A small course with an image, a link between lessons, a quiz in GIFT and an assignment.
    func makeCourse() throws -> (Course, FolderFiles) {
        let (course, files, _) = try makeLoadedCourse()
        return (course, files)
    }

    /// The course, its files and where each item's file is.
    func makeLoadedCourse() throws -> (Course, FolderFiles, [String: String]) {
        let s = scratch
        s.write("course.json", "{\"id\": \"print\", \"version\": \"1.0.0\", \"title\": \"Print <me>\"}\n")
        s.write(
            "01-basics/01-intro.md",
            "# Intro\n\nSee ![the cell](../media/cell%20one.png) and [the next lesson](02-next.md#part).\n\n"
                + "<script>alert(1)</script>\n\n- step\n\n  ![nested](../media/cell%20one.png)\n\n"
                + "[outside](https://example.org/a_(b))\n")
        s.write("01-basics/02-next.md", "# Next\n\nBack to [the intro](01-intro.md) or [a part](#part).\n")
        s.write(
            "01-basics/03-check.gift",
            "::Intro text:: Answer on paper.\n\n::mul:: What is 3 * 4 * 5? {=60 ~12}\n\n"
                + "::tf:: [html]Is <b>this</b> &amp; that true? {T}\n\n::num:: Legs of a spider? {#8 ~#No.}\n\n"
                + "::pic:: [html]<p>See <img src\\=\"@@PLUGINFILE@@/x.png\" alt\\=\"the chart\"></p>{T}\n\n"
                + "::fig:: [html]<p>Look: <img src\\=\"../media/cell one.png\" alt\\=\"cell\"></p>{T}\n\n"
                + "::m:: Match. {=a -> 1 =b -> 2}\n\n::e:: Explain. {}\n\n::s:: Name it: {=cell* =%50%cel}\n")
        s.write(
            "01-basics/04-hw.assignment.md",
            "---\ntitle: Draw a cell\npoints: 10\nsubmission: text\n---\nDraw it.\n\n## Rubric\n- Labels: 6\n- Neat: 4\n"
        )
        s.write("media/cell one.png", Data([0x89, 0x50, 0x4E, 0x47]))
        let files = try FolderFiles(root: s.path)
        let loaded = CourseLoader.load(files)
        let course = try #require(loaded.course, "\(loaded.diagnostics.map(\.description))")
        return (course, files, loaded.itemPaths)
    }

    @Test func studentCopy_HasEveryItemInOrder_AndNoKeys() throws {
        let (course, files) = try makeCourse()
        let html = CourseBooklet.make(course: course, files: files, answerKey: false).html
        let order = [
            "id=\"item-basics/intro\"", "id=\"item-basics/next\"", "id=\"item-basics/check\"",
            "id=\"item-basics/hw\""
        ].map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(html.contains("<title>Print &lt;me&gt;</title>"))
        #expect(html.contains("What is 3 * 4 * 5?"), "GIFT's default format is literal")
        #expect(html.contains("<strong>this</strong> &amp; that") || html.contains("<b>this</b> &amp; that"))
        #expect(html.contains("☐"))
        #expect(!html.contains("☑"))
        #expect(!html.contains("Key:"))
        #expect(!html.contains("No."), "feedback is a key too")
        #expect(html.contains("<div class=\"description\">"))
        #expect(html.contains("<td>Labels</td><td>6</td>"))
        #expect(!html.contains("<script>"), "lessons are rendered in safe mode")
        #expect(html.contains("@page"))
        #expect(html.contains("<em>[image: the chart]</em>"), "Moodle's files are not in a GIFT file")
        #expect(!html.contains("@@PLUGINFILE@@"))
    }

    @Test func teachersCopy_MarksTheRightAnswers_AndGivesTheKeys() throws {
        let (course, files) = try makeCourse()
        let html = CourseBooklet.make(course: course, files: files, answerKey: true).html
        #expect(html.contains("<span class=\"box\">☑</span> 60"))
        #expect(html.contains("<strong>Key:</strong> 8; any other number (0%)"))
        #expect(html.contains("<strong>Key:</strong> cell*; cel (50%)"))
        #expect(html.contains("Teacher's copy"))
    }

    @Test func imagesAreAssets_LinkedRelatively_AndLessonLinksAreAnchors() throws {
        let (course, files) = try makeCourse()
        let booklet = CourseBooklet.make(course: course, files: files, answerKey: false)
        #expect(booklet.assets == ["media/cell one.png"])
        #expect(booklet.html.contains("src=\"assets/media/cell%20one.png\""))
        #expect(booklet.html.components(separatedBy: "assets/media/cell%20one.png").count == 3, "nested image too")
        #expect(booklet.html.contains("href=\"#item-basics/next\""))
        #expect(booklet.html.contains("href=\"#item-basics/intro\""))
        #expect(booklet.html.contains("href=\"https://example.org/a_(b)\""))
        #expect(!booklet.html.contains("<h4>Intro</h4>"), "a first heading repeating the title is left out")
    }

    @Test func picturesInQuizQuestions_ResolveFromTheQuizFile() throws {
        let (course, files, paths) = try makeLoadedCourse()
        let booklet = CourseBooklet.make(course: course, files: files, answerKey: false, itemPaths: paths)
        #expect(booklet.html.contains("<img src=\"assets/media/cell%20one.png\" alt=\"cell\""))
    }

    @Test func coursePaths_ResolveRelativeToTheFile_AndNeverLeaveTheCourse() {
        #expect(BookletLinks.coursePath("../media/a%20b.png", from: "01-x/01-y.md") == "media/a b.png")
        #expect(BookletLinks.coursePath("02-z.md#top", from: "01-x/01-y.md") == "01-x/02-z.md")
        #expect(BookletLinks.coursePath("../../etc/passwd", from: "01-x/01-y.md") == nil)
        #expect(BookletLinks.coursePath("https://example.org", from: "01-x/01-y.md") == nil)
        #expect(BookletLinks.coursePath("#part", from: "01-x/01-y.md") == nil)
    }
}
