import LMSModel

/// A course at a glance, for `lms-offline inspect`.
public struct PackageSummary: Sendable {
    /// The course.
    public var course: Course
    /// The manifest of the package.
    public var manifest: PackageManifest

    /// Makes a summary.
    public init(course: Course, manifest: PackageManifest) {
        self.course = course
        self.manifest = manifest
    }

    /// The counts of `inspect --json`.
    public var counts: [(String, Int)] {
        [
            ("modules", course.modules.count), ("lessons", course.lessons.count), ("quizzes", course.quizzes.count),
            ("questions", course.quizzes.reduce(0) { $0 + $1.questions.filter(\.isAnswerable).count }),
            ("assignments", course.assignments.count),
            ("files", manifest.entries.count)
        ]
    }

    /// The JSON of `inspect --json`: at least id, version, title, sha256 and counts.
    public var json: JSONValue {
        func s(_ t: String) -> JSONValue { JSONValue(.string(t)) }
        func n(_ v: Double) -> JSONValue { JSONValue(.number(v)) }
        var members: [(key: String, value: JSONValue)] = [
            ("id", s(course.id)), ("version", s(course.version.description)), ("title", s(course.title)),
            ("sha256", s(manifest.packageID)), ("build", s(manifest.build.rawValue))
        ]
        if let language = course.language { members.append(("language", s(language))) }
        members.append(("instructors", JSONValue(.array(course.instructors.map(s)))))
        members.append(("sizeBytes", n(Double(manifest.totalSize))))
        members.append(("counts", JSONValue(.object(counts.map { ($0.0, n(Double($0.1))) }))))
        members.append(
            (
                "modules",
                JSONValue(
                    .array(
                        course.modules.map { module in
                            JSONValue(
                                .object([
                                    ("id", s(module.id)), ("title", s(module.title)),
                                    (
                                        "items",
                                        JSONValue(
                                            .array(
                                                module.items.map { item in
                                                    JSONValue(
                                                        .object([
                                                            ("id", s(item.id)), ("kind", s(item.kindName)),
                                                            ("title", s(item.title))
                                                        ]))
                                                }))
                                    )
                                ]))
                        }))
            ))
        return JSONValue(.object(members))
    }

    /// The text of `inspect`.
    public var text: String {
        var lines = ["\(course.title)  (\(course.id) \(course.version))"]
        if let d = course.description { lines.append(d) }
        lines.append(
            "package  \(manifest.packageID)  \(manifest.build.rawValue) build, \(Self.bytes(manifest.totalSize))")
        if !course.instructors.isEmpty { lines.append("taught by \(course.instructors.joined(separator: ", "))") }
        lines.append(counts.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
        for (i, module) in course.modules.enumerated() {
            lines.append("")
            lines.append("\(i + 1). \(module.title)")
            for item in module.items {
                var extra = ""
                if case .quiz(let q) = item {
                    extra = "  [\(q.mode.rawValue), \(q.questions.filter(\.isAnswerable).count) questions]"
                }
                lines.append(
                    "   - \(item.kindName.padding(toLength: 10, withPad: " ", startingAt: 0)) \(item.title)\(extra)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `1.5 MB`-style sizes.
    public static func bytes(_ n: UInt64) -> String {
        let units = ["bytes", "KB", "MB", "GB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }
}

import Foundation
