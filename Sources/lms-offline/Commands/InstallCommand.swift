import Foundation
import LMSModel

/// `lms-offline install PACKAGE`: install or update a course from a file, verified.
enum InstallCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "install", summary: "install or update a course from a package file (verified); keeps all progress",
            usage: "lms-offline install PACKAGE [--force] [--json] [--home DIR]", flags: ["force", "json"], run: install
        )
    ]

    static func install(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let path = try args.positional(0, "PACKAGE (a course package file)")
        let context = try ClientContext(args, console: console)
        let report = try CourseInstaller(queue: context.queue, home: context.home)
            .install(path: path, force: args.has("force"), now: context.now())
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("course", .str(report.courseID)), ("title", .str(report.title)),
                        ("version", .str(report.version)),
                        ("previousVersion", .opt(report.previousVersion)), ("package", .str(report.packageID)),
                        ("alreadyInstalled", .flag(report.alreadyInstalled)),
                        ("added", .list(report.added.map(JSONValue.str))),
                        ("changed", .list(report.changed.map(JSONValue.str))),
                        ("removed", .list(report.removed.map(JSONValue.str))),
                        ("renamed", .list(report.renamed.map { .obj([("from", .str($0.from)), ("to", .str($0.to))]) }))
                    ]), pretty: true))
            return 0
        }
        if report.alreadyInstalled {
            console.out(Messages.t(.alreadyInstalled, report.courseID, report.version))
        } else if let previous = report.previousVersion {
            console.out(Messages.t(.updated, report.courseID, previous, report.version))
            report.added.forEach { console.out(Messages.t(.changeAdded, $0)) }
            report.changed.forEach { console.out(Messages.t(.changeChanged, $0)) }
            report.removed.forEach { console.out(Messages.t(.changeRemoved, $0)) }
            report.renamed.forEach { console.out(Messages.t(.changeRenamed, $0.from, $0.to)) }
        } else {
            console.out(Messages.t(.installed, report.courseID, report.version, TerminalText.sanitize(report.title)))
        }
        return 0
    }
}
