import Foundation
import LMSModel

/// A question read from one block, before its id and points are settled.
struct GIFTDraft: Sendable {
    /// The `::title::`, if any.
    var title: String?
    /// The question text (escapes restored, marker removed, trimmed).
    var text: String
    /// The format its `[...]` marker named, else Moodle's default.
    var format: TextFormat
    /// The kind and answer key.
    var body: Question.Body
    /// The `####` general feedback, if any.
    var generalFeedback: String?
}

/// What one block turned out to be.
enum GIFTBlockResult: Sendable {
    /// A `$CATEGORY:` block; `spansLines` when Moodle swallowed more than one line into the name.
    case category(String, spansLines: Bool)
    /// A question (a description too: text without any answer block).
    case question(GIFTDraft)
    /// A question Moodle would reject; the error was reported.
    case failed
}

/// Moodle's `qformat_gift::readquestion` for one block: category, title, answer block, missing
/// word blank, general feedback and type detection; the per-type work is `GIFTAnswerParser`'s.
enum GIFTQuestionReader {
    /// What Moodle puts where the answer block stood inside a sentence.
    static let blank = "_____"
    /// How Moodle's export refers to a file stored with a question (the GIFT file does not hold it).
    static let moodleFilePrefix = "@@PLUGINFILE@@"
    /// The prefix of a category block.
    static let categoryPrefix = Array("$CATEGORY:".utf8)

    /// Reads the block's text (already trimmed, comments blanked, escapes applied).
    static func read(_ text: GIFTText, _ report: inout GIFTDiagnostics) -> GIFTBlockResult {
        let startLine = text.line(at: 0)
        if text.hasPrefix(categoryPrefix, at: 0, within: text.all) {
            let name = text.trimmed(categoryPrefix.count..<text.count)
            return .category(text.string(name), spansLines: text.contains("\n", in: name))
        }

        // Question name parser: `::title::`.
        var rest = text.all
        var title: String?
        if text.hasPrefix(Array("::".utf8), at: 0, within: rest) {
            rest = 2..<text.count
            if let end = text.firstIndex(of: Array("::".utf8), in: rest) {
                title = cleanTitle(text.string(rest.lowerBound..<end))
                rest = text.trimmed((end + 2)..<rest.upperBound)
            }
        }

        // The answer section: the first `{` and the first `}`.
        let open = text.firstIndex(of: [UInt8(ascii: "{")], in: rest)
        let close = text.firstIndex(of: [UInt8(ascii: "}")], in: rest)
        guard let open, let close else {
            if open == nil && close == nil {
                // Moodle imports it as a "description": text shown in the quiz, no answer, no points.
                let (string, format) = text.formatted(rest)
                return .question(
                    GIFTDraft(title: title, text: string, format: format ?? .giftDefault, body: .description))
            }
            let advice =
                open == nil
                ? "there is no \"{\" (start the answers with {, or write \\} for a literal brace)"
                : "there is no \"}\" (end the answers with }, or write \\{ for a literal brace)"
            report.error(startLine, "could not find {...} around the answers: " + advice)
            return .failed
        }
        guard open < close else {
            report.error(
                text.line(at: close),
                "\"}\" comes before \"{\" (put the answers inside {...}, "
                    + "and write \\} for a literal brace)")
            return .failed
        }
        var answers = text.trimmed((open + 1)..<close)

        // Question text without the answers; `_____` unless the block ends with the `}`.
        let endsWithAnswers = text.isRaw(rest.upperBound - 1, "}")
        var questionUnits = Array(text.units[rest.lowerBound..<open])
        var questionLines = Array(text.lines[rest.lowerBound..<open])
        if !endsWithAnswers {
            questionUnits.append(contentsOf: blank.utf8.map { UInt16($0) })
            questionLines.append(contentsOf: repeatElement(text.line(at: open), count: blank.utf8.count))
        }
        questionUnits.append(contentsOf: text.units[(close + 1)..<rest.upperBound])
        questionLines.append(contentsOf: text.lines[(close + 1)..<rest.upperBound])
        let questionText = GIFTText(units: questionUnits, lines: questionLines)
        if let stray = questionText.firstIndex(of: [UInt8(ascii: "{")], in: questionText.all)
            ?? questionText.firstIndex(of: [UInt8(ascii: "}")], in: questionText.all)
        {
            report.warning(
                questionText.line(at: stray),
                "only the first {...} is an answer block; the other "
                    + "braces stay in the question text (write \\{ and \\} for literal braces)")
        }

        // General feedback: after the last `####`.
        var generalFeedback: String?
        if let separator = text.lastIndex(of: Array("####".utf8), in: answers) {
            let feedback = text.formattedText((separator + 4)..<answers.upperBound)
            generalFeedback = feedback.isEmpty ? nil : feedback
            answers = text.trimmed(answers.lowerBound..<separator)
        }

        let (questionString, format) = questionText.formatted(questionText.all)
        if questionString.contains(moodleFilePrefix) {
            report.warning(
                startLine,
                "the question shows a file Moodle keeps (\(moodleFilePrefix)/...), which a GIFT export leaves "
                    + "out: students see only its description (show the picture in a lesson before the quiz, "
                    + "or describe it in words)")
        }
        let parser = GIFTAnswerParser(text: text, questionLine: startLine)
        guard let body = body(of: answers, parser, &report) else { return .failed }
        return .question(
            GIFTDraft(
                title: title, text: questionString, format: format ?? .giftDefault, body: body,
                generalFeedback: generalFeedback))
    }

