import Foundation
import LMSModel

/// An assignment: its instructions rendered like a lesson, what it accepts, the versions
/// submitted, the grade and the teacher's feedback; `e` writes a text in the editor and
/// submits it, `a` submits a file.
struct AssignmentScreen: AppScreen {
    var viewer: LessonScreen
    /// Whether it takes text, files, or both.
    var acceptsText: Bool
    var acceptsFiles: Bool
    /// The path of a file being typed.
    var fileField: TextField?

    var item: ItemRecord { viewer.item }
    var title: String { viewer.title }
    var capturesText: Bool { fileField != nil || viewer.capturesText }
    var hints: [KeyHelp] {
        if fileField != nil { return [KeyHelp("Enter", .keyAccept), KeyHelp("Esc", .keyCancel)] }
        var hints: [KeyHelp] = []
        if acceptsText { hints.append(KeyHelp("e", .keyEdit)) }
        if acceptsFiles { hints.append(KeyHelp("a", .keyAttachFile)) }
        return hints + [KeyHelp("Space", .keyPage), KeyHelp("q", .keyBack)]
    }
    var keys: [KeyHelp] {
        var keys = viewer.keys.filter { $0.action != AppText.keyMarkDone.text }
        if acceptsText { keys.insert(KeyHelp("e", .keyEdit), at: 0) }
        if acceptsFiles { keys.insert(KeyHelp("a", .keyAttachFile), at: 0) }
        return keys
    }

    /// The Markdown shown: instructions, then the facts, versions, grade and feedback.
    static func markdown(
        assignment: Assignment, versions: [SubmissionLine], grade: (points: Double, max: Double)?, feedback: String?
    ) -> String {
        var text = assignment.instructions + "\n\n---\n\n"
        var facts: [String] = []
        if let due = assignment.due { facts.append("- " + Messages.t(.headerDue) + ": " + ProgressText.date(due)) }
        facts.append("- " + Messages.t(.headerScore) + ": " + JSONWriter.number(assignment.points))
        if !assignment.allowedTypes.isEmpty {
            facts.append("- " + assignment.allowedTypes.map { "." + $0 }.joined(separator: ", "))
        }
        text += facts.joined(separator: "\n") + "\n\n"
        if let grade {
            text +=
                "## "
                + AppText.assignmentGrade.t(
                    JSONWriter.number(CourseScreen.round(grade.points)), JSONWriter.number(grade.max)) + "\n\n"
        }
        if let feedback, !feedback.isEmpty { text += AppText.assignmentFeedback.t(feedback) + "\n\n" }
        if !versions.isEmpty {
            text += "## " + AppText.assignmentVersions.text + "\n\n"
            for v in versions {
                var parts = ["v\(v.version)"]
                if let at = v.submittedAt { parts.append(ProgressText.date(at)) }
                if v.hasText { parts.append("text") }
                parts += v.files
                if v.late { parts.append(Messages.t(.wordLate)) }
                text += "- " + parts.joined(separator: " · ") + "\n"
            }
        }
        return text
    }

    mutating func resize(_ size: ScreenSize) { viewer.resize(size) }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect {
        if var field = fileField {
            switch field.handle(key) {
            case .editing: fileField = field
            case .cancelled: fileField = nil
            case .accepted(let path):
                fileField = nil
                let trimmed = path.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? .none : .submitFile(trimmed)
            }
            return .none
        }
        if !viewer.capturesText {
            switch key {
            case .char("e") where acceptsText: return .editSubmission
            case .char("a") where acceptsFiles:
                fileField = TextField(prompt: AppText.assignmentFilePrompt.text)
                return .none
            case .char("m"), .char("]"), .char("["): return .none
            default: break
            }
        }
        return viewer.update(key, size: size)
    }

    func body(_ size: ScreenSize) -> [ScreenLine] {
        var lines = viewer.body(size)
        if let fileField, !lines.isEmpty { lines[lines.count - 1] = fileField.line(width: size.width) }
        return lines
    }
}
