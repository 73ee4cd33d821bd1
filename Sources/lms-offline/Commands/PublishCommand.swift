import CoursePackage
import Foundation
import LMSModel

/// `lms-offline publish DIR|PACKAGE`: validate, pack, upload, and report what changed (docs/CLIENT.md "Teaching").
enum PublishCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "publish",
            summary: "validate, pack and upload a course to the server; report what changed and who it reaches",
            usage: "lms-offline publish DIR|PACKAGE [--changelog TEXT] [--json] [--home DIR]",
            flags: ["json"], options: ["changelog"], run: publish)
    ]

    static func publish(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let source = try args.positional(0, "DIR or PACKAGE (the course to publish)")
        let json = args.has("json")
        // 1. Validate: a course with errors is never uploaded.
        var cleanup: [String] = []
        defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
        let package: String
        let version: SemanticVersion
        switch try CourseSource.open(source) {
        case .package(let archive):
            try archive.verify()
            let loaded = CourseLoader.load(archive)
            guard let loadedCourse = loaded.course else {
                return refuse(source, loaded.diagnostics, json: json, console)
            }
            version = loadedCourse.version
            package = source
        case let opened:
            var folder = source
            if case .zippedFolder(let zipped) = opened {
                folder = NSTemporaryDirectory() + "lms-publish-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                try zipped.extractCourse(to: folder)
                cleanup.append(folder)
            }
            // 2. Validate and pack in one pass, with the same builder as `lms-offline pack`.
            package = NSTemporaryDirectory() + "lms-publish-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).zip"
            cleanup.append(package)
            var diagnostics: [Diagnostic] = []
            let packed: PackageBuilder.Output
            do {
                packed = try PackageBuilder.pack(folder: folder, to: package, build: .full, diagnostics: &diagnostics)
            } catch PackageError.invalidCourse {
                return refuse(source, diagnostics, json: json, console)
            }
            version = packed.manifest.version
            // Warnings do not stop a publish, but the teacher sees them.
            if !json { packed.warnings.forEach { console.err($0.description) } }
        }
        // 3. Upload.
        let (_, connection) = try ServerConnection.open(args, console)
        var headers: [String: String] = [:]
        if let changelog = args.value("changelog") {
            // A header value is one line of visible ASCII or UTF-8; newlines would end it.
            headers["X-Changelog"] = changelog.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(
                of: "\n", with: " ")
        }
        let answer: JSONValue
        do {
            answer = try connection.upload(
                "POST", "/api/v1/courses", file: package, contentType: "application/zip", headers: headers)
        } catch var error as AdminError {
            switch error.status {
            case 409:
                var next = version
                next.patch += 1
                next.prerelease = []
                error.hint = Messages.t(.versionExists, next.description)
            case 422: error.hint = Messages.t(.invalidPackage)
            default: break
            }
            throw error
        }
        // 4. Report.
        if json {
            console.out(JSONWriter.write(answer, pretty: true))
        } else {
            console.out(report(answer))
        }
        return 0
    }

    /// Prints the diagnostics of a course that cannot be published; exit status 1.
    static func refuse(_ source: String, _ diagnostics: [Diagnostic], json: Bool, _ console: Console) -> Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if json {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("published", .flag(false)),
                        (
                            "errors",
                            .list(
                                errors.map { d in
                                    .obj([
                                        ("file", .str(d.file)),
                                        ("line", d.line.map { .num(Double($0)) } ?? JSONValue(.null)),
                                        ("message", .str(d.message))
                                    ])
                                })
                        )
                    ]), pretty: true))
        } else {
            for d in errors { console.err(d.description) }
        }
        console.err(Messages.t(.validationFailed, source))
        return 1
    }

    /// The text report of a publish answer.
    static func report(_ answer: JSONValue) -> String {
        let id = answer["id"]?.stringValue ?? "?"
        let version = answer["version"]?.stringValue ?? "?"
        var lines: [String] = []
        if let previous = answer["previousVersion"]?.stringValue {
            lines.append(Messages.t(.published, id, version, previous))
            let items = answer["items"] ?? JSONValue(.null)
            var any = false
            for (key, text) in [
                ("added", MessageKey.itemAdded), ("changed", .itemChanged), ("removed", .itemRemoved)
            ] {
                for item in items[key]?.arrayValue ?? [] {
                    any = true
                    lines.append(
                        Messages.t(
                            text, item["kind"]?.stringValue ?? "", item["id"]?.stringValue ?? "",
                            item["title"]?.stringValue ?? ""))
                }
            }
            for item in items["renamed"]?.arrayValue ?? [] {
                any = true
                lines.append(
                    Messages.t(
                        .itemRenamed, item["kind"]?.stringValue ?? "", item["from"]?.stringValue ?? "",
                        item["id"]?.stringValue ?? "", item["title"]?.stringValue ?? ""))
            }
            if !any { lines.append(Messages.t(.noItemChanges)) }
            let files = answer["changes"] ?? JSONValue(.null)
            func count(_ key: String) -> Int { files[key]?.arrayValue?.count ?? 0 }
            lines.append(
                Messages.t(.filesSummary, count("added"), count("changed"), count("removed"), count("renamed")))
        } else {
            lines.append(Messages.t(.publishedFirst, id, version))
        }
        lines.append(
            Messages.t(
                .studentsAffected, Messages.count(.countStudents, Int(answer["studentsAffected"]?.numberValue ?? 0))))
        return lines.joined(separator: "\n")
    }
}
