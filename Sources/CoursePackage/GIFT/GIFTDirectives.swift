import Foundation
import LMSModel

/// Our additions to GIFT, carried in `//` comments that Moodle ignores: quiz settings before the
/// first question, and `// id:` / `// points:` inside a question's block; plus question ids.
enum GIFTDirectives {
    /// The quiz settings keys (lowercased).
    static let settingKeys: Set<String> = [
        "title", "id", "mode", "timelimitminutes", "maxattempts", "shuffle", "review"
    ]
    /// The longest id accepted.
    static let maxIDLength = 200
    /// The most points one question may be worth.
    static let maxPoints = 1_000_000.0
    /// The longest time limit accepted, in minutes (one year).
    static let maxTimeLimitMinutes = 525_600.0

    /// The `// id:` and `// points:` of one question block.
    struct QuestionOptions: Sendable {
        /// The explicit id and the line it is on.
        var id: (value: String, line: Int)?
        /// The points, if given and valid.
        var points: Double?
    }

    /// Applies one `// key: value` line from before the first question to `settings`.
    static func applySetting(
        _ directive: GIFTDirective, to settings: inout QuizSettings,
        seen: inout [String: Int], _ report: inout GIFTDiagnostics
    ) {
        guard settingKeys.contains(directive.key) else { return }
        if let earlier = seen[directive.key] {
            report.warning(
                directive.line,
                "quiz setting \(directive.key) was already set on line \(earlier); "
                    + "this later value wins")
        }
        seen[directive.key] = directive.line
        let value = directive.value
        let line = directive.line
        switch directive.key {
        case "title":
            guard !value.isEmpty else { return report.error(line, "quiz title is empty (write // title: My quiz)") }
            settings.title = value
        case "id":
            guard isValidID(value) else { return report.error(line, invalidID(value, example: "// id: week-1-quiz")) }
            settings.id = value
        case "mode":
            guard let mode = Quiz.Mode(rawValue: value) else {
                return report.error(line, "quiz mode \"\(value)\" is not practice or exam (write // mode: practice)")
            }
            settings.mode = mode
        case "timelimitminutes":
            guard let minutes = GIFTNumbers.number(value), minutes > 0, minutes <= maxTimeLimitMinutes else {
                return report.error(
                    line,
                    "timeLimitMinutes \"\(value)\" is not a positive number of minutes "
                        + "(write // timeLimitMinutes: 30)")
            }
            settings.timeLimitMinutes = minutes
        case "maxattempts":
            guard let attempts = Int(value), attempts >= 1 else {
                return report.error(
                    line,
                    "maxAttempts \"\(value)\" is not a whole number of at least 1 "
                        + "(write // maxAttempts: 3)")
            }
            settings.maxAttempts = attempts
        case "review":
            guard let review = Quiz.Review(rawValue: value) else {
                return report.error(
                    line, "review \"\(value)\" is not afterAttempt, afterClose or never (write // review: afterClose)")
            }
            settings.review = review
        default:
            guard value == "true" || value == "false" else {
                return report.error(line, "shuffle \"\(value)\" is not true or false (write // shuffle: true)")
            }
            settings.shuffle = value == "true"
        }
    }

    /// Reads `// id:` and `// points:` from a question block's comment lines.
    static func questionOptions(
        _ block: GIFTBlock, _ bytes: [UInt8],
        _ report: inout GIFTDiagnostics
    ) -> QuestionOptions {
        var options = QuestionOptions()
        for line in block.lines {
            guard let directive = GIFTLexer.directive(line, in: bytes) else { continue }
            switch directive.key {
            case "id":
                guard isValidID(directive.value) else {
                    report.error(directive.line, invalidID(directive.value, example: "// id: photosynthesis-1"))
                    continue
                }
                if let earlier = options.id {
                    report.warning(
                        directive.line,
                        "question id set twice (line \(earlier.line) and here); "
                            + "the later one wins")
                }
                options.id = (directive.value, directive.line)
            case "points":
                guard let points = GIFTNumbers.number(directive.value), points > 0, points <= maxPoints else {
                    report.error(
                        directive.line,
                        "points \"\(directive.value)\" is not a positive number "
                            + "(write // points: 2)")
                    continue
                }
                options.points = points
            default:
                continue
            }
        }
        return options
    }

    /// True for an id made of letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, bytes.count <= maxIDLength, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: ".")
        }
    }

    /// The id a title gives: lowercase ASCII letters and digits, every other run of characters
    /// turned into one `-`, with no `-` at either end; empty when nothing is left.
    static func slug(_ title: String) -> String {
        var result: [UInt8] = []
        var pendingDash = false
        for byte in title.lowercased().utf8 {
            if isAlphanumeric(byte) {
                if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                result.append(byte)
                if result.count >= maxIDLength { break }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `base`, or `base-2`, `base-3`, ... : the first not in `used`. `nextSuffix` remembers where
    /// each base's search stopped, so repeated bases stay linear.
    static func unique(_ base: String, avoiding used: Set<String>, nextSuffix: inout [String: Int]) -> String {
        guard used.contains(base) else { return base }
        var suffix = nextSuffix[base] ?? 2
        // Among used.count + 1 consecutive suffixes at least one is free, so this ends.
        let limit = suffix + used.count + 1
        while suffix < limit, used.contains("\(base)-\(suffix)") { suffix += 1 }
        nextSuffix[base] = suffix + 1
        return "\(base)-\(suffix)"
    }

    private static func invalidID(_ value: String, example: String) -> String {
        "id \"\(value)\" is not valid: use letters, digits, '-', '_' and '.', starting with a letter or digit "
            + "(write \(example))"
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }
}
