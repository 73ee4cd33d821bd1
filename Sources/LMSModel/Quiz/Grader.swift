import Foundation

/// The outcome of grading one question.
public struct QuestionResult: Hashable, Sendable, Codable {
    /// The question.
    public var questionID: String
    /// The credit earned, 0...1 (0 while awaiting a teacher).
    public var fraction: Double
    /// Points earned (`fraction × points`).
    public var points: Double
    /// Points possible.
    public var maxPoints: Double
    /// True for an essay: a teacher must grade it.
    public var needsManualGrading: Bool
    /// Feedback that applies to the answer given.
    public var feedback: [String]

    /// Makes a result.
    public init(
        questionID: String, fraction: Double, points: Double, maxPoints: Double, needsManualGrading: Bool = false,
        feedback: [String] = []
    ) {
        self.questionID = questionID
        self.fraction = fraction
        self.points = points
        self.maxPoints = maxPoints
        self.needsManualGrading = needsManualGrading
        self.feedback = feedback
    }
}

/// The outcome of grading a whole attempt.
public struct QuizResult: Hashable, Sendable, Codable {
    /// Per question, in the quiz's order.
    public var questions: [QuestionResult]

    /// Makes a result.
    public init(questions: [QuestionResult]) { self.questions = questions }

    /// Points earned on auto-graded questions.
    public var points: Double { questions.reduce(0) { $0 + $1.points } }
    /// Points possible.
    public var maxPoints: Double { questions.reduce(0) { $0 + $1.maxPoints } }
    /// True while any question waits for a teacher.
    public var awaitingManualGrading: Bool { questions.contains { $0.needsManualGrading } }
    /// Points as a percentage of the maximum.
    public var percent: Double { maxPoints > 0 ? points / maxPoints * 100 : 0 }
}

/// Grades answers against a question's key. Pure: the same question and response always give the same result.
public enum Grader {
    /// Why a quiz cannot be graded here.
    public enum GradingError: Error, Equatable, CustomStringConvertible {
        /// The quiz is a student build of an exam: only the server holds the key.
        case keysRemoved(quizID: String)

        /// What happened and what to do.
        public var description: String {
            switch self {
            case .keysRemoved(let id):
                return "quiz \(id) is an exam: it is graded by the server; sync to receive the score"
            }
        }
    }

    /// Grades every question of `quiz` (unanswered questions earn 0).
    public static func grade(_ quiz: Quiz, responses: [String: Response]) throws -> QuizResult {
        guard !quiz.keysRemoved else { throw GradingError.keysRemoved(quizID: quiz.id) }
        // Descriptions take no answer and give no points: they have no result.
        return QuizResult(
            questions: quiz.questions.filter(\.isAnswerable).map { grade($0, response: responses[$0.id]) })
    }

    /// Grades one question. A response of the wrong shape earns 0.
    public static func grade(_ question: Question, response: Response?) -> QuestionResult {
        var feedback: [String] = []
        let fraction: Double
        var manual = false
        switch (question.body, response) {
        case (.essay, _):
            fraction = 0
            manual = true
        case (.description, _):
            return QuestionResult(questionID: question.id, fraction: 0, points: 0, maxPoints: 0)
        case (.single(let choices), .choice(let index)?):
            if choices.indices.contains(index) {
                fraction = choices[index].fraction
                feedback.append(contentsOf: choices[index].feedback.map { [$0] } ?? [])
            } else {
                fraction = 0
            }
        case (.multiple(let choices), .choices(let picked)?):
            let unique = Set(picked).filter { choices.indices.contains($0) }.sorted()
            fraction = unique.reduce(0) { $0 + choices[$1].fraction }
            feedback.append(contentsOf: unique.compactMap { choices[$0].feedback })
        case (.trueFalse(let answer, let ifTrue, let ifFalse), .bool(let given)?):
            fraction = given == answer ? 1 : 0
            if let text = given ? ifTrue : ifFalse { feedback.append(text) }
        case (.short(let answers), .text(let given)?):
            let response = normalize(given)
            let match = answers.filter { matches(response, pattern: normalize($0.text)) }.max {
                $0.fraction < $1.fraction
            }
            fraction = match?.fraction ?? 0
            if let text = match?.feedback { feedback.append(text) }
        case (.numeric(let answers), .number(let given)?):
            let match = answers.filter {
                given.isFinite && abs(given - $0.value) <= $0.tolerance + 1e-9 * max(1, abs($0.value))
            }
            .max { $0.fraction < $1.fraction }
            fraction = match?.fraction ?? 0
            if let text = match?.feedback { feedback.append(text) }
        case (.matching(let pairs), .matches(let given)?):
            let real = pairs.filter { !$0.left.isEmpty }
            let right = real.filter { given[$0.left] == $0.right }.count
            fraction = real.isEmpty ? 0 : Double(right) / Double(real.count)
        default:
            fraction = 0
        }
        let clamped = min(1, max(0, fraction))
        if let general = question.generalFeedback { feedback.append(general) }
        return QuestionResult(
            questionID: question.id, fraction: clamped, points: clamped * question.points,
            maxPoints: question.points, needsManualGrading: manual, feedback: feedback)
    }

    /// Folds case and runs of white space, as Moodle's short answer does by default.
    static func normalize(_ text: String) -> String {
        // Already folded: ASCII without capitals, spaces single and inside (most answers and keys).
        var folded = true
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || (byte <= 0x20 && (byte != 0x20 || previous == 0x20)) {
                folded = false
                break
            }
            previous = byte
        }
        if folded && previous != 0x20 || text.isEmpty { return text }
        return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Moodle's `compare_string_with_wildcard`: a run of `*` in `pattern` matches any run of
    /// characters (none too), `\*` is a literal `*`, everything else matches itself. Both sides are
    /// already normalized (so the match ignores case, as Moodle's short answer does by default).
    static func matches(_ response: String, pattern: String) -> Bool {
        let parts = wildcardParts(pattern)
        guard parts.count > 1 else { return response == parts[0] }
        var rest = Substring(response)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        // The last part is anchored at the end: it must fit in what the middle parts left.
        return rest.hasSuffix(parts[parts.count - 1])
    }

    /// The pattern split at runs of unescaped `*`, with `\*` turned into `*` in the parts.
    private static func wildcardParts(_ pattern: String) -> [String] {
        var parts: [String] = [""]
        var previous: Character?
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            let next = pattern.index(after: index)
            if character == "\\", next < pattern.endIndex, pattern[next] == "*" {
                parts[parts.count - 1].append("*")
                previous = nil
                index = pattern.index(after: next)
                continue
            }
            if character == "*" {
                if previous != "*" { parts.append("") }
            } else {
                parts[parts.count - 1].append(character)
            }
            previous = character
            index = next
        }
        return parts
    }
}
