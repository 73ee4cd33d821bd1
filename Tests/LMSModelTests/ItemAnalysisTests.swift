import Testing
@testable import LMSModel

struct ItemAnalysisTests {
    let quiz = Quiz(
        id: "m/q", title: "Q",
        questions: [
            Question(
                id: "good", text: "Easy one\nmore",
                body: .trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)),
            Question(
                id: "bad", text: "Wrong key", body: .trueFalse(answer: false, feedbackIfTrue: nil, feedbackIfFalse: nil)
            ),
            Question(id: "essay", text: "Write", body: .essay)
        ])

    @Test func shareRight_PerQuestion_FlagsTheBadOne() {
        var results: [(quizID: String, answers: [ItemAnalysis.Answer])] = []
        for i in 0..<10 {
            results.append(
                (
                    "m/q",
                    [
                        .init(questionID: "good", fraction: i < 8 ? 1 : 0, manual: false),
                        .init(questionID: "bad", fraction: i < 1 ? 1 : 0, manual: false),
                        .init(questionID: "essay", fraction: 0, manual: true)
                    ]
                ))
        }
        results.append(("other", [.init(questionID: "good", fraction: 1, manual: false)]))
        let analysis = ItemAnalysis(quizzes: [quiz], results: results)
        #expect(analysis.questions.map(\.questionID) == ["good", "bad", "essay"])
        let good = analysis.questions[0]
        let bad = analysis.questions[1]
        let essay = analysis.questions[2]
        #expect(
            good.answered == 10 && good.correct == 8 && good.share == 0.8 && good.flag == nil && good.text == "Easy one"
        )
        #expect(bad.share == 0.1 && bad.flag?.contains("only 10% got it right") == true)
        #expect(essay.answered == 0 && essay.flag == nil, "ungraded essays are not counted")
    }

    @Test func descriptions_AreLeftOut_TheyTakeNoAnswer() {
        var withIntro = quiz
        withIntro.questions.insert(Question(id: "intro", text: "Read first", points: 0, body: .description), at: 0)
        let results: [(quizID: String, answers: [ItemAnalysis.Answer])] = (0..<10).map { _ in
            ("m/q", [.init(questionID: "intro", fraction: 0, manual: false)])
        }
        let analysis = ItemAnalysis(quizzes: [withIntro], results: results)
        #expect(analysis.questions.map(\.questionID) == ["good", "bad", "essay"])
    }

    @Test func fewAnswers_AreNotFlagged_AndPartialCreditIsNotRight() {
        let results: [(quizID: String, answers: [ItemAnalysis.Answer])] = (0..<3).map { _ in
            ("m/q", [.init(questionID: "bad", fraction: 0.5, manual: false)])
        }
        let bad = ItemAnalysis(quizzes: [quiz], results: results).questions[1]
        #expect(bad.correct == 0 && bad.meanFraction == 0.5 && bad.flag == nil)
    }
}
