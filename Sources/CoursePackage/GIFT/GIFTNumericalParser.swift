import Foundation
import LMSModel

/// The numerical case of Moodle's `readquestion`: `{#3.14:0.01}`, `{#1..2}`,
/// `{#=%100%3.14:0.01#feedback =%50%3.1:0.1}`.
extension GIFTAnswerParser {
    /// What the numerical messages suggest.
    static let numericalHint = "(write {#3.14:0.01} or {#1..2})"

    /// Reads a numerical answer block (`answers` starts with its `#`).
    func numerical(_ answers: Range<Int>, _ report: inout GIFTDiagnostics) -> Question.Body? {
        var block = (answers.lowerBound + 1)..<answers.upperBound
        // `~#feedback`: Moodle's `*` answer, matching any other number (0 credit).
        var anyOther: NumericAnswer?
        if let tilde = text.firstIndex(of: [UInt8(ascii: "~")], in: block) {
            anyOther = .anyOther(feedback: comment((tilde + 1)..<block.upperBound).feedback)
            block = block.lowerBound..<tilde
        }
        let pieces = droppingEmptyFirst(text.split(block, on: "="))
        guard !pieces.isEmpty else {
            report.error(questionLine, "numerical question has no answers \(GIFTAnswerParser.numericalHint)")
            return nil
        }
        var accepted: [NumericAnswer] = []
        for piece in pieces {
            var answer = text.trimmed(piece)
            let line = text.line(at: answer.lowerBound)
            var fraction = 1.0
            if let (weight, rest) = GIFTNumbers.weightPrefix(text, answer) {
                guard let value = checkedWeight(weight, line, &report) else { return nil }
                fraction = value
                answer = rest
            }
            let (value, feedback) = comment(answer)
            guard let (number, tolerance) = numericValue(value, line, &report) else { return nil }
            accepted.append(NumericAnswer(value: number, tolerance: tolerance, fraction: fraction, feedback: feedback))
        }
        if let anyOther { accepted.append(anyOther) }
        if !accepted.contains(where: { $0.fraction == 1 }) {
            report.warning(
                questionLine,
                "no answer of this numerical question is worth 100%, so nobody "
                    + "can get full marks (write one answer as =value or =%100%value)")
        }
        return .numeric(answers: accepted)
    }

    /// Reads `min..max`, `value:tolerance` or `value`, searching the unescaped text as Moodle does
    /// (so `\:` separates a tolerance just like `:`).
    func numericValue(
        _ value: String, _ line: Int,
        _ report: inout GIFTDiagnostics
    ) -> (value: Double, tolerance: Double)? {
        if let dots = value.range(of: ".."), dots.lowerBound != value.startIndex {
            let low = GIFTText.phpTrim(String(value[..<dots.lowerBound]))
            let high = GIFTText.phpTrim(String(value[dots.upperBound...]))
            guard let min = GIFTNumbers.number(low), let max = GIFTNumbers.number(high) else {
                report.error(
                    line,
                    "numerical range \"\(value)\" needs a number at both ends "
                        + GIFTAnswerParser.numericalHint)
                return nil
            }
            let middle = (max + min) / 2
            guard middle.isFinite, (max - middle).isFinite else {
                report.error(line, "numerical range \"\(value)\" is too large \(GIFTAnswerParser.numericalHint)")
                return nil
            }
            return (middle, max - middle)
        }
        var answerText = value
        var toleranceText = "0"
        if let colon = value.firstIndex(of: ":"), colon != value.startIndex {
            answerText = GIFTText.phpTrim(String(value[..<colon]))
            toleranceText = GIFTText.phpTrim(String(value[value.index(after: colon)...]))
        }
        guard let number = GIFTNumbers.number(answerText) else {
            report.error(line, "numerical answer \"\(answerText)\" is not a number \(GIFTAnswerParser.numericalHint)")
            return nil
        }
        guard let tolerance = GIFTNumbers.number(toleranceText) else {
            report.error(
                line,
                "numerical tolerance \"\(toleranceText)\" is not a number "
                    + GIFTAnswerParser.numericalHint)
            return nil
        }
        return (number, tolerance)
    }
}
