import Foundation
import LMSModel

/// An assignment made ready for the terminal, for `read ASSIGNMENT`: its facts (due date, points,
/// what to hand in), its instructions rendered as a lesson is, and how to submit.
struct AssignmentView {
    let assignment: Assignment
    /// The id to type (`foundations/hello`).
    let itemID: String
    /// The course folder (for the instructions' links and images).
    let folder: String

    /// The lines to show at `width`.
    func lines(width: Int, color: Bool, now: Date) throws -> [String] {
        var facts: [String] = []
        if let due = assignment.due {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let when = formatter.string(from: due)
            facts.append(
                due <= now
                    ? Messages.t(.assignmentOverdue, when)
                    : Messages.t(.assignmentDue, when, ItemStates.duration(Int(due.timeIntervalSince(now)))))
        } else {
            facts.append(Messages.t(.assignmentNoDue))
        }
        facts.append(Messages.count(.countPoints, assignment.points))
        let types = assignment.allowedTypes.isEmpty ? "" : " (\(assignment.allowedTypes.joined(separator: ", ")))"
        switch assignment.submission {
        case .text: facts.append(Messages.t(.assignmentSubmitText))
        case .file: facts.append(Messages.t(.assignmentSubmitFiles, types))
        case .both: facts.append(Messages.t(.assignmentSubmitBoth, types))
        }
        var out = try LessonView(folder: folder, path: assignment.path).lines(width: width, color: color)
        if !out.contains(where: { $0.contains(assignment.title) }) {
            out.insert(contentsOf: [TerminalText.sanitize(assignment.title), ""], at: 0)
        }
        // The facts go under the title (the first blank line ends it).
        out.insert(contentsOf: [facts.joined(separator: " · "), ""], at: (out.firstIndex(of: "") ?? -1) + 1)
        let how: String
        switch assignment.submission {
        case .text: how = "--text TEXT"
        case .file: how = "FILE..."
        case .both: how = "[FILE...] [--text TEXT]"
        }
        out += ["", Messages.t(.assignmentHowToSubmit, itemID, how)]
        return out
    }
}
