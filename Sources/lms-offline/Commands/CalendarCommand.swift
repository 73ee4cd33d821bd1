import Foundation
import LMSModel

/// `lms-offline calendar [COURSE] [-o FILE.ics]`: the installed courses' dates and deadlines as an
/// iCalendar file (RFC 5545) that calendar apps import. Works offline.
enum CalendarCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "calendar",
            summary: "course dates and assignment deadlines as an iCalendar (.ics) file, from installed courses",
            usage: "lms-offline calendar [COURSE] [-o FILE.ics] [--json] [--home DIR]", flags: ["json"],
            options: ["output"], run: calendar)
    ]

    static func calendar(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let installed = try args.positionals.first.map { [try catalog.course(matching: $0)] } ?? catalog.courses()
        guard !installed.isEmpty else { throw ClientError(.noCourses) }
        var events: [ICalendar.Event] = []
        for course in installed {
            events += ICalendar.events(of: try CourseCatalog.loadCourse(folder: course.folder))
        }
        let name = installed.count == 1 ? installed[0].title : "lms-offline"
        if args.has("json") {
            let list = events.map { e -> JSONValue in
                let when: (String, JSONValue)
                switch e.when {
                case .day(let day): when = ("date", .str(day))
                case .instant(let date): when = ("at", .date(date))
                }
                return .obj([
                    ("uid", .str(e.uid)), ("summary", .str(e.summary)), when, ("category", .str(e.category ?? ""))
                ])
            }
            console.out(JSONWriter.write(.obj([("events", .list(list))]), pretty: true))
            return 0
        }
        let text = ICalendar(name: name, events: events).text(stamp: context.now())
        if let output = args.value("output") {
            try AtomicFile.write(Data(text.utf8), to: output)
            console.err(
                events.isEmpty ? Messages.t(.noDates, name) : Messages.t(.calendarWritten, events.count, output))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return 0
    }
}
