import CoursePackage
import Foundation
import LMSModel

/// The authoring commands: new-course, validate, pack, inspect, student, delta, unpack.
enum CourseCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "new-course", summary: "write a starting course folder with one of each kind of item",
            usage: "lms-offline new-course DIR [--id ID] [--title TITLE]", options: ["id", "title"], run: newCourse),
        .init(
            name: "validate", summary: "check a course folder or package; every problem as file:line: message",
            usage: "lms-offline validate PATH [--json] [--quiet]", flags: ["json", "quiet"], run: validate),
        .init(
            name: "pack", summary: "pack a course folder into a deterministic, verifiable package",
            usage: "lms-offline pack DIR [-o FILE] [--student] [--json]", flags: ["student", "json"],
            options: ["output"], run: pack),
        .init(
            name: "inspect", summary: "show a package's course at a glance",
            usage: "lms-offline inspect PACKAGE [--json]", flags: ["json"], run: inspect),
        .init(
            name: "student", summary: "make the student build of a package (exam answer keys removed)",
            usage: "lms-offline student PACKAGE [-o FILE]", options: ["output"], run: student),
        .init(
            name: "delta", summary: "what a device with OLD must fetch to have NEW (and write it with -o)",
            usage: "lms-offline delta OLD NEW [--json] [-o FILE]", flags: ["json"], options: ["output"], run: delta),
        .init(
            name: "unpack", summary: "extract and verify a package into a new folder",
            usage: "lms-offline unpack PACKAGE -o DIR", options: ["output"], run: unpack)
    ]

    static func newCourse(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let dir = try args.positional(0, "DIR (the folder to create)")
        if let id = args.value("id"), !Course.isValidID(id) {
            throw Arguments.UsageError(
                description: "--id must be 3 to 64 lowercase letters, digits or - (found \"\(id)\")")
        }
        try CourseScaffold.write(to: dir, id: args.value("id"), title: args.value("title"))
        console.out("Created \(dir). Edit it, then run: lms-offline validate \(dir) && lms-offline pack \(dir)")
        return 0
    }

    static func validate(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "PATH (a course folder or package)")
        let diagnostics: [Diagnostic]
        switch try CourseSource.open(path) {
        case .package(let archive):
            try archive.verify()
            diagnostics = CourseLoader.load(archive).diagnostics
        case let other:
            diagnostics = CourseLoader.load(other.files).diagnostics
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if args.has("json") {
            let list = diagnostics.map { d -> JSONValue in
                var m: [(key: String, value: JSONValue)] = [("file", JSONValue(.string(d.file)))]
                if let line = d.line { m.append(("line", JSONValue(.number(Double(line))))) }
                m.append(("severity", JSONValue(.string(d.severity.rawValue))))
                m.append(("message", JSONValue(.string(d.message))))
                return JSONValue(.object(m))
            }
            console.out(
                JSONWriter.write(
                    JSONValue(
                        .object([
                            ("valid", JSONValue(.bool(errors == 0))),
                            ("errors", JSONValue(.number(Double(errors)))),
                            ("warnings", JSONValue(.number(Double(warnings)))),
                            ("diagnostics", JSONValue(.array(list)))
                        ])), pretty: true))
        } else {
            for d in diagnostics where !(args.has("quiet") && d.severity == .warning) {
                let color: Console.Color = d.severity == .error ? .red : .yellow
                console.out(console.useColor ? console.paint(d.description, color) : d.description)
            }
            console.err(
                Messages.t(
                    errors == 0 ? .courseValid : .courseNotValid, path, Messages.count(.countErrors, errors),
                    Messages.count(.countWarnings, warnings)))
        }
        return errors == 0 ? 0 : 1
    }

    static func pack(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let source = try args.positional(0, "DIR (the course folder, or a zip of it)")
        let build: PackageManifest.Build = args.has("student") ? .student : .full
        var folder = source
        var cleanup: String?
        defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
        switch try CourseSource.open(source) {
        case .folder: break
        case .package:
            throw Arguments.UsageError(
                description:
                    "\(source) is already a package; pack takes a course folder (use student or delta on packages)")
        case .zippedFolder(let zipped):
            folder = NSTemporaryDirectory() + "lms-pack-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try zipped.extractCourse(to: folder)
            cleanup = folder
        }
        var diagnostics: [Diagnostic] = []
        let result: PackageBuilder.Output
        do {
            result = try PackageBuilder.pack(
                folder: folder, to: args.value("output"), build: build, diagnostics: &diagnostics)
        } catch PackageError.invalidCourse(let count) {
            diagnostics.filter { $0.severity == .error }.forEach { console.err($0.description) }
            throw PackageError.invalidCourse(count: count)
        }
        result.warnings.forEach { console.err($0.description) }
        let output = result.path
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    JSONValue(
                        .object([
                            ("package", JSONValue(.string(output))), ("sha256", JSONValue(.string(result.packageID))),
                            ("build", JSONValue(.string(build.rawValue))),
                            ("entries", JSONValue(.number(Double(result.manifest.entries.count)))),
                            ("bytes", JSONValue(.number(Double(result.manifest.totalSize))))
                        ])), pretty: true))
        } else {
            console.out("\(output)  \(result.packageID)")
        }
        return 0
    }

    static func inspect(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "PACKAGE")
        let archive = try PackageArchive(path: path)
        let loaded = CourseLoader.load(archive)
        guard let course = loaded.course else {
            loaded.diagnostics.filter { $0.severity == .error }.forEach { console.err($0.description) }
            throw PackageError.invalidCourse(count: loaded.diagnostics.filter { $0.severity == .error }.count)
        }
        let summary = PackageSummary(course: course, manifest: archive.manifest)
        console.out(args.has("json") ? JSONWriter.write(summary.json, pretty: true) : summary.text)
        return 0
    }

    static func student(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "PACKAGE (a full package)")
        let output = args.value("output") ?? (path.hasSuffix(".zip") ? String(path.dropLast(4)) : path) + "-student.zip"
        let result = try PackageBuilder.studentBuild(of: path, to: output)
        console.out("\(output)  \(result.packageID)")
        return 0
    }

    static func delta(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let old = try PackageArchive(path: try args.positional(0, "OLD (the package the device has)"))
        let new = try PackageArchive(path: try args.positional(1, "NEW (the package it should have)"))
        let plan = try PackageDelta.make(from: old.manifest, to: new.manifest)
        if let output = args.value("output") { try plan.writeArchive(newPackage: new, to: output) }
        if args.has("json") {
            console.out(JSONWriter.write(plan.json, pretty: true))
        } else {
            let share = plan.totalBytes == 0 ? 0 : Double(plan.fetchBytes) / Double(plan.totalBytes) * 100
            console.out(
                "\(old.manifest.courseID) \(plan.fromVersion) → \(plan.toVersion): fetch \(plan.fetch.count) entries (\(PackageSummary.bytes(plan.fetchBytes)), \(String(format: "%.1f", share))% of \(PackageSummary.bytes(plan.totalBytes))), copy \(plan.copy.count), remove \(plan.remove.count), unchanged \(plan.unchanged)"
            )
            for entry in plan.fetch { console.out("  fetch   \(entry.path)") }
            for copy in plan.copy { console.out("  copy    \(copy.from) → \(copy.to)") }
            for path in plan.remove { console.out("  remove  \(path)") }
        }
        return 0
    }

    static func unpack(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "PACKAGE")
        guard let output = args.value("output") else {
            throw Arguments.UsageError(description: "missing -o DIR (a folder that does not exist yet)")
        }
        let archive = try PackageArchive(path: path)
        try archive.extract(to: output)
        console.out("\(output)  \(archive.packageID)")
        return 0
    }
}
