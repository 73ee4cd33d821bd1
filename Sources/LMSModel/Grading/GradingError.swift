import Foundation

/// A grade that cannot be recorded, with what to do about it. The description names the criterion
/// (or question) at fault and the allowed range.
public struct GradingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// A score for a criterion the rubric does not have.
        case unknownCriterion(String, known: [String])
        /// A rubric criterion without a score.
        case missingCriterion(String)
        /// A score outside `0...maximum`, or not a number.
        case outOfRange(String, score: Double, maximum: Double)
        /// The scores add up to more than the item is worth.
        case overMaximum(total: Double, maximum: Double)
        /// Two scores name the same criterion (names match ignoring case and surrounding spaces).
        case duplicateCriterion(String, String)
    }

    /// What went wrong.
    public var reason: Reason

    /// Makes an error.
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .unknownCriterion(let name, let known):
            let list =
                known.isEmpty
                ? "this item has no rubric: give one score named \"points\"" : "known: \(known.joined(separator: ", "))"
            return "\"\(name)\" is not a criterion of the rubric (\(list))"
        case .missingCriterion(let name):
            return "no score for \"\(name)\": score every criterion of the rubric"
        case .outOfRange(let name, let score, let maximum):
            return
                "\"\(name)\" must be between 0 and \(ScoreFormat.text(maximum)) (got \(ScoreFormat.text(score)))"
        case .overMaximum(let total, let maximum):
            return
                "the scores add up to \(ScoreFormat.text(total)), more than the \(ScoreFormat.text(maximum)) points the item is worth"
        case .duplicateCriterion(let first, let second):
            return "\"\(first)\" and \"\(second)\" are the same criterion (names ignore case): give it one score"
        }
    }
}
