import Foundation
import Testing
import CoursePackage
import LMSModel

/// Loads and parses a fixture from `Fixtures/gift/`.
func parseFixture(_ name: String) throws -> GIFTDocument {
    let text = try fixtureText(name)
    return GIFTParser.parse(text, file: "\(name).gift")
}

/// The text of a fixture from `Fixtures/gift/`.
func fixtureText(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "gift", subdirectory: "Fixtures/gift"))
    return try String(contentsOf: url, encoding: .utf8)
}

/// A choice.
func choice(_ text: String, _ fraction: Double, _ feedback: String? = nil) -> Choice {
    Choice(text: text, fraction: fraction, feedback: feedback)
}

/// A short answer.
func short(_ text: String, _ fraction: Double = 1, _ feedback: String? = nil) -> ShortAnswer {
    ShortAnswer(text: text, fraction: fraction, feedback: feedback)
}

/// A numeric answer.
func numeric(_ value: Double, _ tolerance: Double = 0, _ fraction: Double = 1, _ feedback: String? = nil)
    -> NumericAnswer
{
    NumericAnswer(value: value, tolerance: tolerance, fraction: fraction, feedback: feedback)
}

/// A matching pair.
func pair(_ left: String, _ right: String) -> MatchPair { MatchPair(left: left, right: right) }

/// Checks parsed questions one by one against the expected ones (clearer failures than one `==`).
func expectQuestions(_ actual: [Question], _ expected: [Question], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (got, want) in zip(actual, expected) {
        #expect(got == want, sourceLocation: sourceLocation)
    }
}

/// The `warning: question has no id` diagnostic for a positional id.
func positionalWarning(_ file: String, _ line: Int, _ id: String) -> String {
    "\(file):\(line): warning: question has no id; its id \(id) follows its position, so it changes when "
        + "questions are added above it (add ::title:: or // id:)"
}
