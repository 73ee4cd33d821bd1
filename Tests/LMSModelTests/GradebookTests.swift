import Foundation
import Testing
@testable import LMSModel

struct GradebookTests {
    let items = [
        GradedItem(id: "q1", title: "Quiz 1", kind: .quiz, maxPoints: 10),
        GradedItem(id: "q2", title: "Quiz 2", kind: .quiz, maxPoints: 10),
        GradedItem(id: "a1", title: "Essay", kind: .assignment, maxPoints: 20)
    ]
    let ann = GradebookStudent(id: "u1", username: "ann", displayName: "Ann")
    let bob = GradebookStudent(id: "u2", username: "bob", displayName: "Bob, Jr")

    @Test func weightedTotal_UsesRelativeWeightsPerKind() {
        let book = Gradebook(
            items: items, students: [ann], scores: ["u1": ["q1": 10, "q2": 5, "a1": 10]],
            policy: GradingPolicy(passPercent: 60, weights: ["quiz": 1, "assignment": 3]))
        let row = book.rows[0]
        #expect(row.kindPercent == ["quiz": 75, "assignment": 50])
        #expect(abs(row.total - (75 * 1 + 50 * 3) / 4) < 1e-9) // 56.25
        #expect(!row.passed)
    }

    @Test func missingWork_CountsZeroInTotal_ButNotInGradedPercent() {
        let book = Gradebook(
            items: items, students: [ann, bob], scores: ["u1": ["q1": 10]],
            policy: GradingPolicy(passPercent: 50, weights: ["quiz": 50, "assignment": 50]))
        #expect(book.rows[0].total == 25) // quizzes 50%, assignments 0%
        #expect(book.rows[0].gradedPercent == 100)
        #expect(book.rows[1].total == 0 && book.rows[1].gradedPercent == nil && !book.rows[1].passed)
    }

    @Test func kindWithoutItemsOrWeight_DropsOut_AndNoWeightsMeansPoints() {
        let quizzes = Array(items.prefix(2))
        let book = Gradebook(
            items: quizzes, students: [ann], scores: ["u1": ["q1": 10, "q2": 8]],
            policy: GradingPolicy(passPercent: 60, weights: ["quiz": 40, "assignment": 60]))
        #expect(book.rows[0].total == 90 && book.rows[0].passed)
        let unweighted = Gradebook(
            items: items, students: [ann], scores: ["u1": ["q1": 10, "a1": 20]], policy: GradingPolicy(weights: [:]))
        #expect(unweighted.rows[0].total == 75)
    }

    @Test func scoresAreClamped_AndUnknownItemsIgnored() {
        let book = Gradebook(items: items, students: [ann], scores: ["u1": ["q1": 50, "q2": -3, "zz": 9]], policy: nil)
        #expect(book.rows[0].scores == ["q1": 10, "q2": 0])
    }

    @Test func csv_HasHeaderRowPerStudent_QuotesAndFormulaSafety() {
        let evil = GradebookStudent(id: "u3", username: "=cmd", displayName: "@evil")
        let book = Gradebook(items: items, students: [bob, evil], scores: ["u2": ["q1": 7.5]], policy: nil)
        let lines = book.csv(late: ["u2": "q2 9/10, not counted (too long), attempt a9"]).components(
            separatedBy: "\r\n")
        #expect(
            lines[0]
                == "username,name,Quiz 1 [q1] (/10),Quiz 2 [q2] (/10),Essay [a1] (/20),quiz %,assignment %,total %,result,late attempts"
        )
        #expect(lines[1] == "bob,\"Bob, Jr\",7.5,,,37.5,0.0,18.8,fail,\"q2 9/10, not counted (too long), attempt a9\"")
        #expect(lines[2].hasSuffix(",fail,"), "no late attempt: an empty cell")
        #expect(lines[2].hasPrefix("'=cmd,'@evil,"))
        #expect(lines.count == 4 && lines[3].isEmpty)
    }

    @Test func itemsOfCourse_AreQuizzesAndAssignmentsInOrder() {
        let quiz = Quiz(id: "m/q", title: "Q", questions: [Question(id: "a", text: "?", points: 3, body: .essay)])
        let course = Course(
            id: "c-1", version: SemanticVersion(1, 0, 0), title: "C",
            modules: [
                Module(
                    id: "m", title: "M",
                    items: [
                        .lesson(Lesson(id: "m/l", title: "L", path: "l.md")), .quiz(quiz),
                        .assignment(Assignment(id: "m/a", title: "A", points: 7, path: "a.md"))
                    ])
            ])
        #expect(
            GradedItem.items(of: course) == [
                GradedItem(id: "m/q", title: "Q", kind: .quiz, maxPoints: 3),
                GradedItem(id: "m/a", title: "A", kind: .assignment, maxPoints: 7)
            ])
    }
}
