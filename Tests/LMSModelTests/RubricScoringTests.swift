import Testing
@testable import LMSModel

struct RubricScoringTests {
    let assignment = Assignment(
        id: "m/hello", title: "Hello", points: 10,
        rubric: [
            RubricCriterion(criterion: "Runs", points: 4), RubricCriterion(criterion: "Output", points: 4),
            RubricCriterion(criterion: "Readable", points: 2)
        ], path: "x.md")

    @Test func validScores_AddUp_MatchingCriteriaIgnoringCase() throws {
        #expect(try RubricScoring.total(["runs": 4, "OUTPUT": 3, " Readable ": 1.5], for: assignment) == 8.5)
    }

    @Test func criterionScoredTwice_UnderSpellingsThatDifferInCase_IsRefused() {
        #expect(throws: GradingError(.duplicateCriterion("Runs", "runs"))) {
            try RubricScoring.total(["Runs": 4, "runs": 1, "Output": 4, "Readable": 2], for: assignment)
        }
        #expect(throws: GradingError(.duplicateCriterion(" points", "points"))) {
            try RubricScoring.total(["points": 1, " points": 2], criteria: [], maximum: 5)
        }
        #expect(
            GradingError(.duplicateCriterion("Runs", "runs")).description
                == "\"Runs\" and \"runs\" are the same criterion (names ignore case): give it one score")
    }

    @Test func unknownCriterion_IsNamed_WithTheKnownOnes() {
        #expect(throws: GradingError(.unknownCriterion("Style", known: ["Runs", "Output", "Readable"]))) {
            try RubricScoring.total(["Runs": 4, "Output": 4, "Readable": 2, "Style": 1], for: assignment)
        }
        let error = GradingError(.unknownCriterion("Style", known: ["Runs", "Output"]))
        #expect(error.description.contains("\"Style\"") && error.description.contains("known: Runs, Output"))
    }

    @Test func scoreAboveItsCriterion_OrNegative_OrNaN_IsOutOfRange() {
        #expect(throws: GradingError(.outOfRange("Runs", score: 5, maximum: 4))) {
            try RubricScoring.total(["Runs": 5, "Output": 0, "Readable": 0], for: assignment)
        }
        #expect(throws: GradingError(.outOfRange("Readable", score: -1, maximum: 2))) {
            try RubricScoring.total(["Runs": 0, "Output": 0, "Readable": -1], for: assignment)
        }
        #expect(throws: GradingError.self) {
            try RubricScoring.total(["Runs": .nan, "Output": 0, "Readable": 0], for: assignment)
        }
        #expect(
            GradingError(.outOfRange("Runs", score: 5, maximum: 4)).description
                == "\"Runs\" must be between 0 and 4 (got 5)")
    }

    @Test func missingCriterion_IsRefused() {
        #expect(throws: GradingError(.missingCriterion("Readable"))) {
            try RubricScoring.total(["Runs": 4, "Output": 4], for: assignment)
        }
    }

    @Test func rubricOverTheItemsPoints_IsRefused() throws {
        let criteria = [("A", 6.0), ("B", 6.0)]
        #expect(throws: GradingError(.overMaximum(total: 12, maximum: 10))) {
            try RubricScoring.total(["A": 6, "B": 6], criteria: criteria, maximum: 10)
        }
        #expect(try RubricScoring.total(["A": 6, "B": 4], criteria: criteria, maximum: 10) == 10)
    }

    @Test func withoutRubric_OneScoreNamedPoints() throws {
        let plain = Assignment(id: "m/r", title: "R", points: 5, path: "r.md")
        #expect(try RubricScoring.total(["points": 5], for: plain) == 5)
        #expect(throws: GradingError(.outOfRange("points", score: 6, maximum: 5))) {
            try RubricScoring.total(["points": 6], for: plain)
        }
        #expect(GradingError(.unknownCriterion("x", known: [])).description.contains("give one score named \"points\""))
    }

    @Test func parse_SplitsAtTheLastEquals_AndCanonicalKeepsRubricSpelling() throws {
        #expect(RubricScoring.parse("Runs = 3.5")! == ("Runs", 3.5))
        #expect(RubricScoring.parse("a=b=2")! == ("a=b", 2))
        #expect(RubricScoring.parse("Runs") == nil)
        #expect(RubricScoring.parse("Runs=x") == nil)
        #expect(RubricScoring.canonical(["runs": 1], criteria: ["Runs"]) == ["Runs": 1])
        #expect(ScoreFormat.text(2) == "2" && ScoreFormat.text(2.5) == "2.5")
    }
}
