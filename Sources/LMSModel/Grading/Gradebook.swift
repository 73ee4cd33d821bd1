import Foundation

/// A quiz or assignment that counts toward the final grade.
public struct GradedItem: Hashable, Sendable {
    /// The kinds of graded item, named as `GradingPolicy.weights` names them.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case quiz, assignment
    }

    /// The item's id.
    public var id: String
    /// Its title.
    public var title: String
    /// Quiz or assignment.
    public var kind: Kind
    /// What it is worth.
    public var maxPoints: Double

    /// Makes an item.
    public init(id: String, title: String, kind: Kind, maxPoints: Double) {
        self.id = id
        self.title = title
        self.kind = kind
        self.maxPoints = maxPoints
    }

    /// The graded items of a course, in course order: its quizzes (worth their questions' points)
    /// and assignments (worth their points).
    public static func items(of course: Course) -> [GradedItem] {
        course.items.compactMap { item in
            switch item {
            case .quiz(let quiz):
                return GradedItem(id: quiz.id, title: quiz.title, kind: .quiz, maxPoints: quiz.maxPoints)
            case .assignment(let a): return GradedItem(id: a.id, title: a.title, kind: .assignment, maxPoints: a.points)
            case .lesson: return nil
            }
        }
    }
}

/// A student as the gradebook and reports list them.
public struct GradebookStudent: Hashable, Sendable {
    /// The server's id.
    public var id: String
    /// The login name.
    public var username: String
    /// The name shown.
    public var displayName: String
    /// Whether an administrator erased the account: the student still counts in the figures, under
    /// the anonymous name, but is nobody to grade or to worry about.
    public var erased: Bool

    /// Makes a student.
    public init(id: String, username: String, displayName: String, erased: Bool = false) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.erased = erased
    }
}

/// Students × graded items with weighted totals from a course's `GradingPolicy`.
///
/// **How missing work counts.** `total` counts work not graded (not submitted, not yet graded, or
/// a quiz never taken) as 0: it is the final grade as things stand, and what pass/fail reads.
/// `gradedPercent` counts only what has a grade: how well the student does on the work done so far
/// (the reports use it to tell "failing" from "behind"). Within a kind, points are summed (an item
/// worth 20 weighs twice one worth 10); the kinds are then weighted by the policy's relative weights.
/// A kind without items in the course, or with weight 0, drops out and the others share its weight;
/// with no weight left at all, every item counts by its points.
public struct Gradebook: Sendable {
    /// One student's line.
    public struct Row: Hashable, Sendable {
        /// The student.
        public var student: GradebookStudent
        /// Points per graded item id; an absent id has no grade.
        public var scores: [String: Double]
        /// Percent per kind (missing work as 0), for kinds with items.
        public var kindPercent: [String: Double]
        /// The weighted final percent, missing work as 0.
        public var total: Double
        /// The weighted percent of graded work only; nil when nothing is graded.
        public var gradedPercent: Double?
        /// Whether `total` reaches the pass mark.
        public var passed: Bool
    }

    /// The graded items, in course order.
    public var items: [GradedItem]
    /// The policy used (the course's, or `GradingPolicy()` when it has none).
    public var policy: GradingPolicy
    /// One row per student, in the order given.
    public var rows: [Row]

