import Foundation
import LMSModel

/// A whole course as one self-contained HTML page to print: every lesson in order, assignments
/// with their instructions and rubric, quizzes as worksheets without keys (or, for a teacher's
/// copy, with them). Lessons go through `MarkdownHTMLRenderer` in its safe mode; images and
/// other course files they use are listed in `assets` (to be copied under `assets/` beside the
/// page, where the page links them relatively); links between lessons become in-page anchors.
///
/// Pure: the course's files are only read through `CourseFiles`.
public struct CourseBooklet: Sendable {
    /// The page.
    public var html: String
    /// The course files the page links to, as course paths (copy each to `assets/PATH`).
    public var assets: [String]

    /// Builds the booklet of `course`, whose files are `files`; `answerKey` adds the answer keys.
    /// `itemPaths` (`CourseLoader.Result.itemPaths`) lets pictures in quiz questions resolve.
    public static func make(
        course: Course, files: any CourseFiles, answerKey: Bool, itemPaths: [String: String] = [:]
    ) -> CourseBooklet {
        var writer = BookletWriter(course: course, files: files, answerKey: answerKey, itemPaths: itemPaths)
        writer.writeCourse()
        return CourseBooklet(html: writer.out, assets: writer.assets.sorted())
    }
}

/// Writes the booklet's HTML, collecting the assets it links to.
struct BookletWriter {
    let course: Course
    let files: any CourseFiles
    let answerKey: Bool
    /// The anchor of each item, by the course path of its file.
    let anchors: [String: String]
    /// The course path of each item's file, by item id.
    let itemPaths: [String: String]
    var out = ""
    var assets: Set<String> = []
    let renderer = MarkdownHTMLRenderer(isSafe: true)

    init(course: Course, files: any CourseFiles, answerKey: Bool, itemPaths: [String: String]) {
        self.course = course
        self.itemPaths = itemPaths
        self.files = files
        self.answerKey = answerKey
        var anchors: [String: String] = [:]
        for item in course.items {
            switch item {
            case .lesson(let lesson): anchors[lesson.path] = Self.anchor(item.id)
            case .assignment(let assignment): anchors[assignment.path] = Self.anchor(item.id)
            case .quiz: break
            }
        }
        self.anchors = anchors
        out.reserveCapacity(64 * 1024)
    }

    /// The HTML id of an item.
    static func anchor(_ id: String) -> String { "item-" + id }

    /// HTML text with `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: - The course