    /// The longest title kept, in characters (Moodle's question name column).
    static let maxTitleCharacters = 255

    /// Moodle's `clean_question_name`: HTML tags stripped (`clean_param(PARAM_TEXT)`), trimmed, cut
    /// to 255 characters; nil when nothing is left.
    static func cleanTitle(_ raw: String) -> String? {
        let name = GIFTText.phpTrim(stripTags(raw))
        return name.isEmpty ? nil : String(name.prefix(maxTitleCharacters))
    }

    /// PHP's `strip_tags` for what titles hold: `<tag ...>`, `</tag>`, `<!-- ... -->` and `<!...>`/`<?...>`
    /// are removed; a `<` that starts no tag (`a < b`) stays; an unclosed tag drops the rest.
    static func stripTags(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            result += text[index..<open]
            let next = text.index(after: open)
            guard next < text.endIndex, let first = text[next].unicodeScalars.first,
                first.properties.isAlphabetic || "/!?".unicodeScalars.contains(first)
            else {
                result.append("<")
                index = next
                continue
            }
            if text[next...].hasPrefix("!--") {
                guard let end = text[next...].range(of: "-->") else { return result }
                index = end.upperBound
            } else {
                guard let end = text[next...].firstIndex(of: ">") else { return result }
                index = text.index(after: end)
            }
        }
        return result + text[index...]
    }

    /// Moodle's type detection, in its order: essay, numerical, multichoice, match, truefalse,
    /// shortanswer.
    static func body(
        of answers: Range<Int>, _ parser: GIFTAnswerParser,
        _ report: inout GIFTDiagnostics
    ) -> Question.Body? {
        let text = parser.text
        if answers.isEmpty { return .essay }
        if text.isRaw(answers.lowerBound, "#") { return parser.numerical(answers, &report) }
        if text.contains("~", in: answers) { return parser.multichoice(answers, &report) }
        if text.contains("=", in: answers), text.firstIndex(of: Array("->".utf8), in: answers) != nil {
            return parser.matching(answers, &report)
        }
        var check = answers
        if let hash = text.firstIndex(of: [UInt8(ascii: "#")], in: answers), hash > answers.lowerBound {
            check = text.trimmed(answers.lowerBound..<hash)
        }
        if ["T", "TRUE", "F", "FALSE"].contains(text.string(check)), !hasEscapes(text, check) {
            return parser.trueFalse(answers)
        }
        return parser.shortAnswer(answers, &report)
    }

    /// True when the range holds an escaped character (Moodle's placeholders never equal "T").
    private static func hasEscapes(_ text: GIFTText, _ range: Range<Int>) -> Bool {
        range.contains { text.units[$0] >= GIFTText.escapedFlag }
    }
}
