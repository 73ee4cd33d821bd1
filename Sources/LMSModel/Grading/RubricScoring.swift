import Foundation

/// Checks the scores a teacher gives against a rubric: every criterion known and scored, each
/// within `0...its points`, the total within the item's points.
///
/// An item without a rubric takes one score named `points` (its whole worth).
public enum RubricScoring {
    /// The name of the single score of an item without a rubric.
    public static let wholeScore = "points"

    /// The checked total of `scores` for `assignment`.
    public static func total(_ scores: [String: Double], for assignment: Assignment) throws(GradingError) -> Double {
        try total(scores, criteria: assignment.rubric.map { ($0.criterion, $0.points) }, maximum: assignment.points)
    }

    /// The checked total of `scores` against `criteria` (name, points; empty: one `points` score up to
    /// `maximum`). Criterion names match ignoring case and surrounding spaces; two scores of one
    /// criterion (`Runs` and `runs`) are refused.
    public static func total(_ scores: [String: Double], criteria: [(String, Double)], maximum: Double)
        throws(GradingError) -> Double
    {
        let rubric = criteria.isEmpty ? [(wholeScore, maximum)] : criteria
        var byKey: [String: (name: String, points: Double)] = [:]
        for (name, points) in rubric { byKey[key(name)] = (name, points) }
        var given: [String: Double] = [:]
        var namedAs: [String: String] = [:]
        for (name, score) in scores.sorted(by: { $0.key < $1.key }) {
            guard let criterion = byKey[key(name)] else {
                throw GradingError(.unknownCriterion(name, known: criteria.map(\.0)))
            }
            // Two spellings of one criterion would make the total and the stored scores disagree.
            if let earlier = namedAs[key(name)] { throw GradingError(.duplicateCriterion(earlier, name)) }
            namedAs[key(name)] = name
            guard score.isFinite, score >= 0, score <= criterion.points + 1e-9 else {
                throw GradingError(.outOfRange(criterion.name, score: score, maximum: criterion.points))
            }
            given[key(name)] = score
        }
        for (name, _) in rubric where given[key(name)] == nil { throw GradingError(.missingCriterion(name)) }
        let total = given.values.reduce(0, +)
        guard total <= maximum + 1e-9 else { throw GradingError(.overMaximum(total: total, maximum: maximum)) }
        return total
    }

    /// `scores` with each name replaced by the rubric's spelling (for storage and display).
    public static func canonical(_ scores: [String: Double], criteria: [String]) -> [String: Double] {
        var byKey: [String: String] = [:]
        for name in criteria { byKey[key(name)] = name }
        var out: [String: Double] = [:]
        for (name, score) in scores { out[byKey[key(name)] ?? name] = score }
        return out
    }

    /// Parses `criterion=points` (the last `=` splits, so a criterion may hold one).
    public static func parse(_ text: String) -> (String, Double)? {
        guard let eq = text.lastIndex(of: "=") else { return nil }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, let value = Double(text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces))
        else { return nil }
        return (name, value)
    }

    static func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }
}
