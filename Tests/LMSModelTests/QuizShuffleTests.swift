import LMSModel
import Testing

/// Matching questions: options shuffled whatever the quiz says, never in answer order, and used once
/// unless the key itself repeats one.
struct QuizShuffleTests {
    static func matching(_ rights: [String]) -> Question {
        Question(
            id: "m", text: "match",
            body: .matching(pairs: rights.enumerated().map { MatchPair(left: "L\($0.offset)", right: $0.element) }))
    }

    @Test func matchingOptions_AreNeverInAnswerOrder_EvenInAnUnshuffledQuiz() {
        for count in 2...5 {
            let question = Self.matching((0..<count).map { "R\($0)" })
            let quiz = Quiz(id: "m/q", title: "Q", shuffle: false, questions: [question])
            for seed in 0..<200 {
                let order = QuizShuffle(quiz: quiz, seed: UInt64(seed)).options(of: question)
                #expect(order.sorted() == Array(0..<count))
                #expect(order != Array(0..<count), "seed \(seed), \(count) options in answer order")
            }
        }
    }

    @Test func matchingOrder_IsTheSameForTheSameSeed_AndVaries() {
        let question = Self.matching(["a", "b", "c", "d"])
        let quiz = Quiz(id: "m/q", title: "Q", shuffle: false, questions: [question])
        #expect(
            QuizShuffle(quiz: quiz, seed: 5).options(of: question)
                == QuizShuffle(quiz: quiz, seed: 5).options(of: question))
        let orders = Set((0..<50).map { QuizShuffle(quiz: quiz, seed: UInt64($0)).options(of: question) })
        #expect(orders.count > 5)
    }

    @Test func unshuffledQuiz_KeepsChoicesInAuthoringOrder() {
        let question = Question(
            id: "c", text: "pick",
            body: .single(choices: [Choice(text: "a", fraction: 1), Choice(text: "b", fraction: 0)]))
        let quiz = Quiz(id: "m/q", title: "Q", shuffle: false, questions: [question])
        #expect(QuizShuffle(quiz: quiz, seed: 3).options(of: question) == [0, 1])
    }

    @Test func repeatedOptions_AreAllowedOnlyWhenTheKeyRepeatsOne() {
        #expect(
            !QuizShuffle.allowsRepeatedOptions([MatchPair(left: "a", right: "1"), MatchPair(left: "b", right: "2")]))
        #expect(QuizShuffle.allowsRepeatedOptions([MatchPair(left: "a", right: "1"), MatchPair(left: "b", right: "1")]))
        // A distractor (empty left) adds an option, not a use.
        #expect(!QuizShuffle.allowsRepeatedOptions([MatchPair(left: "a", right: "1"), MatchPair(left: "", right: "1")]))
    }
}
