import Foundation
import LMSModel

/// Reads a lesson (`NN-name.md`): front matter, title and local links.
enum LessonReader {
    static let knownKeys: Set<String> = ["id", "title", "type", "media", "url", "duration"]

    static func read(
        _ text: String, file: String, defaultID: String, files: any CourseFiles,
        references: inout Set<String>, diagnostics: inout [Diagnostic]
    ) -> Lesson? {
        let before = diagnostics.count
        let fm = FrontMatter.parse(text, file: file, diagnostics: &diagnostics)
        warnUnknown(fm, knownKeys, file: file, diagnostics: &diagnostics)
        var lesson = Lesson(id: fm["id"]?.value ?? defaultID, title: "", path: file)
        if let type = fm["type"] {
            if let kind = Lesson.Kind(rawValue: type.value) {
                lesson.kind = kind
            } else {
                let hint = Lesson.Kind.allCases.map(\.rawValue)
                diagnostics.append(
                    .error(
                        file, type.line,
                        "unknown lesson type \"\(type.value)\" (expected \(hint.joined(separator: ", ")))"))
            }
        }
        if let title = fm["title"]?.value, !title.isEmpty {
            lesson.title = title
        } else if let heading = firstHeading(fm.body) {
            lesson.title = heading
        } else {
            diagnostics.append(
                .error(
                    file, fm.bodyStartLine,
                    "lesson has no title: start it with a \"# Title\" line or add \"title:\" to the front matter"))
        }
        if let media = fm["media"] {
            if let resolved = CourseLinkResolver.resolve(media.value, from: file), files.contains(resolved) {
                lesson.media = resolved
                references.insert(resolved)
            } else {
                diagnostics.append(
                    .error(
                        file, media.line,
                        "media \"\(media.value)\" is not a file inside the course folder: check the path (it is relative to this file)"
                    ))
            }
        } else if lesson.kind == .video || lesson.kind == .file {
            diagnostics.append(
                .error(
                    file, fm["type"]?.line ?? 1,
                    "a \(lesson.kind.rawValue) lesson needs \"media: path/to/file\" in its front matter"))
        }
        if let url = fm["url"] {
            if url.value.hasPrefix("http://") || url.value.hasPrefix("https://") {
                lesson.url = url.value
            } else {
                diagnostics.append(
                    .error(file, url.line, "\"url\" must start with http:// or https:// (found \"\(url.value)\")"))
            }
        } else if lesson.kind == .url {
            diagnostics.append(
                .error(file, fm["type"]?.line ?? 1, "a url lesson needs \"url: https://…\" in its front matter"))
        }
        if let duration = fm["duration"] {
            if let minutes = Double(duration.value), minutes >= 0, minutes <= 100_000 {
                lesson.durationMinutes = minutes
            } else {
                diagnostics.append(
                    .error(
                        file, duration.line, "\"duration\" must be a number of minutes (found \"\(duration.value)\")"))
            }
        }
        checkLinks(fm, file: file, files: files, references: &references, diagnostics: &diagnostics)
        return diagnostics[before...].hasErrors ? nil : lesson
    }

    /// The text of the first `# ` heading.
    static func firstHeading(_ markdown: String) -> String? {
        var inFence = false
        var found: String?
        markdown.enumerateLines { line, stop in
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, line.hasPrefix("# ") {
                let title = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if !title.isEmpty {
                    found = title
                    stop = true
                }
            }
        }
        return found
    }

    /// Checks that local links and images resolve to files inside the course; records them as used.
    static func checkLinks(
        _ fm: FrontMatter, file: String, files: any CourseFiles, references: inout Set<String>,
        diagnostics: inout [Diagnostic]
    ) {
        for link in MarkdownLinks.find(in: fm.body, startLine: fm.bodyStartLine)
        where MarkdownLinks.isLocal(link.target) {
            let path = MarkdownLinks.pathPart(link.target)
            if path.isEmpty { continue }
            guard let resolved = CourseLinkResolver.resolve(path, from: file) else {
                diagnostics.append(
                    .error(
                        file, link.line,
                        "link \"\(link.target)\" points outside the course folder: put the file inside the course"))
                continue
            }
            if files.contains(resolved) {
                references.insert(resolved)
            } else {
                let what = link.isImage ? "image" : "link"
                diagnostics.append(
                    .error(
                        file, link.line,
                        "\(what) \"\(link.target)\" does not resolve to a file in the course (looked for \(resolved))"))
            }
        }
    }

    static func warnUnknown(_ fm: FrontMatter, _ known: Set<String>, file: String, diagnostics: inout [Diagnostic]) {
        for field in fm.fields where !known.contains(field.key) {
            let suggestion =
                nearest(to: field.key, among: known.sorted(), within: 2).map { " (did you mean \"\($0)\"?)" } ?? ""
            diagnostics.append(
                .warning(file, field.line, "unknown front matter key \"\(field.key)\" is ignored\(suggestion)"))
        }
    }
}

/// Reads an assignment (`NN-name.assignment.md`): front matter, instructions and rubric.
enum AssignmentReader {
    static let knownKeys: Set<String> = ["id", "title", "due", "points", "submission", "allowedTypes", "maxFileMB"]

