import LMSModel
import Testing

/// Scores for people: at most two decimals, no trailing zeros.
struct ScoreFormatTests {
    @Test(arguments: [
        (5.666666666666667, "5.67"), (17.0 / 3.0, "5.67"), (2.5, "2.5"), (3, "3"), (0.005, "0.01"), (-1.25, "-1.25"),
        (-0.001, "0"), (100, "100"), (1.999, "2"), (0.1 + 0.2, "0.3")
    ])
    func text_RoundsToTwoDecimals_WithoutTrailingZeros(value: Double, expected: String) {
        #expect(ScoreFormat.text(value) == expected)
    }

    @Test func notFiniteValues_ShowADash() {
        #expect(ScoreFormat.text(.nan) == "–")
        #expect(ScoreFormat.text(.infinity) == "–")
    }

    @Test func fraction_WritesPointsOverMaximum() {
        #expect(ScoreFormat.fraction(17.0 / 3.0, of: 7) == "5.67/7")
    }
}
