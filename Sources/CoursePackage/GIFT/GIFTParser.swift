// GIFT (Moodle) quiz files.
//
// The parser imports exactly what Moodle's importer imports (`question/format/gift/format.php`,
// `qformat_gift::readquestion`, with `qformat_default::readdata`/`readquestions`/`importprocess`):
// questions are separated by blank lines; whole-line `//` comments are dropped; `$CATEGORY:` sets
// the category of the following questions; `::title::`; `[html]`/`[moodle]`/`[plain]`/`[markdown]`
// markers are stripped; `\~ \= \# \{ \} \:`, `\n` and `\\` are escapes; the answers sit between the
// first `{` and the first `}`; `_____` replaces them unless the block ends with `}`; `####` starts
// the general feedback; the type is detected in Moodle's order (empty: essay, `#`: numerical,
// `~`: multiple choice, `=` and `->`: matching, `T`/`TRUE`/`F`/`FALSE`: true/false, else short
// answer). Every error Moodle raises for a question becomes an error diagnostic and the question is
// skipped; a block without braces is a Moodle "description" (text shown in the quiz, 0 points).
// The question text keeps its format (`[moodle]`, the default, `[plain]`, `[markdown]`, `[html]`);
// choices and feedback share the question's format.
//
// Deliberate differences, where Moodle would store something broken or crash:
// - a numerical answer that is not a number is an error (Moodle's `$ans = '*'` typo accepts it as
//   "any answer"); a range needs numbers at both ends; infinite values are errors;
// - a weight such as `%--50%` is an error (PHP 8 throws a TypeError on it);
// - `}` before `{` is an error (Moodle slices with a negative length);
// - literal text such as `&&058;` is kept (Moodle's placeholders would turn it into `:`).
// Kept Moodle quirks: a line holding only `0` separates questions (PHP's `empty("0")`); in a
// multiple-choice block every `=` starts a new 100% answer, even inside feedback; matching answers
// keep `#...` as text; multiple-answer weights that do not add up to 100% are kept with a warning
// (Moodle's `fractionsaddwrong` notice), a short answer needs a 100% answer; weights must be Moodle grade options (`%35%` is
// rejected by `match_grade_options`); blank choices and answers are dropped with a warning; a
// numerical `~#feedback` is Moodle's `*` answer (any other number, 0 credit); titles lose HTML tags
// and are cut to 255 characters (`clean_question_name`); short answers match `*` as any run of
// characters, ignoring case (the grader's, as Moodle's short answer).
//
// Our additions, all in `//` comments that Moodle ignores:
// - quiz settings: `// key: value` lines in the comment and category blocks before the first
//   question: `title`, `id`, `mode` (practice|exam), `timeLimitMinutes`, `maxAttempts`,
//   `shuffle` (true|false). Other keys are ordinary comments; bad values are errors.
// - inside a question's block: `// id: some-id` and `// points: 2` (default 1).
// - question ids: the explicit `// id:` (duplicates are errors, the later question is skipped);
//   else the slug of the `::title::` if non-empty and unused; else `q<position>` (position among
//   the question blocks of the file, counting skipped ones, not descriptions) with a warning; a
//   description without either is `d<n>` (the n-th description), without a warning.

import Foundation
import LMSModel

/// The result of parsing one GIFT file.
public struct GIFTDocument: Sendable {
    /// The quiz settings from the `// key: value` lines before the first question.
    public var settings: QuizSettings
    /// The questions Moodle would import, in file order, with ids and points.
    public var questions: [Question]
    /// Every problem found, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]

    /// Makes a document.
    public init(settings: QuizSettings = QuizSettings(), questions: [Question] = [], diagnostics: [Diagnostic] = []) {
        self.settings = settings
        self.questions = questions
        self.diagnostics = diagnostics
    }
}

/// Reads GIFT quiz files. Never throws or traps: every problem becomes a `Diagnostic`.
public enum GIFTParser {
    /// The largest file parsed, in bytes; a larger one gives a single error.
    public static let maxInputBytes = 16 * 1024 * 1024

    /// A question waiting for its id.
    private struct Pending {
        var draft: GIFTDraft
        var line: Int
        var position: Int
        var options: GIFTDirectives.QuestionOptions
        var category: String?
    }

