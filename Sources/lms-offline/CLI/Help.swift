import Foundation
import LMSModel

/// `lms-offline help`: the commands grouped by who uses them, each group with an example, in the
/// user's language. A command no group names (a new one) is listed under "more" with its own summary.
enum Help {
    /// A group of commands.
    struct Group {
        let title: MessageKey
        let commands: [String]
        let example: String
        /// The word that shows only this group (`help teacher`).
        let audience: String
    }

    static let groups: [Group] = [
        Group(
            title: .helpStudying,
            commands: [
                "courses", "course", "syllabus", "read", "done", "next", "quiz", "submit", "progress", "grades", "due",
                "inbox", "certificate"
            ],
            example: "lms-offline next", audience: "student"),
        Group(
            title: .helpTogether,
            commands: ["announcements", "forum", "message", "messages"],
            example: "lms-offline forum intro-programming", audience: "student"),
        Group(
            title: .helpDevice,
            commands: ["profile", "login", "logout", "sync", "passwd", "install", "calendar"],
            example: "lms-offline sync", audience: "student"),
        Group(
            title: .helpTeaching,
            commands: ["grade", "gradebook", "report", "roster", "announce", "publish", "verify"],
            example: "lms-offline grade intro-programming", audience: "teacher"),
        Group(
            title: .helpAuthoring,
            commands: ["new-course", "validate", "pack", "inspect", "student", "delta", "unpack"],
            example: "lms-offline validate my-course", audience: "teacher"),
        Group(title: .helpAdmin, commands: ["admin"], example: "lms-offline admin reset maria", audience: "admin")
    ]

    /// The help text; `audience` (student, teacher, admin) keeps only that audience's groups.
    static func text(
        _ commands: [LMSOffline.Command], audience: String? = nil, language: Language = .current
    ) -> String {
        let visible = commands.filter { !$0.hidden }
        let width = max(12, visible.map(\.name.count).max() ?? 0) // never cut a name short
        func line(_ command: LMSOffline.Command) -> String {
            let summary = Messages.summary(of: command.name, language: language) ?? command.summary
            return "  \(command.name.padding(toLength: width, withPad: " ", startingAt: 0)) \(summary)"
        }
        var lines = [Messages.text(.helpHeader, [LMSVersion.current], language: language)]
        for group in groups where audience == nil || group.audience == audience {
            lines += ["", Messages.text(group.title, [], language: language)]
            lines += group.commands.compactMap { name in visible.first { $0.name == name } }.map(line)
            lines.append("  " + Messages.text(.helpExample, [group.example], language: language))
        }
        let grouped = Set(groups.flatMap(\.commands))
        let others = visible.filter { !grouped.contains($0.name) }
        if audience == nil, !others.isEmpty {
            lines += ["", Messages.text(.helpMore, [], language: language)] + others.map(line)
        }
        lines += ["", Messages.text(.helpFooter, [], language: language)]
        return lines.joined(separator: "\n")
    }

    /// The command a mistyped name most likely meant: one that starts with it, else one within a
    /// third of its length in edits (at least one); nil when nothing is near.
    static func suggestion(for name: String, among names: [String]) -> String? {
        let starting = names.filter { $0.hasPrefix(name) }
        if name.count >= 3, starting.count == 1 { return starting[0] }
        return nearest(to: name, among: names, within: max(1, name.count / 3))
    }
}
