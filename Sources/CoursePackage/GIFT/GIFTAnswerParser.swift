import Foundation
import LMSModel

/// Reads the answer block of one question, type by type, as the `switch ($question->qtype)` of
/// Moodle's `qformat_gift::readquestion` does. Every function returns nil after reporting an error.
struct GIFTAnswerParser {
    /// The question's text (escapes applied).
    let text: GIFTText
    /// The line the question starts on (for problems of the question as a whole).
    let questionLine: Int

    // MARK: multichoice

    /// `{=right ~wrong ~%50%half#feedback}`: `=` becomes `~=`, then the block is split on `~`.
    func multichoice(_ answers: Range<Int>, _ report: inout GIFTDiagnostics) -> Question.Body? {
        let single = text.contains("=", in: answers)
        var pieces: [Range<Int>] = []
        var start = answers.lowerBound
        for index in answers where text.isRaw(index, "~") || text.isRaw(index, "=") {
            pieces.append(start..<index)
            start = text.isRaw(index, "~") ? index + 1 : index
        }
        pieces.append(start..<answers.upperBound)
        pieces = droppingEmptyFirst(pieces)
        if let glued = answers.first(where: {
            text.isRaw($0, "=") && $0 > answers.lowerBound && !GIFTText.isPHPSpace(text.units[$0 - 1])
                && !text.isRaw($0 - 1, "~") && !text.isRaw($0 - 1, "=")
        }) {
            report.warning(
                text.line(at: glued),
                "an = inside a choice starts a new right answer, in Moodle too (\"x=1\" becomes \"x\" and a "
                    + "right \"1\"): write \\= for a literal =")
        }
        guard pieces.count >= 2 else {
            report.error(
                questionLine,
                "multiple-choice question needs at least 2 answers, found \(pieces.count) "
                    + "(write {=right ~wrong})")
            return nil
        }
        var choices: [Choice] = []
        for piece in pieces {
            var answer = text.trimmed(piece)
            let line = text.line(at: answer.lowerBound)
            var fraction = 0.0
            if text.isRaw(answer.lowerBound, "="), !answer.isEmpty {
                fraction = 1
                answer = (answer.lowerBound + 1)..<answer.upperBound
            } else if let (weight, rest) = GIFTNumbers.weightPrefix(text, answer) {
                guard let value = checkedWeight(weight, line, &report) else { return nil }
                fraction = value
                answer = rest
            }
            let (choice, feedback) = comment(answer)
            if choice.isEmpty {
                report.warning(line, "empty answer dropped (Moodle ignores blank choices)")
                continue
            }
            choices.append(Choice(text: choice, fraction: fraction, feedback: feedback))
        }
        guard choices.count >= 2 else {
            report.error(
                questionLine,
                "multiple-choice question needs at least 2 non-empty answers, found "
                    + "\(choices.count) (write {=right ~wrong})")
            return nil
        }
        if single { return .single(choices: choices) }
        // Moodle's qtype_multichoice only notices (`fractionsaddwrong`) and the import keeps the question.
        let positive = choices.reduce(0) { $0 + max($1.fraction, 0) }
        if abs((positive * 100).rounded() - 100) >= 0.5 {
            report.warning(
                questionLine,
                "the positive weights of this multiple-answer question add up to "
                    + "\(GIFTAnswerParser.percent(positive))%, not 100%, so "
                    + (positive < 1 ? "nobody can get full marks" : "full marks need only some right answers")
                    + " (fix the ~%n% weights, or mark one answer with = to make it single-choice)")
        }
        return .multiple(choices: choices)
    }

    // MARK: match

    /// `{=item -> match =other -> match2}`: split on `=`, each part split at its first `->`.
    func matching(_ answers: Range<Int>, _ report: inout GIFTDiagnostics) -> Question.Body? {
        let pieces = droppingEmptyFirst(text.split(answers, on: "="))
        guard pieces.count >= 2 else {
            report.error(
                questionLine,
                "matching question needs at least 2 pairs, found \(pieces.count) "
                    + "(write {=item -> match =other -> match2})")
            return nil
        }
        var pairs: [MatchPair] = []
        for piece in pieces {
            let answer = text.trimmed(piece)
            guard let arrow = text.firstIndex(of: Array("->".utf8), in: answer) else {
                report.error(
                    text.line(at: answer.lowerBound),
                    "matching answer \"\(text.formattedText(answer))\" "
                        + "has no \"->\" (write =item -> match, and \\= for a literal =)")
                return nil
            }
            let left = text.formattedText(answer.lowerBound..<arrow)
            let right = GIFTText.phpTrim(text.string((arrow + 2)..<answer.upperBound))
            pairs.append(MatchPair(left: left, right: right))
        }
        return .matching(pairs: pairs)
    }

