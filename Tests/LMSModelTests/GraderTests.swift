import Testing
@testable import LMSModel

struct GraderTests {
    func q(_ body: Question.Body, points: Double = 1, general: String? = nil) -> Question {
        Question(id: "q", text: "?", points: points, body: body, generalFeedback: general)
    }

    @Test func single_RightChoiceEarnsFullPoints_WithItsFeedback() {
        let question = q(
            .single(choices: [Choice(text: "3", fraction: 0), Choice(text: "4", fraction: 1, feedback: "Yes.")]),
            points: 2)
        let result = Grader.grade(question, response: .choice(1))
        #expect(result.points == 2)
        #expect(result.feedback == ["Yes."])
        #expect(Grader.grade(question, response: .choice(0)).points == 0)
    }

    @Test func single_PartialCreditChoice_EarnsItsFraction() {
        let question = q(
            .single(choices: [Choice(text: "a", fraction: 1), Choice(text: "b", fraction: 0.5)]), points: 4)
        #expect(Grader.grade(question, response: .choice(1)).points == 2)
    }

    @Test func single_OutOfRangeIndex_EarnsZero() {
        let question = q(.single(choices: [Choice(text: "a", fraction: 1)]))
        #expect(Grader.grade(question, response: .choice(7)).points == 0)
        #expect(Grader.grade(question, response: .choice(-1)).points == 0)
    }

    @Test func multiple_SumsFractions_ClampedToZeroAndOne() {
        let choices = [
            Choice(text: "2", fraction: 0.5), Choice(text: "3", fraction: -1), Choice(text: "4", fraction: 0.5)
        ]
        let question = q(.multiple(choices: choices), points: 2)
        #expect(Grader.grade(question, response: .choices([0, 2])).points == 2)
        #expect(Grader.grade(question, response: .choices([0])).points == 1)
        #expect(Grader.grade(question, response: .choices([0, 1, 2])).points == 0)
        #expect(Grader.grade(question, response: .choices([1])).points == 0)
        #expect(Grader.grade(question, response: .choices([0, 0, 0])).points == 1, "a choice picked twice counts once")
    }

    @Test func trueFalse_FeedbackFollowsTheAnswerGiven() {
        let question = q(.trueFalse(answer: true, feedbackIfTrue: "right", feedbackIfFalse: "wrong"))
        #expect(Grader.grade(question, response: .bool(true)).feedback == ["right"])
        #expect(Grader.grade(question, response: .bool(false)).fraction == 0)
        #expect(Grader.grade(question, response: .bool(false)).feedback == ["wrong"])
    }

    @Test func short_IgnoresCaseAndExtraSpaces_BestWeightWins() {
        let question = q(
            .short(answers: [ShortAnswer(text: "Lake  Victoria"), ShortAnswer(text: "victoria", fraction: 0.5)]))
        #expect(Grader.grade(question, response: .text("  lake victoria ")).fraction == 1)
        #expect(Grader.grade(question, response: .text("Victoria")).fraction == 0.5)
        #expect(Grader.grade(question, response: .text("nile")).fraction == 0)
    }

    @Test func short_StarMatchesAnyRun_IgnoringCase_AsMoodleDoes() {
        let question = q(
            .short(answers: [
                ShortAnswer(text: "*photosynth*"), ShortAnswer(text: "chloro*ll", fraction: 0.5),
                ShortAnswer(text: "a\\*b", fraction: 0.25, feedback: "literal star")
            ]))
        #expect(Grader.grade(question, response: .text("Photosynthesis")).fraction == 1)
        #expect(Grader.grade(question, response: .text("by PHOTOSYNTHESIS, mostly")).fraction == 1)
        #expect(Grader.grade(question, response: .text("Chlorophyll")).fraction == 0.5)
        #expect(Grader.grade(question, response: .text("chloroll")).fraction == 0.5, "* matches nothing too")
        #expect(Grader.grade(question, response: .text("chlorophyl")).fraction == 0, "anchored at the end")
        #expect(Grader.grade(question, response: .text("a*b")).fraction == 0.25)
        #expect(Grader.grade(question, response: .text("axb")).fraction == 0, "\\* is a literal star")
        #expect(Grader.matches("aa", pattern: "a*a"))
        #expect(!Grader.matches("a", pattern: "a*a"), "the two a's cannot overlap")
        #expect(Grader.matches("anything", pattern: "**"))
    }

