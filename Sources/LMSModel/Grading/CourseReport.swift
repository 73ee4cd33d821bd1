import Foundation

/// What a course report needs to know of a student besides grades.
public struct StudentActivity: Hashable, Sendable {
    /// The student's id.
    public var studentID: String
    /// Lessons completed (of the course's current lessons).
    public var lessonsDone: Int
    /// The last time the student did anything the server saw (progress, attempt, submission).
    public var lastActiveAt: Date?
    /// Whether the course counts as completed (recorded by a teacher, or every lesson done).
    public var completed: Bool

    /// Makes an activity record.
    public init(studentID: String, lessonsDone: Int, lastActiveAt: Date?, completed: Bool) {
        self.studentID = studentID
        self.lessonsDone = lessonsDone
        self.lastActiveAt = lastActiveAt
        self.completed = completed
    }
}

/// Why a student is at risk.
public enum RiskReason: Hashable, Sendable, CustomStringConvertible {
    /// Fewer lessons done than the course's dates call for by now (both as percents).
    case behindSchedule(donePercent: Double, expectedPercent: Double)
    /// Graded work so far below the pass mark (both as percents).
    case failing(gradedPercent: Double, passPercent: Double)
    /// Nothing seen for `days` days (nil: never active).
    case inactive(days: Int?)

    /// A short machine name: `behind`, `failing`, `inactive`.
    public var code: String {
        switch self {
        case .behindSchedule: return "behind"
        case .failing: return "failing"
        case .inactive: return "inactive"
        }
    }

    public var description: String {
        switch self {
        case .behindSchedule(let done, let expected):
            return
                "behind schedule: \(Gradebook.percent(done))% of lessons done, \(Gradebook.percent(expected))% expected by now"
        case .failing(let graded, let pass):
            return "failing: \(Gradebook.percent(graded))% on graded work, \(Gradebook.percent(pass))% needed to pass"
        case .inactive(let days):
            return days.map { "inactive for \($0) days" } ?? "never active"
        }
    }
}

/// A course's figures: completion rate, score distribution, students at risk with the reasons.
public struct CourseReport: Sendable {
    /// How far behind the calendar a student may be before counting as behind (a fraction of the lessons).
    public static let scheduleTolerance = 0.25
    /// The buckets of the distribution: ten of 10 points each (the last holds 100).
    public static let bucketCount = 10

    /// One student at risk.
    public struct AtRisk: Hashable, Sendable {
        public var student: GradebookStudent
        public var reasons: [RiskReason]
    }

    /// Students counted.
    public var students: Int
    /// Students who completed the course.
    public var completed: Int
    /// `completed / students` as a percent (0 without students).
    public var completionRate: Double
    /// Students whose total passes.
    public var passing: Int
    /// The mean total percent.
    public var averageTotal: Double
    /// Students per bucket of total percent: `[0,10)`, `[10,20)`, … `[90,100]`.
    public var distribution: [Int]
    /// The students at risk, in gradebook order (erased accounts are never listed).
    public var atRisk: [AtRisk]
    /// The share of lessons the calendar expects done by now (nil without course dates).
    public var expectedPercent: Double?

    /// Builds the report from the gradebook and each student's activity at `now`.
    /// `start`/`end` are the course's dates (`YYYY-MM-DD`, UTC); `inactiveDays` is the threshold of inactivity.
    public init(
        gradebook: Gradebook, activity: [String: StudentActivity], lessonCount: Int, start: String?, end: String?,
        now: Date, inactiveDays: Int
    ) {
        students = gradebook.rows.count
        completed = gradebook.rows.filter { activity[$0.student.id]?.completed == true }.count
        completionRate = students > 0 ? Double(completed) / Double(students) * 100 : 0
        passing = gradebook.rows.filter(\.passed).count
        averageTotal = students > 0 ? gradebook.rows.reduce(0) { $0 + $1.total } / Double(students) : 0
        var buckets = Array(repeating: 0, count: Self.bucketCount)
        for row in gradebook.rows { buckets[Self.bucket(row.total)] += 1 }
        distribution = buckets
        let startDate = start.flatMap(Self.day)
        let endDate = end.flatMap(Self.day)
        var expected: Double?
        if let s = startDate, let e = endDate, e > s {
            expected = min(max(now.timeIntervalSince(s) / e.timeIntervalSince(s), 0), 1) * 100
        }
        expectedPercent = expected
        let started = startDate.map { now >= $0 } ?? true
        var risks: [AtRisk] = []
        for row in gradebook.rows where !row.student.erased {
            var reasons: [RiskReason] = []
            let act = activity[row.student.id]
            if let expected, lessonCount > 0, act?.completed != true {
                let done = Double(act?.lessonsDone ?? 0) / Double(lessonCount) * 100
                if done < expected - Self.scheduleTolerance * 100 {
                    reasons.append(.behindSchedule(donePercent: done, expectedPercent: expected))
                }
            }
            if let graded = row.gradedPercent, graded + 1e-9 < gradebook.policy.passPercent {
                reasons.append(.failing(gradedPercent: graded, passPercent: gradebook.policy.passPercent))
            }
            if started, act?.completed != true {
                if let last = act?.lastActiveAt {
                    let days = Int(now.timeIntervalSince(last) / 86_400)
                    if days >= inactiveDays { reasons.append(.inactive(days: days)) }
                } else {
                    reasons.append(.inactive(days: nil))
                }
            }
            if !reasons.isEmpty { risks.append(AtRisk(student: row.student, reasons: reasons)) }
        }
        atRisk = risks
    }

    /// The bucket of a percent.
    public static func bucket(_ percent: Double) -> Int {
        guard percent.isFinite else { return 0 }
        return min(max(Int(percent / 10), 0), bucketCount - 1)
    }

    /// The label of bucket `i`: `0-9`, … `90-100`.
    public static func bucketLabel(_ i: Int) -> String { i == bucketCount - 1 ? "90-100" : "\(i * 10)-\(i * 10 + 9)" }

    /// Midnight UTC of a `YYYY-MM-DD` day.
    static func day(_ text: String) -> Date? { CalendarDay.date(text) }
}
