import Foundation
import LMSModel

/// `lms-offline submit ASSIGNMENT [FILE...] [--text TEXT]`: hand in work; every version is kept.
enum SubmitCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "submit",
            summary: "submit an assignment (files and/or text); every version is kept, late work is flagged",
            usage: "lms-offline submit ASSIGNMENT [FILE...] [--text TEXT] [--course COURSE] [--json] [--home DIR]",
            flags: ["json"], options: ["text", "course"], run: submit)
    ]

    static func submit(_ args: Arguments, _ console: Console) throws -> Int32 {
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let item = try catalog.item(
            matching: try args.positional(0, "ASSIGNMENT"), course: args.value("course"), kind: "assignment")
        let course = try catalog.course(matching: item.courseID)
        guard
            let assignment = try CourseCatalog.loadCourse(folder: course.folder).assignments.first(where: {
                $0.id == item.id
            })
        else {
            throw ClientError(.itemUnknown, "assignment", item.id, "")
        }
        let files = Array(args.positionals.dropFirst())
        let (submission, late) = try SubmissionStore(
            queue: context.queue, home: context.home, deviceID: context.deviceID, profile: profile
        )
        .submit(courseID: course.id, assignment: assignment, files: files, text: args.value("text"), now: context.now())
        if late, let due = assignment.due {
            console.err(
                console.paint(
                    Messages.t(.lateWarning, assignment.title, ISO8601DateFormatter().string(from: due)), .yellow))
        }
        if args.has("json") {
            console.out(
                JSONWriter.write(
                    .obj([
                        ("submission", .str(submission.id)), ("assignment", .str(submission.assignmentID)),
                        ("course", .str(course.id)),
                        ("version", .int(submission.version)), ("late", .flag(late)),
                        (
                            "files",
                            .list(
                                submission.files.map {
                                    .obj([
                                        ("name", .str($0.name)), ("size", .int(Int($0.size))),
                                        ("sha256", .str($0.sha256))
                                    ])
                                })
                        )
                    ]), pretty: true))
        } else {
            console.out(Messages.t(.submitted, TerminalText.sanitize(assignment.title), submission.version))
        }
        return 0
    }
}