    /// Parses `text`; `file` names the file in diagnostics (e.g. `quiz.gift`).
    public static func parse(_ text: String, file: String) -> GIFTDocument {
        var report = GIFTDiagnostics(file: file)
        let bytes = Array(text.utf8)
        guard bytes.count <= maxInputBytes else {
            report.error(
                nil,
                "file is \(bytes.count) bytes, more than the \(maxInputBytes) a GIFT file may have "
                    + "(split it into several quizzes)")
            return GIFTDocument(diagnostics: report.items)
        }
        var settings = QuizSettings()
        var seenSettings: [String: Int] = [:]
        var inSettingsArea = true
        var category: String?
        var position = 0
        var descriptions = 0
        var pending: [Pending] = []

        for block in GIFTLexer.blocks(bytes) {
            if block.isCommentOnly {
                readComments(block, bytes, inSettingsArea, &settings, &seenSettings, &report)
                continue
            }
            let line = block.firstContentLine ?? block.lines[0].number
            switch GIFTQuestionReader.read(GIFTLexer.text(of: block, in: bytes), &report) {
            case .category(let name, let spansLines):
                if inSettingsArea { readComments(block, bytes, true, &settings, &seenSettings, &report) }
                if spansLines {
                    report.warning(
                        line,
                        "Moodle reads every line of this block as the category name "
                            + "(put a blank line after the $CATEGORY: line)")
                }
                category = name.isEmpty ? nil : name
            case .question(let draft) where draft.body == .description:
                // Text shown in the quiz. An instructions paragraph before the questions keeps the
                // settings area open, and descriptions do not move the positions questions' ids follow.
                descriptions += 1
                let options = GIFTDirectives.questionOptions(block, bytes, &report)
                pending.append(
                    Pending(draft: draft, line: line, position: descriptions, options: options, category: category))
            case .failed:
                warnAboutSettings(in: block, bytes, &report)
                inSettingsArea = false
                position += 1
                _ = GIFTDirectives.questionOptions(block, bytes, &report)
            case .question(let draft):
                warnAboutSettings(in: block, bytes, &report)
                inSettingsArea = false
                position += 1
                let options = GIFTDirectives.questionOptions(block, bytes, &report)
                pending.append(
                    Pending(
                        draft: draft, line: line, position: position, options: options,
                        category: category))
            }
        }
        let questions = assignIDs(pending, &report)
        let sorted = report.items.enumerated().sorted { lhs, rhs in
            (lhs.element.line ?? Int.max, lhs.offset) < (rhs.element.line ?? Int.max, rhs.offset)
        }.map(\.element)
        return GIFTDocument(settings: settings, questions: questions, diagnostics: sorted)
    }

    /// Reads the `// key: value` lines of a block that holds no question.
    private static func readComments(
        _ block: GIFTBlock, _ bytes: [UInt8], _ inSettingsArea: Bool,
        _ settings: inout QuizSettings, _ seen: inout [String: Int],
        _ report: inout GIFTDiagnostics
    ) {
        for line in block.lines {
            guard let directive = GIFTLexer.directive(line, in: bytes) else { continue }
            if inSettingsArea, GIFTDirectives.settingKeys.contains(directive.key) {
                GIFTDirectives.applySetting(directive, to: &settings, seen: &seen, &report)
            } else if GIFTDirectives.settingKeys.contains(directive.key), directive.key != "id" {
                reportMisplaced(directive.key, line: directive.line, &report)
            } else if directive.key == "points" || directive.key == "id" {
                report.warning(
                    directive.line,
                    "// \(directive.key): is ignored here: it applies only inside "
                        + "a question's block (remove the blank line between it and its question)")
            }
        }
    }

    /// Warns about quiz settings written inside the first question's block, where they do not count.
    private static func warnAboutSettings(in block: GIFTBlock, _ bytes: [UInt8], _ report: inout GIFTDiagnostics) {
        for line in block.lines {
            guard let directive = GIFTLexer.directive(line, in: bytes), directive.key != "id",
                GIFTDirectives.settingKeys.contains(directive.key)
            else { continue }
            reportMisplaced(directive.key, line: directive.line, &report)
        }
    }

    /// A quiz setting after the settings area does not count. A misplaced `mode` is an error: an exam
    /// read as practice would ship its answer keys to students.
    private static func reportMisplaced(_ key: String, line: Int, _ report: inout GIFTDiagnostics) {
        let message =
            "quiz setting // \(key): is ignored here: settings go before the first question, "
            + "with a blank line between them and the question"
        if key == "mode" { report.error(line, message) } else { report.warning(line, message) }
    }

    /// Settles ids (explicit, title slug, position) and builds the questions.
    private static func assignIDs(_ pending: [Pending], _ report: inout GIFTDiagnostics) -> [Question] {
        var used: Set<String> = []
        var firstLine: [String: Int] = [:]
        var keep = [Bool](repeating: true, count: pending.count)
        for (index, item) in pending.enumerated() {
            guard let explicit = item.options.id else { continue }
            if let earlier = firstLine[explicit.value] {
                report.error(
                    explicit.line,
                    "duplicate question id \"\(explicit.value)\" (first used on line "
                        + "\(earlier)); give each question its own // id: (this question was skipped)")
                keep[index] = false
            } else {
                firstLine[explicit.value] = explicit.line
                used.insert(explicit.value)
            }
        }
        var nextSuffix: [String: Int] = [:]
        var questions: [Question] = []
        questions.reserveCapacity(pending.count)
        for (index, item) in pending.enumerated() where keep[index] {
            let id: String
            let isDescription = item.draft.body == .description
            if let explicit = item.options.id {
                id = explicit.value
            } else if let title = item.draft.title, case let slug = GIFTDirectives.slug(title),
                !slug.isEmpty, !used.contains(slug)
            {
                id = slug
            } else if isDescription {
                // Nothing is answered, so nothing depends on a description's id staying put.
                id = GIFTDirectives.unique("d\(item.position)", avoiding: used, nextSuffix: &nextSuffix)
            } else {
                id = GIFTDirectives.unique("q\(item.position)", avoiding: used, nextSuffix: &nextSuffix)
                let why = item.draft.title.map { "its title \"\($0)\" gives no unused id" } ?? "question has no id"
                report.warning(
                    item.line,
                    "\(why); its id \(id) follows its position, so it changes when "
                        + "questions are added above it (add ::title:: or // id:)")
            }
            used.insert(id)
            questions.append(
                Question(
                    id: id, title: item.draft.title, text: item.draft.text, format: item.draft.format,
                    points: isDescription ? 0 : item.options.points ?? 1, body: item.draft.body,
                    generalFeedback: item.draft.generalFeedback, category: item.category))
        }
        return questions
    }
}
