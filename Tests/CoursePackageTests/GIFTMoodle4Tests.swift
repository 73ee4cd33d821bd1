import Foundation
import Testing
@testable import CoursePackage
import LMSModel

/// What Moodle 4.x's GIFT importer makes of descriptions, wildcards, catch-all feedback, weights
/// that do not add up, HTML in titles, text formats, and files with many warnings.
@Suite struct GIFTMoodle4Tests {
    @Test func moodle4Fixture_ImportsWhatMoodleImports() throws {
        let doc = try parseFixture("moodle4")
        let yes = Question.Body.trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)
        expectQuestions(
            doc.questions,
            [
                Question(
                    id: "welcome", title: "Welcome", text: "Read each question carefully.\nYou may use a calculator.",
                    format: .moodle, points: 0, body: .description),
                Question(
                    id: "bold-title-here", title: "Bold title here", text: "What is 3 * 4 * 5?", format: .moodle,
                    body: .numeric(answers: [numeric(60)])),
                Question(
                    id: "python-names", title: "Python names",
                    text: "In Python, __init__ runs when an object is made.", format: .moodle, body: yes),
                Question(
                    id: "blank", title: "Blank", text: "Fill the _____ in: a __ b", format: .moodle,
                    body: .short(answers: [short("gap")])),
                Question(
                    id: "wildcard", title: "Wildcard", text: "Name the process plants use to make sugar.",
                    format: .moodle, body: .short(answers: [short("*photosynth*"), short("chloro*ll", 0.5)])),
                Question(
                    id: "catch-all", title: "Catch all", text: "How many legs has a spider?", format: .moodle,
                    body: .numeric(answers: [
                        numeric(8, 0, 1, "Right."), numeric(6, 0, 0.5, "Insects have 6."),
                        .anyOther(feedback: "Count again: spiders have 8.")
                    ])),
                Question(
                    id: "weights", title: "Weights", text: "Which are primary colours?", format: .moodle,
                    body: .multiple(choices: [choice("red", 0.5), choice("blue", 0.25), choice("green", -1)])),
                Question(
                    id: "q7", text: "<p>Is <b>this</b> bold &amp; <i>true</i>?</p>", format: .html, body: yes),
                Question(id: "plain", title: "Plain", text: "Line one\nline two", format: .plain, body: yes),
                Question(
                    id: "markdown", title: "Markdown", text: "Give **one** reason.", format: .markdown, body: .essay),
                Question(
                    id: "html-description", title: "HTML description",
                    text: "<p>Part 2 &mdash; <em>reading</em></p>", format: .html, points: 0, body: .description)
            ])
        #expect(
            doc.diagnostics.map(\.description) == [
                "moodle4.gift:16: warning: the positive weights of this multiple-answer question add up to 75%, "
                    + "not 100%, so nobody can get full marks (fix the ~%n% weights, or mark one answer with = to "
                    + "make it single-choice)",
                positionalWarning("moodle4.gift", 18, "q7")
            ])
    }

    @Test func descriptionsDoNotMoveThePositionalIdsOfQuestions() {
        let doc = GIFTParser.parse("Intro text.\n\nFirst {T}\n\nMore text.\n\nSecond {F}", file: "d.gift")
        #expect(doc.questions.map(\.id) == ["d1", "q1", "d2", "q2"])
        #expect(doc.questions.map(\.kind) == [.description, .truefalse, .description, .truefalse])
        #expect(!doc.diagnostics.contains { $0.description.contains("d1") || $0.description.contains("d2") })
    }

    @Test func aFileOfOnlyDescriptions_IsAValidQuiz_WorthNoPoints() {
        var diagnostics: [Diagnostic] = []
        let quiz = CourseLoader.readGIFT(
            "::Notes:: Only text here.\n\nAnd a second paragraph.", file: "notes.gift", defaultID: "m/notes",
            defaultTitle: "Notes",
            diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.description))")
        #expect(quiz?.questions.count == 2)
        #expect(quiz?.maxPoints == 0)
    }

    @Test func manyWarnings_AreCappedInPrint_ButNeverMakeTheFileInvalid() {
        // 1,200 questions without ids: one positional warning each.
        let text = (1...1_200).map { "Question \($0) {T}" }.joined(separator: "\n\n")
        let doc = GIFTParser.parse(text, file: "many.gift")
        #expect(doc.questions.count == 1_200)
        #expect(!doc.diagnostics.hasErrors)
        #expect(doc.diagnostics.count == 1_001)
        #expect(
            doc.diagnostics.last?.description
                == "many.gift: warning: 200 more warnings are not shown; fix these and validate again")
        // An error past the cap still makes the file invalid.
        let broken = GIFTParser.parse(text + "\n\nBroken {", file: "many.gift")
        #expect(broken.diagnostics.hasErrors)
    }

    @Test func titles_LoseTheirTags_AndAreCutTo255Characters() {
        let long = String(repeating: "x", count: 300)
        let doc = GIFTParser.parse(
            "::a <b>bold</b> <!-- note --> title < 5::Q {T}\n\n::\(long)::R {T}\n\n::<br>::S {T}", file: "t.gift")
        #expect(doc.questions.map(\.title) == ["a bold  title < 5", String(long.prefix(255)), nil])
    }

    @Test func formatMarkers_AreRecognisedOnlyAtTheStart() {
        let doc = GIFTParser.parse(
            "::a::[html]<b>x</b> {T}\n\n::b::Text [html] later {T}\n\n::c::[latex]y {T}", file: "f.gift")
        #expect(doc.questions.map(\.format) == [.html, .moodle, .moodle])
        #expect(doc.questions.map(\.text) == ["<b>x</b>", "Text [html] later", "[latex]y"])
    }

    @Test func moodleFileReferences_AreReported_TheyAreNotInTheGIFTFile() {
        let doc = GIFTParser.parse(
            "::Chart::[html]<p>Read the chart: <img src\\=\"@@PLUGINFILE@@/chart.png\" alt\\=\"Sales\"></p>{T}",
            file: "c.gift")
        #expect(
            doc.questions.first?.text == "<p>Read the chart: <img src=\"@@PLUGINFILE@@/chart.png\" alt=\"Sales\"></p>")
        #expect(doc.diagnostics.map(\.severity) == [.warning])
        #expect(doc.diagnostics.first?.message.contains("@@PLUGINFILE@@") == true)
    }

    @Test func anEqualsSignGluedToAChoice_IsImportedAsMoodleDoes_WithAWarning() {
        let doc = GIFTParser.parse("::k:: Which sets the root? {~init=/dev/sda3 =root\\=/dev/sda3}", file: "k.gift")
        #expect(
            doc.questions.first?.body
                == .single(choices: [choice("init", 0), choice("/dev/sda3", 1), choice("root=/dev/sda3", 1)]))
        #expect(
            doc.diagnostics.map(\.description) == [
                "k.gift:1: warning: an = inside a choice starts a new right answer, in Moodle too (\"x=1\" becomes "
                    + "\"x\" and a right \"1\"): write \\= for a literal ="
            ])
    }
}