    mutating func writeCourse() {
        let title = Self.escape(course.title)
        out += "<!DOCTYPE html>\n<html lang=\"\(Self.escape(course.language ?? "en"))\">\n<head>\n"
        out += "<meta charset=\"utf-8\">\n<title>\(title)\(answerKey ? " (teacher's copy)" : "")</title>\n"
        out += "<style>\n\(BookletStyle.css)</style>\n</head>\n<body>\n"
        out += "<header class=\"cover\">\n<h1>\(title)</h1>\n"
        out += "<p class=\"meta\">Version \(course.version)"
        if !course.instructors.isEmpty {
            out += " · " + Self.escape(course.instructors.joined(separator: ", "))
        }
        if answerKey { out += " · <strong>Teacher's copy: with answer keys</strong>" }
        out += "</p>\n"
        if let description = course.description { out += "<p>\(Self.escape(description))</p>\n" }
        writeObjectives(course.objectives)
        writeContents()
        out += "</header>\n"
        for (number, module) in course.modules.enumerated() {
            writeModule(module, number: number + 1)
        }
        out += "</body>\n</html>\n"
    }

    mutating func writeObjectives(_ objectives: [String]) {
        guard !objectives.isEmpty else { return }
        out += "<ul class=\"objectives\">\n"
        for objective in objectives { out += "<li>\(Self.escape(objective))</li>\n" }
        out += "</ul>\n"
    }

    mutating func writeContents() {
        out += "<nav class=\"contents\">\n<h2>Contents</h2>\n<ol>\n"
        for module in course.modules {
            out += "<li><a href=\"#module-\(Self.escape(module.id))\">\(Self.escape(module.title))</a>\n<ol>\n"
            for item in module.items {
                out += "<li><a href=\"#\(Self.escape(Self.anchor(item.id)))\">"
                out += "\(Self.kindName(item)): \(Self.escape(item.title))</a></li>\n"
            }
            out += "</ol></li>\n"
        }
        out += "</ol>\n</nav>\n"
    }

    static func kindName(_ item: CourseItem) -> String {
        switch item {
        case .lesson: return "Lesson"
        case .quiz: return "Quiz"
        case .assignment: return "Assignment"
        }
    }

    mutating func writeModule(_ module: Module, number: Int) {
        out += "<section class=\"module\" id=\"module-\(Self.escape(module.id))\">\n"
        out += "<h2>Module \(number): \(Self.escape(module.title))</h2>\n"
        if let description = module.description { out += "<p>\(Self.escape(description))</p>\n" }
        writeObjectives(module.objectives)
        for item in module.items {
            switch item {
            case .lesson(let lesson): writeLesson(lesson)
            case .quiz(let quiz): writeQuiz(quiz)
            case .assignment(let assignment): writeAssignment(assignment)
            }
        }
        out += "</section>\n"
    }

    // MARK: - Lessons and assignments

    mutating func writeLesson(_ lesson: Lesson) {
        out += "<article class=\"item lesson\" id=\"\(Self.escape(Self.anchor(lesson.id)))\">\n"
        out += "<h3>\(Self.escape(lesson.title))</h3>\n"
        if let minutes = lesson.durationMinutes {
            out += "<p class=\"meta\">About \(JSONWriter.number(minutes)) minutes</p>\n"
        }
        if let media = lesson.media {
            let name = Self.escape(media.split(separator: "/").last.map(String.init) ?? media)
            let label = lesson.kind == .video ? "Video" : "File"
            if files.contains(media) {
                assets.insert(media)
                out += "<p class=\"media\">\(label): <a href=\"\(Self.escape(BookletLinks.assetURL(media)))\">"
                out += "\(name)</a></p>\n"
            } else {
                out += "<p class=\"media\">\(label): \(name)</p>\n"
            }
        }
        if let url = lesson.url {
            out += "<p class=\"media\">Link: <a href=\"\(Self.escape(url))\">\(Self.escape(url))</a></p>\n"
        }
        writeMarkdown(file: lesson.path, title: lesson.title)
        out += "</article>\n"
    }

    mutating func writeAssignment(_ assignment: Assignment) {
        out += "<article class=\"item assignment\" id=\"\(Self.escape(Self.anchor(assignment.id)))\">\n"
        out += "<h3>Assignment: \(Self.escape(assignment.title))</h3>\n<p class=\"meta\">"
        out += "\(JSONWriter.number(assignment.points)) points"
        if let due = assignment.due {
            out += " · due \(Self.escape(dueText(due)))"
        }
        out += " · hand in: \(assignment.submission.rawValue)</p>\n"
        writeBody(assignment.instructions, file: assignment.path, title: assignment.title)
        if !assignment.rubric.isEmpty {
            out += "<table class=\"rubric\">\n<thead><tr><th>Criterion</th><th>Points</th>"
            out += "<th>Score</th></tr></thead>\n<tbody>\n"
            for row in assignment.rubric {
                out += "<tr><td>\(Self.escape(row.criterion))</td><td>\(JSONWriter.number(row.points))</td>"
                out += "<td class=\"blank\"></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</article>\n"
    }

    /// A due date as people read it, in the course's time zone (UTC when it names none).
    func dueText(_ date: Date) -> String {
        let zone = course.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " " + (zone?.identifier ?? "UTC")
    }

    /// A Markdown file of the course without its front matter.
    mutating func writeMarkdown(file: String, title: String) {
        guard let bytes = try? files.read(file) else { return }
        var ignored: [Diagnostic] = []
        let body = FrontMatter.parse(String(decoding: bytes, as: UTF8.self), file: file, diagnostics: &ignored).body
        writeBody(body, file: file, title: title)
    }

    /// Markdown written in the file at `file`, its links made to work in the booklet. A first heading
    /// that repeats the title is left out.
    mutating func writeBody(_ markdown: String, file: String, title: String) {
        var document = MarkdownParser.parse(markdown)
        if let first = document.blocks.first, case .heading(_, let inlines) = first.kind,
            QuestionText.plainText(inlines).trimmingCharacters(in: .whitespaces) == title
        {
            document.blocks.removeFirst()
        }
        document = linked(document, from: file, shift: 3)
        out += "<div class=\"body\">\n" + renderer.render(document) + "</div>\n"
    }

    /// `document`, written in the file at `file`, with links to items as anchors and course files
    /// as assets (recorded in `assets`), headings moved down by `shift`.
    mutating func linked(_ document: MarkdownDocument, from file: String, shift: Int) -> MarkdownDocument {
        let anchors = self.anchors
        let files = self.files
        var used: Set<String> = []
        let itemAnchor = anchors[file].map { "#" + $0 }
        let result = BookletLinks.rewrite(document, shift: shift) { destination in
            if destination.hasPrefix("#") { return itemAnchor ?? destination }
            guard let path = BookletLinks.coursePath(destination, from: file) else { return destination }
            if let anchor = anchors[path] { return "#" + anchor }
            guard files.contains(path) else { return destination }
            used.insert(path)
            return BookletLinks.assetURL(path)
        }
        assets.formUnion(used)
        return result
    }
}