    // MARK: truefalse

    /// `{T}`, `{FALSE#feedback if wrong#feedback if right}` (Moodle's `split_truefalse_comment`).
    func trueFalse(_ answers: Range<Int>) -> Question.Body {
        let bits = splitLimited(answers, on: "#", limit: 3)
        let answer = text.formattedText(text.trimmed(bits[0]))
        let wrong = bits.count > 1 ? nonEmpty(text.formattedText(text.trimmed(bits[1]))) : nil
        let right = bits.count > 2 ? nonEmpty(text.formattedText(text.trimmed(bits[2]))) : nil
        if answer == "T" || answer == "TRUE" {
            return .trueFalse(answer: true, feedbackIfTrue: right, feedbackIfFalse: wrong)
        }
        return .trueFalse(answer: false, feedbackIfTrue: wrong, feedbackIfFalse: right)
    }

    // MARK: shortanswer

    /// `{=answer =%50%close#feedback}`: split on `=`, default weight 100%.
    func shortAnswer(_ answers: Range<Int>, _ report: inout GIFTDiagnostics) -> Question.Body? {
        let pieces = droppingEmptyFirst(text.split(answers, on: "="))
        guard !pieces.isEmpty else {
            report.error(questionLine, "short-answer question has no answers (write {=answer})")
            return nil
        }
        var accepted: [ShortAnswer] = []
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
            if value.isEmpty {
                report.warning(line, "empty answer dropped (Moodle ignores blank answers)")
                continue
            }
            accepted.append(ShortAnswer(text: value, fraction: fraction, feedback: feedback))
        }
        guard !accepted.isEmpty else {
            report.error(questionLine, "short-answer question has no non-empty answer (write {=answer})")
            return nil
        }
        guard accepted.contains(where: { $0.fraction == 1 }) else {
            report.error(
                questionLine,
                "no answer of this short-answer question is worth 100% "
                    + "(write one answer as =answer or =%100%answer)")
            return nil
        }
        return .short(answers: accepted)
    }

    // MARK: shared helpers

    /// Moodle's `commentparser`: the text before the first `#` and the feedback after it.
    func comment(_ range: Range<Int>) -> (text: String, feedback: String?) {
        guard let hash = text.firstIndex(of: [UInt8(ascii: "#")], in: range) else {
            return (text.formattedText(text.trimmed(range)), nil)
        }
        let value = text.formattedText(text.trimmed(range.lowerBound..<hash))
        let feedback = text.formattedText(text.trimmed((hash + 1)..<range.upperBound))
        return (value, nonEmpty(feedback))
    }

    /// Reads a `%weight%`, reporting a weight PHP cannot compute or Moodle does not accept.
    func checkedWeight(_ weight: String, _ line: Int, _ report: inout GIFTDiagnostics) -> Double? {
        switch GIFTNumbers.fraction(ofWeight: weight) {
        case .success(let value):
            return value
        case .failure(.notANumber):
            report.error(line, "answer weight %\(weight)% is not a number (write e.g. %50% or %-25%)")
        case .failure(.notAGrade):
            report.error(
                line,
                "answer weight %\(weight)% is not a grade Moodle accepts (use "
                    + "\(GIFTNumbers.gradeHint))")
        }
        return nil
    }

    /// The answer list after `if (empty($answers[0])) array_shift($answers)`.
    func droppingEmptyFirst(_ pieces: [Range<Int>]) -> [Range<Int>] {
        guard let first = pieces.first, text.isPHPEmpty(text.trimmed(first)) else { return pieces }
        return Array(pieces.dropFirst())
    }

    /// PHP `explode($separator, $range, $limit)`.
    func splitLimited(_ range: Range<Int>, on separator: Unicode.Scalar, limit: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where pieces.count < limit - 1 && text.isRaw(index, separator) {
            pieces.append(start..<index)
            start = index + 1
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// nil for an empty string.
    func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }

    /// A fraction as a short percentage for messages.
    static func percent(_ fraction: Double) -> String {
        let value = (fraction * 100_000).rounded() / 1_000
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
