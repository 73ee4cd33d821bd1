import Foundation
import Testing
@testable import LMSModel

struct CourseReportTests {
    let items = [GradedItem(id: "q1", title: "Q", kind: .quiz, maxPoints: 10)]
    let students = (1...4).map { GradebookStudent(id: "u\($0)", username: "s\($0)", displayName: "S\($0)") }
    let day: TimeInterval = 86_400

    func date(_ text: String) -> Date { CourseReport.day(text)! }

    @Test func completionRate_Distribution_AndPassing() {
        let book = Gradebook(
            items: items, students: students, scores: ["u1": ["q1": 10], "u2": ["q1": 5], "u3": ["q1": 0.5]],
            policy: GradingPolicy(passPercent: 50, weights: ["quiz": 1]))
        let activity = ["u1": StudentActivity(studentID: "u1", lessonsDone: 4, lastActiveAt: nil, completed: true)]
        let report = CourseReport(
            gradebook: book, activity: activity, lessonCount: 4, start: nil, end: nil, now: Date(), inactiveDays: 14)
        #expect(report.students == 4 && report.completed == 1 && report.completionRate == 25)
        #expect(report.passing == 2)
        #expect(report.distribution == [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]) // 0 and 5 → first bucket; 50; 100 → last
        #expect(CourseReport.bucketLabel(9) == "90-100" && CourseReport.bucketLabel(0) == "0-9")
    }

    @Test func atRisk_NamesEachReason() {
        let book = Gradebook(
            items: items, students: students, scores: ["u2": ["q1": 2]],
            policy: GradingPolicy(passPercent: 60, weights: ["quiz": 1]))
        let now = date("2027-01-21") // half way through 2027-01-01 … 2027-02-10
        let activity = [
            // on track
            "u1": StudentActivity(studentID: "u1", lessonsDone: 5, lastActiveAt: now - day, completed: false),
            // behind, failing, inactive
            "u2": StudentActivity(studentID: "u2", lessonsDone: 1, lastActiveAt: now - 20 * day, completed: false),
            // done: not at risk
            "u4": StudentActivity(studentID: "u4", lessonsDone: 10, lastActiveAt: now - 30 * day, completed: true)
        ]
        let report = CourseReport(
            gradebook: book, activity: activity, lessonCount: 10, start: "2027-01-01", end: "2027-02-10",
            now: now, inactiveDays: 14)
        #expect(report.expectedPercent == 50)
        let byName = Dictionary(uniqueKeysWithValues: report.atRisk.map { ($0.student.username, $0.reasons) })
        #expect(byName["s1"] == nil && byName["s4"] == nil)
        #expect(
            byName["s2"] == [
                .behindSchedule(donePercent: 10, expectedPercent: 50), .failing(gradedPercent: 20, passPercent: 60),
                .inactive(days: 20)
            ])
        #expect(byName["s3"] == [.behindSchedule(donePercent: 0, expectedPercent: 50), .inactive(days: nil)])
        #expect(RiskReason.inactive(days: nil).description == "never active")
        #expect(
            RiskReason.failing(gradedPercent: 20, passPercent: 60).description
                == "failing: 20.0% on graded work, 60.0% needed to pass")
        #expect(RiskReason.behindSchedule(donePercent: 10, expectedPercent: 50).code == "behind")
    }

    @Test func beforeTheCourseStarts_NobodyIsInactiveOrBehind() {
        let book = Gradebook(items: items, students: students, scores: [:], policy: nil)
        let report = CourseReport(
            gradebook: book, activity: [:], lessonCount: 10, start: "2030-01-01", end: "2030-02-01",
            now: date("2029-06-01"), inactiveDays: 14)
        #expect(report.atRisk.isEmpty && report.expectedPercent == 0)
    }
}