    @Test func numeric_AnyOtherAnswer_GivesItsFeedback_OnlyWhenNothingElseMatches() {
        let question = q(
            .numeric(answers: [
                NumericAnswer(value: 5, feedback: "right"),
                NumericAnswer(value: 4, fraction: 0, feedback: "off by one"),
                .anyOther(feedback: "not even close")
            ]))
        #expect(Grader.grade(question, response: .number(5)).feedback == ["right"])
        #expect(Grader.grade(question, response: .number(4)).feedback == ["off by one"])
        let far = Grader.grade(question, response: .number(1e9))
        #expect(far.fraction == 0)
        #expect(far.feedback == ["not even close"])
    }

    @Test func description_IsWorthNothing_AndNeedsNoTeacher() {
        let question = Question(id: "d", text: "Read this first.", points: 0, body: .description)
        let result = Grader.grade(question, response: nil)
        #expect(result == QuestionResult(questionID: "d", fraction: 0, points: 0, maxPoints: 0))
        #expect(!question.isAnswerable)
        let quiz = Quiz(id: "m/q", title: "Q", questions: [question, q(.essay, points: 3)])
        let graded = try? Grader.grade(quiz, responses: [:])
        #expect(graded?.questions.map(\.questionID) == ["q"], "a description has no result in the attempt")
        #expect(graded?.maxPoints == 3)
    }

    @Test func numeric_ToleranceIsInclusive_NaNEarnsZero() {
        let question = q(
            .numeric(answers: [
                NumericAnswer(value: 3.14, tolerance: 0.01), NumericAnswer(value: 3, tolerance: 0.5, fraction: 0.5)
            ]))
        #expect(Grader.grade(question, response: .number(3.15)).fraction == 1)
        #expect(Grader.grade(question, response: .number(3.13)).fraction == 1)
        #expect(Grader.grade(question, response: .number(3.3)).fraction == 0.5)
        #expect(Grader.grade(question, response: .number(.nan)).fraction == 0)
        #expect(Grader.grade(question, response: .number(9)).fraction == 0)
    }

    @Test func matching_CreditPerRightPair_DistractorsIgnored() {
        let question = q(
            .matching(pairs: [
                MatchPair(left: "Int", right: "42"), MatchPair(left: "String", right: "hi"),
                MatchPair(left: "", right: "3.5")
            ]), points: 4)
        #expect(Grader.grade(question, response: .matches(["Int": "42", "String": "hi"])).points == 4)
        #expect(Grader.grade(question, response: .matches(["Int": "42", "String": "3.5"])).points == 2)
    }

    @Test func essay_AwaitsTeacher() {
        let result = Grader.grade(q(.essay, points: 5), response: .essay("because"))
        #expect(result.needsManualGrading)
        #expect(result.points == 0)
        #expect(result.maxPoints == 5)
    }

    @Test func wrongResponseShape_EarnsZero_GeneralFeedbackAlwaysShown() {
        let question = q(.trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil), general: "See lesson 2.")
        let result = Grader.grade(question, response: .text("true"))
        #expect(result.fraction == 0)
        #expect(result.feedback == ["See lesson 2."])
        #expect(Grader.grade(question, response: nil).fraction == 0)
    }

    @Test func quiz_TotalsAndRefusesKeylessExam() throws {
        var quiz = Quiz(
            id: "m/q", title: "Q",
            questions: [
                q(.trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil), points: 1),
                Question(id: "e", text: "?", points: 3, body: .essay)
            ])
        let result = try Grader.grade(quiz, responses: ["q": .bool(true)])
        #expect(result.points == 1)
        #expect(result.maxPoints == 4)
        #expect(result.awaitingManualGrading)
        quiz.keysRemoved = true
        #expect(throws: Grader.GradingError.keysRemoved(quizID: "m/q")) { try Grader.grade(quiz, responses: [:]) }
    }

    @Test func normalize_FoldsCaseAndSpaces_AndLeavesFoldedTextAsItIs() {
        for folded in ["def", "a b c", "x=1", "", "ünïcode ok"] {
            #expect(Grader.normalize(folded) == folded)
        }
        #expect(Grader.normalize("  Hello   World ") == "hello world")
        #expect(Grader.normalize("a\tb\nc") == "a b c")
        #expect(Grader.normalize("ÄB  c") == "äb c")
        #expect(Grader.normalize("Def") == "def")
        #expect(Grader.normalize(" ") == "")
        #expect(Grader.normalize("a ") == "a")
    }
}
