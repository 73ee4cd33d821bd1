import CoursePackage
import Foundation
import LMSModel

/// `lms-offline export COURSE|DIR --html -o DIR [--answers]`: a printable booklet of a course
/// (an installed course, or a course folder): `DIR/index.html` and the images and files it uses
/// under `DIR/assets/`. Field sites print it for students who have no device; `--answers` makes the
/// teacher's copy, with the quizzes' answer keys.
enum ExportCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "export",
            summary: "a printable HTML booklet of a course (lessons, assignments, quizzes as worksheets); "
                + "--answers adds the keys",
            usage: "lms-offline export COURSE|FOLDER --html -o DIR [--answers] [--home DIR]",
            flags: ["html", "answers"], options: ["output"], run: export)
    ]

    /// Why an export cannot be made.
    struct ExportError: Error, CustomStringConvertible {
        let description: String
    }

    static func export(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let source = try args.positional(0, "COURSE or FOLDER")
        guard args.has("html") else {
            throw Arguments.UsageError(description: "give --html: the booklet is an HTML page to print from a browser")
        }
        guard let output = args.value("output") else {
            throw Arguments.UsageError(description: "give -o DIR: the folder to write index.html and assets/ into")
        }
        let folder = try courseFolder(source, args, console)
        let files = try FolderFiles(root: folder)
        let loaded = CourseLoader.load(files)
        guard let course = loaded.course else {
            let first = loaded.diagnostics.first { $0.severity == .error }?.description ?? "?"
            throw ExportError(
                description: "\(source) is not a valid course (\(first)); run lms-offline validate \(source)")
        }
        try prepare(output)
        let booklet = CourseBooklet.make(
            course: course, files: files, answerKey: args.has("answers"), itemPaths: loaded.itemPaths)
        let page = output + "/index.html"
        guard FileManager.default.createFile(atPath: page, contents: Data(booklet.html.utf8)) else {
            throw ExportError(description: "cannot write \(page): check the folder's permissions and free space")
        }
        for path in booklet.assets {
            let target = output + "/assets/" + path
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: folder + "/" + path, toPath: target)
        }
        let copy = args.has("answers") ? "teacher's copy, with answer keys" : "student copy, no answer keys"
        console.out(
            "Wrote \(page) (\(copy): \(course.modules.count) modules, \(course.lessons.count) lessons, "
                + "\(course.quizzes.count) quizzes, \(course.assignments.count) assignments, "
                + "\(booklet.assets.count) files in assets/). Open it in a browser and print it (A4 or Letter).")
        return 0
    }

    /// The folder of a course: `source` itself when it is a course folder, else the installed course.
    static func courseFolder(_ source: String, _ args: Arguments, _ console: Console) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
            guard FileManager.default.fileExists(atPath: source + "/course.json") else {
                throw ExportError(
                    description: "\(source) has no course.json: give a course folder or an installed course id")
            }
            return source
        }
        let context = try ClientContext(args, console: console)
        return try CourseCatalog(queue: context.queue, home: context.home).course(matching: source).folder
    }

    /// Makes `output` ready: created if missing; an existing folder must be empty or hold an export.
    static func prepare(_ output: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ExportError(description: "\(output) is a file: give a folder for -o")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: output)) ?? []
            guard entries.allSatisfy({ $0 == "index.html" || $0 == "assets" }) else {
                throw ExportError(
                    description: "\(output) holds other files: give an empty or new folder, or a previous export's")
            }
            try? manager.removeItem(atPath: output + "/assets")
        } else {
            try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
        }
    }
}
