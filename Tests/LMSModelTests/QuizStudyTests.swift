import Foundation
import LMSModel
import Testing

/// Seeded shuffles, answer sheets, response coding and outbox entries.
struct QuizStudyTests {
    let quiz = Quiz(
        id: "m/q", title: "Q", shuffle: true,
        questions: [
            Question(
                id: "q1", text: "pick",
                body: .single(choices: [
                    Choice(text: "a", fraction: 0), Choice(text: "b", fraction: 1),
                    Choice(text: "c", fraction: 0)
                ])),
            Question(
                id: "q2", text: "many", points: 2,
                body: .multiple(choices: [
                    Choice(text: "2", fraction: 0.5), Choice(text: "3", fraction: -1),
                    Choice(text: "4", fraction: 0.5)
                ])),
            Question(id: "q3", text: "tf", body: .trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)),
            Question(
                id: "q4", text: "match",
                body: .matching(pairs: [MatchPair(left: "Int", right: "42"), MatchPair(left: "S", right: "hi")])),
            Question(id: "q5", text: "num", body: .numeric(answers: [NumericAnswer(value: 3.14, tolerance: 0.01)]))
        ])

    @Test func shuffle_IsTheSameForTheSameSeed_AndCoversEveryQuestion() {
        let a = QuizShuffle(quiz: quiz, seed: 7)
        let b = QuizShuffle(quiz: quiz, seed: 7)
        #expect(a == b)
        #expect(Set(a.questionOrder) == Set(quiz.questions.map(\.id)))
        #expect(a.options(of: quiz.questions[0]).sorted() == [0, 1, 2])
        let orders = Set((0..<20).map { QuizShuffle(quiz: quiz, seed: UInt64($0)).questionOrder })
        #expect(orders.count > 1, "different seeds give different orders")
        var unshuffled = quiz
        unshuffled.shuffle = false
        #expect(QuizShuffle(quiz: unshuffled, seed: 99).questionOrder == ["q1", "q2", "q3", "q4", "q5"])
    }

    @Test func shuffle_KeepsDescriptionsInPlace_AndShufflesTheRestAsBefore() {
        var withIntro = quiz
        withIntro.questions.insert(Question(id: "intro", text: "Part 1", points: 0, body: .description), at: 0)
        withIntro.questions.insert(Question(id: "part2", text: "Part 2", points: 0, body: .description), at: 3)
        for seed in UInt64(0)..<20 {
            let order = QuizShuffle(quiz: withIntro, seed: seed).questionOrder
            #expect(order[0] == "intro" && order[3] == "part2")
            let others = order.filter { $0 != "intro" && $0 != "part2" }
            #expect(others == QuizShuffle(quiz: quiz, seed: seed).questionOrder, "the same seed, the same order")
        }
    }

    @Test func answerSheet_ReadsEachValueByItsQuestion() throws {
        let sheet = try JSONParser.parse(#"{"q1": 1, "q2": [0, 2], "q3": true, "q4": {"Int": "42"}, "q5": 3.14}"#)
        let responses = try AnswerSheet.responses(sheet, for: quiz)
        #expect(responses["q1"] == .choice(1))
        #expect(responses["q2"] == .choices([0, 2]))
        #expect(responses["q4"] == .matches(["Int": "42"]))
        #expect(try Grader.grade(quiz, responses: responses).points == 5.5, "one of two matches is half a point")
        #expect(throws: AnswerSheet.Problem.self) {
            try AnswerSheet.responses(try JSONParser.parse(#"{"q1": 3}"#), for: quiz)
        }
        #expect(throws: AnswerSheet.Problem.self) {
            try AnswerSheet.responses(try JSONParser.parse(#"{"q4": {"Int": "7"}}"#), for: quiz)
        }
        #expect(throws: AnswerSheet.Problem.self) { try AnswerSheet.responses(try JSONParser.parse("[1]"), for: quiz) }
    }

    @Test func responses_RoundTripThroughTaggedJSON() throws {
        let responses: [String: Response] = [
            "a": .choice(2), "b": .choices([0, 1]), "c": .bool(false), "d": .text("x"),
            "e": .number(2.5), "f": .matches(["l": "r"]), "g": .essay("long\ntext")
        ]
        let text = JSONWriter.write(ResponseCoding.json(responses))
        #expect(ResponseCoding.responses(from: try JSONParser.parse(text)) == responses)
        #expect(ResponseCoding.response(from: try JSONParser.parse(#"{"choice": 1.5}"#)) == nil)
    }

    @Test func changeEntries_CarryTheFactsOfTheirChange() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let progress = Progress(
            userID: "u", courseID: "c", lessonID: "m/l", completed: true, secondsByDevice: ["d": 30], lastOpenedAt: date
        )
        let entry = ChangeEntry.progress(progress, deviceID: "d", profileID: "u", at: date)
        #expect(entry.kind == .progress)
        #expect(entry.entityID == "u/c/m/l")
        #expect(entry.payload["secondsByDevice"]?["d"]?.numberValue == 30)
        #expect(entry.payload["lastOpenedAt"]?.numberValue == 1_800_000_000_000)
        let attempt = Attempt(
            id: "a1", userID: "u", courseID: "c", courseVersion: SemanticVersion(1, 0, 0), quizID: "m/q",
            startedAt: date, submittedAt: date, questionOrder: ["q2", "q1"], responses: ["q1": .choice(1)])
        let exam = ChangeEntry.attempt(attempt, deviceID: "d", profileID: "u", at: date)
        #expect(exam.payload["result"] == nil, "an exam attempt awaits the server")
        #expect(exam.payload["responses"]?["q1"]?["choice"]?.numberValue == 1)
        let submission = Submission(
            id: "s1", userID: "u", courseID: "c", assignmentID: "m/a", version: 2, text: "t",
            files: [SubmittedFile(name: "f.py", size: 3, sha256: "ab")], submittedAt: date)
        let sent = ChangeEntry.submission(submission, deviceID: "d", profileID: "u", at: date)
        #expect(sent.payload["files"]?.arrayValue?.first?["name"]?.stringValue == "f.py")
        #expect(sent.payload["version"]?.numberValue == 2)
    }
}
