import Dispatch
import Foundation
import LMSModel

/// `lms-offline quiz QUIZ`: take a quiz on the terminal, or from `--answers FILE.json`.
enum QuizCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "quiz", summary: "take a quiz (interactive, or --answers FILE.json); an interrupted attempt resumes",
            usage: "lms-offline quiz QUIZ [--answers FILE.json] [--course COURSE] [--json] [--home DIR]",
            flags: ["json"], options: ["answers", "course"], run: quiz)
    ]

    static func quiz(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.studyProfile(args)
        let catalog = CourseCatalog(queue: context.queue, home: context.home)
        let item = try catalog.item(
            matching: try args.positional(0, "QUIZ"), course: args.value("course"), kind: "quiz")
        let course = try catalog.course(matching: item.courseID)
        let store = AttemptStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
        let sheet = try args.value("answers").map(readSheet)

        var record: AttemptRecord
        var quiz: Quiz
        if let draft = try store.draft(courseID: course.id, quizID: item.id) {
            // An attempt is graded against the version it was started on.
            let folder = try catalog.folder(courseID: course.id, packageID: draft.packageID) ?? course.folder
            quiz = try findQuiz(item.id, in: try CourseCatalog.loadCourse(folder: folder))
            record = draft
            let expired = draft.deadline.map { $0 <= context.now() } ?? false
            if !expired, sheet == nil, !confirmResume(draft, console: console) {
                // Declining leaves the attempt open; only the student's hand-in or the time limit ends it.
                console.out(Messages.t(.attemptKeptOpen, item.shortID, remaining(draft, now: context.now())))
                return 0
            }
            if expired {
                console.err(Messages.t(.timeUp))
                return try finish(record, quiz: quiz, store: store, context: context, args: args, timeUp: true)
            }
        } else {
            quiz = try findQuiz(item.id, in: try CourseCatalog.loadCourse(folder: course.folder))
            let used = try store.submitted(courseID: course.id, quizID: item.id).count
            if let max = quiz.maxAttempts, used >= max { throw ClientError(.attemptsUsed, max, quiz.title) }
            record = try store.start(course: course, quiz: quiz, now: context.now())
            if sheet == nil {
                var info = [quiz.mode.rawValue]
                if let limit = quiz.timeLimitMinutes { info.append("\(ScoreFormat.text(limit)) min") }
                if let max = quiz.maxAttempts { info.append(Messages.t(.attemptsLeft, used + 1, max)) }
                console.out(
                    console.paint(
                        Messages.t(
                            .quizStart, TerminalText.sanitize(quiz.title),
                            Messages.count(.countQuestions, quiz.questions.filter(\.isAnswerable).count),
                            info.joined(separator: ", ")), .bold))
            }
        }

        if let sheet {
            do {
                let answers = try AnswerSheet.responses(sheet, for: quiz)
                record.responses.merge(answers) { $1 }
            } catch {
                throw ClientError(.answersUnreadable, args.value("answers") ?? "", "\(error)")
            }
            try store.save(record)
            return try finish(record, quiz: quiz, store: store, context: context, args: args, timeUp: false)
        }

        let interrupt = installInterruptHandler(quizID: item.id, console: console)
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let runner = QuizRunner(
            quiz: quiz, record: record, store: store, console: console,
            width: Pager.width(environment: context.environment))
        let (outcome, answered) = try runner.run()
        switch outcome {
        case .finished:
            return try finish(answered, quiz: quiz, store: store, context: context, args: args, timeUp: false)
        case .timeUp:
            try store.save(answered)
            console.out(Messages.t(.timeUp))
            return try finish(answered, quiz: quiz, store: store, context: context, args: args, timeUp: true)
        case .keptOpen:
            console.out(Messages.t(.attemptKeptOpen, item.shortID, remaining(answered, now: context.now())))
            return 0
        case .endOfInput:
            console.err(Messages.t(.interrupted, item.shortID))
            return 130
        }
    }

    /// What an open attempt's clock says: the time left, or that it has no limit.
    static func remaining(_ record: AttemptRecord, now: Date) -> String {
        guard let deadline = record.deadline else { return Messages.t(.noTimeLimit) }
        return Messages.t(.timeLeftWords, QuizRunner.clock(deadline.timeIntervalSince(now)))
    }

    /// Submits and shows the result (practice) or that the server will grade it (exam).
    static func finish(
        _ record: AttemptRecord, quiz: Quiz, store: AttemptStore, context: ClientContext, args: Arguments,
        timeUp: Bool
    ) throws -> Int32 {
        let result = try store.submit(record, quiz: quiz, now: context.now())
        let console = context.console
        if args.has("json") {
            var members: [(String, JSONValue)] = [
                ("attempt", .str(record.id)), ("quiz", .str(quiz.id)), ("course", .str(record.courseID)),
                ("mode", .str(quiz.mode.rawValue)), ("timeUp", .flag(timeUp)),
                ("status", .str(result == nil ? "awaiting-server" : "graded")),
                ("review", .str(quiz.reviewPolicy.rawValue))
            ]
            if let result { members.append(("result", ResponseCoding.json(result))) }
            console.out(JSONWriter.write(.obj(members), pretty: true))
            return 0
        }
        guard let result else {
            console.out(Messages.t(MessageKey.withheld(quiz.reviewPolicy) ?? .awaitingServer))
            return 0
        }
        let percent = String(format: "%.0f", result.percent)
        console.out(
            "\n"
                + console.paint(
                    Messages.t(.score, ScoreFormat.text(result.points), ScoreFormat.text(result.maxPoints), percent),
                    .bold))
        if result.awaitingManualGrading { console.out(Messages.t(.essayPending)) }
        return 0
    }

    static func confirmResume(_ draft: AttemptRecord, console: Console) -> Bool {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        FileHandle.standardOutput.write(Data(Messages.t(.resumePrompt, formatter.string(from: draft.startedAt)).utf8))
        guard case .line(let answer) = LineReader().readLine() else { return false }
        let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
        return !(a == "n" || a == "no")
    }

    static func findQuiz(_ id: String, in course: Course) throws -> Quiz {
        if let quiz = course.quizzes.first(where: { $0.id == id }) { return quiz }
        // The draft's version may know the quiz under its old id.
        if let old = course.renamed.first(where: { $0.value == id })?.key,
            let quiz = course.quizzes.first(where: { $0.id == old })
        {
            return quiz
        }
        throw ClientError(.itemUnknown, "quiz", id, "")
    }

    static func readSheet(_ path: String) throws -> JSONValue {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw ClientError(.fileUnreadable, path)
        }
        guard info.st_size <= ClientLimits.maximumAnswerSheetBytes else {
            throw ClientError(.answersUnreadable, path, "larger than \(ClientLimits.maximumAnswerSheetBytes) bytes")
        }
        do {
            return try JSONParser.parse(bytes: [UInt8](data))
        } catch {
            throw ClientError(.answersUnreadable, path, "\(error)")
        }
    }

    /// Ctrl-C leaves the draft (every answer is already saved) and says how to resume.
    static func installInterruptHandler(quizID: String, console: Console) -> DispatchSourceSignal {
        // A parent may have left SIGINT blocked; Ctrl-C must reach the quiz.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            console.err("\n" + Messages.t(.interrupted, quizID))
            exit(130)
        }
        source.resume()
        return source
    }
}