    static func read(
        _ text: String, file: String, defaultID: String, timeZone: String?, files: any CourseFiles,
        references: inout Set<String>, diagnostics: inout [Diagnostic]
    ) -> Assignment? {
        let before = diagnostics.count
        let fm = FrontMatter.parse(text, file: file, diagnostics: &diagnostics)
        LessonReader.warnUnknown(fm, knownKeys, file: file, diagnostics: &diagnostics)
        var a = Assignment(id: fm["id"]?.value ?? defaultID, title: "", path: file)
        a.title = fm["title"]?.value ?? LessonReader.firstHeading(fm.body) ?? ""
        if a.title.isEmpty {
            diagnostics.append(.error(file, 1, "assignment has no title: add \"title:\" to the front matter"))
        }
        if let due = fm["due"] {
            switch DueDate.parse(due.value, timeZone: timeZone) {
            case .success(let date): a.due = date
            case .failure(let problem): diagnostics.append(.error(file, due.line, problem.message))
            }
        }
        if let points = fm["points"] {
            if let n = Double(points.value), n > 0, n <= 100_000 {
                a.points = n
            } else {
                diagnostics.append(
                    .error(file, points.line, "\"points\" must be a number above 0 (found \"\(points.value)\")"))
            }
        }
        if let kind = fm["submission"] {
            if let k = Assignment.SubmissionKind(rawValue: kind.value) {
                a.submission = k
            } else {
                diagnostics.append(
                    .error(file, kind.line, "\"submission\" must be text, file or both (found \"\(kind.value)\")"))
            }
        }
        if let types = fm["allowedTypes"] {
            a.allowedTypes = types.value.split(whereSeparator: { $0 == "," || $0 == " " })
                .map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
                .filter { !$0.isEmpty }
        }
        if let size = fm["maxFileMB"] {
            if let n = Double(size.value), n > 0, n <= 10_000 {
                a.maxFileMB = n
            } else {
                diagnostics.append(
                    .error(
                        file, size.line, "\"maxFileMB\" must be a number of megabytes above 0 (found \"\(size.value)\")"
                    ))
            }
        }
        let (instructions, rubric, rubricLine) = splitRubric(
            fm.body, startLine: fm.bodyStartLine, file: file, diagnostics: &diagnostics)
        a.instructions = instructions
        a.rubric = rubric
        if !rubric.isEmpty {
            let total = rubric.reduce(0) { $0 + $1.points }
            if abs(total - a.points) > 1e-9 {
                diagnostics.append(
                    .error(
                        file, rubricLine,
                        "the rubric adds up to \(JSONWriter.number(total)) points but the assignment is worth \(JSONWriter.number(a.points)): make them equal"
                    ))
            }
        }
        LessonReader.checkLinks(fm, file: file, files: files, references: &references, diagnostics: &diagnostics)
        return diagnostics[before...].hasErrors ? nil : a
    }

    /// Splits off a `## Rubric` section of `- criterion: points` lines.
    static func splitRubric(
        _ body: String, startLine: Int, file: String,
        diagnostics: inout [Diagnostic]
    ) -> (String, [RubricCriterion], Int) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard
            let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "## rubric" })
        else {
            return (body, [], startLine)
        }
        var rubric: [RubricCriterion] = []
        var end = lines.count
        for index in (start + 1)..<lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                end = index
                break
            }
            if line.isEmpty { continue }
            let lineNumber = startLine + index
            guard line.hasPrefix("- ") || line.hasPrefix("* "), let colon = line.lastIndex(of: ":") else {
                diagnostics.append(
                    .error(file, lineNumber, "rubric lines must read \"- criterion: points\" (found \"\(line)\")"))
                continue
            }
            let name = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: .whitespaces)
            guard let points = Double(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)),
                points >= 0
            else {
                diagnostics.append(
                    .error(file, lineNumber, "rubric criterion \"\(name)\" needs a number of points after the colon"))
                continue
            }
            rubric.append(RubricCriterion(criterion: name, points: points))
        }
        let instructions = (lines[..<start] + lines[end...]).joined(separator: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
        return (instructions, rubric, startLine + start)
    }
}

/// Due dates: ISO 8601 with an offset, or without one when the course names a time zone.
enum DueDate {
    struct Problem: Error { var message: String }

    static func parse(_ text: String, timeZone: String?) -> Result<Date, Problem> {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return .success(date) }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return .success(date) }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            local.dateFormat = format
            local.timeZone = TimeZone(identifier: "UTC")
            guard local.date(from: text) != nil else { continue }
            guard let zoneName = timeZone, let zone = TimeZone(identifier: zoneName) else {
                return .failure(
                    Problem(
                        message:
                            "due time \"\(text)\" has no offset: add Z or +03:00, or set \"timeZone\" in course.json"))
            }
            local.timeZone = zone
            if format == "yyyy-MM-dd" {
                local.dateFormat = "yyyy-MM-dd HH:mm:ss"
                return local.date(from: text + " 23:59:59").map { .success($0) }
                    ?? .failure(Problem(message: "bad date"))
            }
            if let date = local.date(from: text) { return .success(date) }
        }
        return .failure(
            Problem(message: "\"due\" must be a date and time like 2027-01-18T23:59:00Z (found \"\(text)\")"))
    }
}
