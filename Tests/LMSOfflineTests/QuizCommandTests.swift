import Foundation
import LMSModel
import LMSTestSupport
import Testing

/// Quizzes through `--answers`, as a script would.
struct QuizCommandTests {
    @Test func practiceQuiz_Answers_AreGradedHere() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let sheet = try f.write(
            "a.json",
            #"{"q1": 1, "q2": [0, 2], "q3": true, "q4": "def", "q5": 3.14, "q6": {"Int": "42", "String": "\"hi\""}, "q7": "A function that calls itself."}"#
        )
        let result = try f.json(["quiz", "foundations/check", "--answers", sheet])
        #expect(result["status"]?.stringValue == "graded")
        #expect(result["result"]?["points"]?.numberValue == 7)
        #expect(result["result"]?["maxPoints"]?.numberValue == 12)
        #expect(result["result"]?["awaitingManualGrading"]?.boolValue == true)
        let text = try f.ok(["quiz", "check", "--answers", try f.write("b.json", #"{"q1": 0}"#)])
        #expect(text.stdout.contains("Score: 0 / 12 (0%)"))
        // maxAttempts is 2: a third attempt is refused, and nothing is written.
        let outbox = try f.count("SELECT count(*) FROM outbox")
        let third = try f.run(["quiz", "check", "--answers", sheet])
        #expect(third.status == 1)
        #expect(third.stderr.contains("you have used all 2 attempts"))
        #expect(try f.count("SELECT count(*) FROM outbox") == outbox)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'attempt'") == 2)
        // Their ids are time-ordered (UUID version 7), in the order they were made.
        let ids = try f.store().read {
            try $0.fetchColumn(String.self, "SELECT entity_id FROM outbox WHERE kind = 'attempt' ORDER BY seq")
        }.compactMap { $0 }
        let made = ids.compactMap(TimeOrderedID.milliseconds(of:))
        #expect(made.count == 2 && made == made.sorted(), "\(ids)")
        let grades = try f.json(["grades"])
        #expect(grades.arrayValue?.compactMap { $0["points"]?.numberValue } == [7, 0])
    }

    @Test func examQuiz_IsStoredAwaitingTheServer() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let result = try f.json([
            "quiz", "exam", "--answers",
            try f.write("e.json", #"{"e1": 1, "e2": 5, "e3": {"a": "1"}, "e4": "Washing dishes."}"#)
        ])
        #expect(result["status"]?.stringValue == "awaiting-server")
        #expect(result["result"] == nil)
        let payload = try f.store().read {
            try $0.fetchScalar(String.self, "SELECT payload FROM outbox WHERE kind = 'attempt'")
        }
        let json = try JSONParser.parse(try #require(payload))
        #expect(json["quiz"]?.stringValue == "practice/exam")
        #expect(json["courseVersion"]?.stringValue == "1.2.0")
        #expect(json["result"] == nil)
        #expect(json["responses"]?["e2"]?["number"]?.numberValue == 5)
        let grades = try f.json(["grades"])
        #expect(grades.arrayValue?.first?["status"]?.stringValue == "awaiting-server")
        #expect(result["review"]?.stringValue == "afterClose", "an exam's default")
    }

    @Test func practiceQuiz_WithReviewAfterClose_IsNotScoredHere_OneRuleWithExams() throws {
        let f = ClientFixture()
        let folder = f.scratch.sub("rich-after-close")
        try FileManager.default.copyItem(atPath: RichSample.folder, toPath: folder)
        let quiz = folder + "/01-foundations/05-check.quiz.json"
        let text = try String(contentsOfFile: quiz, encoding: .utf8)
            .replacingOccurrences(of: #""mode": "practice","#, with: #""mode": "practice", "review": "afterClose","#)
        try text.write(toFile: quiz, atomically: true, encoding: .utf8)
        try f.ok(["install", try f.pack(folder, to: "after-close.zip")])
        try f.addProfile("ana")
        // Answering on the terminal: no verdict per question either (the input ends: the attempt stays
        // open). The lines answer the first question whatever its type (the order is shuffled).
        let typed = try f.run(["quiz", "check"], input: "1\n2\n.\nt\n")
        #expect(typed.stdout.contains("Question 2 of 7"), "\(typed.stdout)")
        for verdict in ["Right.", "Not right.", "Partly right."] { #expect(!typed.stdout.contains(verdict)) }
        let sheet = try f.write("a.json", #"{"q1": 1}"#)
        let result = try f.json(["quiz", "foundations/check", "--answers", sheet])
        #expect(result["status"]?.stringValue == "awaiting-server" && result["result"] == nil, "\(result)")
        #expect(result["review"]?.stringValue == "afterClose")
        let shown = try f.ok(["quiz", "check", "--answers", sheet])
        #expect(shown.stdout.contains("Handed in; marks when the teacher releases the review."))
        #expect(!shown.stdout.contains("Score"))
    }

    @Test func examQuiz_HandedIn_SaysTheMarksComeWithTheReview_NotAScore() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let text = try f.ok(["quiz", "exam", "--answers", try f.write("e.json", #"{"e2": 5}"#)])
        #expect(text.stdout.contains("Handed in; marks when the teacher releases the review."))
        #expect(!text.stdout.contains("Score"))
    }

    @Test func badAnswerSheets_AreRefusedWithWhatToDo() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let unknown = try f.run(["quiz", "check", "--answers", try f.write("u.json", #"{"q9": 1}"#)])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("q9: no such question"))
        let shape = try f.run(["quiz", "check", "--answers", try f.write("s.json", #"{"q1": "four"}"#)])
        #expect(shape.stderr.contains("q1: expected a choice index from 0 to 1, found a string"))
        let broken = try f.run(["quiz", "check", "--answers", try f.write("x.json", "{")])
        #expect(broken.stderr.contains("cannot use the answers in"))
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'attempt'") == 0)
    }
}
