import Foundation

/// Per question, the share of answers that got it right, so that a bad question (a wrong key, a
/// confusing text) stands out.
///
/// Every scored attempt counts (not only a student's first). A question counts as right when it
/// earned its full points (fraction ≥ 0.999); an essay counts only once a teacher has graded it.
public struct ItemAnalysis: Sendable {
    /// Fewer answers than this are too few to flag a question.
    public static let minimumAnswers = 5
    /// A question that fewer than this share get right is flagged.
    public static let lowShare = 0.3

    /// One question's figures.
    public struct QuestionStats: Hashable, Sendable {
        public var quizID: String
        public var questionID: String
        /// The question's text (its first line), for the report.
        public var text: String
        /// Answers scored.
        public var answered: Int
        /// Answers with full points.
        public var correct: Int
        /// `correct / answered` (0 without answers).
        public var share: Double
        /// The mean fraction of the points earned.
        public var meanFraction: Double
        /// Whether the question stands out as suspicious, and why.
        public var flag: String?
    }

    /// One question's result in one attempt.
    public struct Answer: Hashable, Sendable {
        public var questionID: String
        public var fraction: Double
        /// Still awaiting a teacher (not counted).
        public var manual: Bool

        public init(questionID: String, fraction: Double, manual: Bool) {
            self.questionID = questionID
            self.fraction = fraction
            self.manual = manual
        }
    }

    /// The questions, quiz by quiz in course order.
    public var questions: [QuestionStats]

    /// Analyses `results` (quiz id and the answers of one attempt) against the course's quizzes.
    public init(quizzes: [Quiz], results: [(quizID: String, answers: [Answer])]) {
        var tally: [String: (answered: Int, correct: Int, sum: Double)] = [:]
        for (quizID, answers) in results {
            for answer in answers where !answer.manual && answer.fraction.isFinite {
                var t = tally[quizID + "\u{1}" + answer.questionID] ?? (0, 0, 0)
                t.answered += 1
                if answer.fraction >= 0.999 { t.correct += 1 }
                t.sum += min(max(answer.fraction, 0), 1)
                tally[quizID + "\u{1}" + answer.questionID] = t
            }
        }
        questions = quizzes.flatMap { quiz in
            // A description takes no answer: there is nothing to analyse.
            quiz.questions.filter(\.isAnswerable).map { q in
                let t = tally[quiz.id + "\u{1}" + q.id] ?? (0, 0, 0)
                let share = t.answered > 0 ? Double(t.correct) / Double(t.answered) : 0
                var flag: String?
                if t.answered >= Self.minimumAnswers, share < Self.lowShare {
                    flag = "only \(Int((share * 100).rounded()))% got it right: check its key and wording"
                }
                let text = q.text.split(separator: "\n").first.map(String.init) ?? ""
                return QuestionStats(
                    quizID: quiz.id, questionID: q.id, text: text, answered: t.answered, correct: t.correct,
                    share: share, meanFraction: t.answered > 0 ? t.sum / Double(t.answered) : 0, flag: flag)
            }
        }
    }
}
