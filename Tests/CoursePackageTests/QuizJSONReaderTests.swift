import Testing
import LMSModel
@testable import CoursePackage

struct QuizJSONReaderTests {
    func read(_ text: String) -> (Quiz?, [String]) {
        var diagnostics: [Diagnostic] = []
        let quiz = QuizJSONReader.read(
            text, file: "q.quiz.json", defaultID: "m/q", defaultTitle: "Q", diagnostics: &diagnostics)
        return (quiz, diagnostics.map(\.description))
    }

    @Test func format_IsOptional_MarkdownByDefault_AndNamedFormatsAreKept() {
        let (quiz, problems) = read(
            """
            {"questions": [
              {"id": "a", "type": "essay", "text": "**Why?**"},
              {"id": "b", "type": "essay", "text": "3 * 4", "format": "moodle"},
              {"id": "c", "type": "essay", "text": "<b>x</b>", "format": "html"},
              {"id": "d", "type": "description", "text": "Read this.", "format": "plain"}
            ]}
            """)
        #expect(problems.isEmpty)
        #expect(quiz?.questions.map(\.format) == [.markdown, .moodle, .html, .plain])
        #expect(quiz?.questions.last?.body == .description)
        #expect(quiz?.questions.last?.points == 0)
        #expect(quiz?.maxPoints == 3)
    }

    @Test func unknownFormat_IsAnError_ThatListsTheFormats() {
        let (quiz, problems) = read(#"{"questions": [{"id": "a", "type": "essay", "text": "x", "format": "rtf"}]}"#)
        #expect(quiz == nil)
        #expect(problems == ["q.quiz.json:1: unknown text format \"rtf\" (expected moodle, plain, markdown, html)"])
    }

    @Test func studentCopy_KeepsTheFormat_AndReadsBackTheSame() {
        let quiz = Quiz(
            id: "m/q", title: "Q", mode: .exam,
            questions: [
                Question(id: "a", text: "3 * 4", format: .moodle, body: .essay),
                Question(id: "b", text: "Intro", format: .moodle, points: 0, body: .description),
                Question(id: "c", text: "*md*", body: .essay)
            ])
        let text = JSONWriter.write(QuizJSONWriter.studentCopy(of: quiz), pretty: true)
        let (copy, problems) = read(text)
        #expect(problems.isEmpty)
        #expect(copy?.questions.map(\.format) == [.moodle, .moodle, .markdown])
        #expect(copy?.questions.map(\.kind) == [.essay, .description, .essay])
        #expect(!text.contains("\"markdown\""), "the default format is not written, as before")
    }
}
