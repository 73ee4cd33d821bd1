import Foundation

/// Numbers as Moodle reads them: PHP's `is_numeric`, GIFT's `%weight%` prefix
/// (`$giftanswerweightregex` + `answerweightparser`) and the grade check of
/// `qformat_default::importprocess` (`match_grade_options` against `fraction_options_full`).
enum GIFTNumbers {
    /// Moodle's grade options (`question_bank::fraction_options`); their negatives are allowed too.
    static let gradeOptions: [Double] = [
        1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
        0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0
    ]
    /// How close a weight must be to a grade option (`match_grade_options`' "slightly fuzzy test").
    static let gradeTolerance = 0.00001
    /// The percentages to suggest when a weight is not a grade option.
    static let gradeHint =
        "100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, "
        + "16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0 percent, or minus one of these"

    /// The grade option `fraction` stands for (the canonical value), or nil when Moodle rejects it.
    static func matchGrade(_ fraction: Double) -> Double? {
        for option in gradeOptions {
            if abs(fraction - option) < gradeTolerance { return option }
            if option != 0, abs(fraction + option) < gradeTolerance { return -option }
        }
        return nil
    }

    /// PHP 8's `is_numeric` on a string: optional surrounding whitespace, an optional sign, digits
    /// with an optional decimal point (or a point and digits), and an optional exponent.
    static func isNumeric(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[index]) { index += 1 }
        }
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        skipSpace()
        return index == bytes.count
    }

    /// The value of a PHP-numeric string, or nil when it is not numeric or not finite.
    static func number(_ text: String) -> Double? {
        guard isNumeric(text) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let unsigned = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        guard let value = Double(unsigned), value.isFinite else { return nil }
        return value
    }

    /// Matches `^%\-*([0-9]{1,2})\.?([0-9]*)%` at the start of `range`. Returns the text between
    /// the two `%` and the range after the second `%` (what `answerweightparser` leaves).
    static func weightPrefix(_ text: GIFTText, _ range: Range<Int>) -> (weight: String, rest: Range<Int>)? {
        guard text.isRaw(range.lowerBound, "%"), !range.isEmpty else { return nil }
        var index = range.lowerBound + 1
        while index < range.upperBound, text.isRaw(index, "-") { index += 1 }
        let digitsStart = index
        while index < range.upperBound, isDigit(text, index) { index += 1 }
        let leading = index - digitsStart
        guard leading > 0, index < range.upperBound else { return nil }
        if text.isRaw(index, ".") {
            guard leading <= 2 else { return nil }
            index += 1
            while index < range.upperBound, isDigit(text, index) { index += 1 }
        }
        guard index < range.upperBound, text.isRaw(index, "%") else { return nil }
        return (text.string((range.lowerBound + 1)..<index), (index + 1)..<range.upperBound)
    }

    /// Reads a weight's text (`50`, `-25`, `33.33333`) as a grade fraction, or explains the problem.
    static func fraction(ofWeight weight: String) -> Result<Double, WeightError> {
        guard let percent = number(weight) else { return .failure(.notANumber) }
        guard let grade = matchGrade(percent / 100) else { return .failure(.notAGrade) }
        return .success(grade == 0 ? 0 : grade)
    }

    /// Why a weight was rejected.
    enum WeightError: Error {
        /// PHP cannot do arithmetic on it (e.g. `--50`).
        case notANumber
        /// It is not one of Moodle's grade options (`invalidgrade`).
        case notAGrade
    }

    private static func isDigit(_ text: GIFTText, _ index: Int) -> Bool {
        guard index < text.count else { return false }
        let unit = text.units[index]
        return unit >= 0x30 && unit <= 0x39
    }
}