    /// Builds the gradebook. `scores` holds points by student id, then item id; ids of items not in
    /// `items` are ignored, and points are clamped to `0...maxPoints`.
    public init(
        items: [GradedItem], students: [GradebookStudent], scores: [String: [String: Double]], policy: GradingPolicy?
    ) {
        self.items = items
        let policy = policy ?? GradingPolicy()
        self.policy = policy
        let weights = Self.effectiveWeights(items: items, policy: policy)
        rows = students.map { student in
            let mine = scores[student.id] ?? [:]
            var earned: [GradedItem.Kind: Double] = [:]
            var possible: [GradedItem.Kind: Double] = [:]
            // `earned` counts graded work only; `possible` every item, `gradedPossible` the graded ones.
            var gradedPossible: [GradedItem.Kind: Double] = [:]
            var kept: [String: Double] = [:]
            for item in items {
                possible[item.kind, default: 0] += item.maxPoints
                guard let raw = mine[item.id], raw.isFinite else { continue }
                let points = min(max(raw, 0), item.maxPoints)
                kept[item.id] = points
                earned[item.kind, default: 0] += points
                gradedPossible[item.kind, default: 0] += item.maxPoints
            }
            var kindPercent: [String: Double] = [:]
            for kind in GradedItem.Kind.allCases where (possible[kind] ?? 0) > 0 {
                kindPercent[kind.rawValue] = (earned[kind] ?? 0) / possible[kind]! * 100
            }
            let total = Self.weighted(earned: earned, possible: possible, weights: weights)
            let graded =
                gradedPossible.values.reduce(0, +) > 0
                ? Self.weighted(earned: earned, possible: gradedPossible, weights: weights) : nil
            return Row(
                student: student, scores: kept, kindPercent: kindPercent, total: total, gradedPercent: graded,
                passed: total + 1e-9 >= policy.passPercent)
        }
    }

    /// The weight of each kind that has items (all 1 when no kind keeps a positive weight).
    static func effectiveWeights(items: [GradedItem], policy: GradingPolicy) -> [GradedItem.Kind: Double] {
        let present = Set(items.filter { $0.maxPoints > 0 }.map(\.kind))
        var weights: [GradedItem.Kind: Double] = [:]
        for kind in present { if let w = policy.weights[kind.rawValue], w.isFinite, w > 0 { weights[kind] = w } }
        return weights
    }

    /// The weighted percent: each weighted kind's points ratio by its weight; without weights, all points together.
    static func weighted(
        earned: [GradedItem.Kind: Double], possible: [GradedItem.Kind: Double], weights: [GradedItem.Kind: Double]
    ) -> Double {
        if weights.isEmpty {
            let max = possible.values.reduce(0, +)
            return max > 0 ? earned.values.reduce(0, +) / max * 100 : 0
        }
        var sum = 0.0
        var weightSum = 0.0
        for (kind, weight) in weights {
            guard let max = possible[kind], max > 0 else { continue }
            sum += weight * (earned[kind] ?? 0) / max * 100
            weightSum += weight
        }
        return weightSum > 0 ? sum / weightSum : 0
    }

    /// The gradebook as CSV (RFC 4180, formula-safe): one line per student with each item's points
    /// (empty when ungraded), the percent per kind, the total, `pass`/`fail`, and the student's late
    /// attempts in words (`late`, by student id: counted only when a teacher counted them, so a
    /// spreadsheet shows why a score is missing).
    public func csv(late: [String: String] = [:]) -> String {
        var out =
            CSV.line(
                ["username", "name"] + items.map { "\($0.title) [\($0.id)] (/\(ScoreFormat.text($0.maxPoints)))" }
                    + GradedItem.Kind.allCases.map { "\($0.rawValue) %" } + ["total %", "result", "late attempts"])
            + "\r\n"
        out.reserveCapacity(rows.count * (items.count * 4 + 40))
        for row in rows {
            var fields = [row.student.username, row.student.displayName]
            for item in items { fields.append(row.scores[item.id].map(ScoreFormat.text) ?? "") }
            for kind in GradedItem.Kind.allCases {
                fields.append(row.kindPercent[kind.rawValue].map(Self.percent) ?? "")
            }
            fields.append(Self.percent(row.total))
            fields.append(row.passed ? "pass" : "fail")
            fields.append(late[row.student.id] ?? "")
            out += CSV.line(fields) + "\r\n"
        }
        return out
    }

    /// A percent with one decimal.
    public static func percent(_ value: Double) -> String { String(format: "%.1f", value) }
}
