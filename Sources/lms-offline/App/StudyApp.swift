import Foundation
import LMSModel

/// The study app's runner: the terminal, the store and the loop. It feeds keys and clock ticks
/// to the pure `AppState`, draws what `view` returns (only the rows that changed), and performs
/// the effects screens ask for through the store types.
final class StudyApp {
    let context: ClientContext
    let catalog: CourseCatalog
    let terminal: RawTerminal
    let color: Bool
    var profile: Profile?
    var state: AppState
    var buffer = ScreenBuffer()
    var decoder = KeyDecoder()
    var running = true
    /// The sync running in the background, if any.
    var syncJob: SyncJob?
    /// When the student last pressed a key (the idle lock counts from it).
    var lastActivity = Date()
    /// The lesson page being laid out in the background, and where it arrives.
    var rendering: (itemID: String, width: Int)?
    let renderedPage = RenderedPage()
    /// Whether the session file still needs writing (done after the first frame: it syncs the disk).
    var sessionToWrite: Session?

    /// `lms-offline study` (and `lms-offline` alone on a terminal).
    static let all: [LMSOffline.Command] = [
        .init(
            name: "study", summary: "the full-screen study app (also: lms-offline alone on a terminal)",
            usage: "lms-offline study [--home DIR]", run: main)
    ]

    /// Whether standard input and output are a terminal that can draw a screen (not `TERM=dumb`).
    static func canRun(_ environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !term.isEmpty && term != "dumb"
    }

    static func main(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        guard canRun(ProcessInfo.processInfo.environment), let terminal = RawTerminal() else {
            console.err(AppText.dumbTerminal.text)
            return 2
        }
        let context = try ClientContext(args, console: console)
        let app = try StudyApp(context: context, terminal: terminal, color: console.useColor)
        try app.run()
        return 0
    }

    init(context: ClientContext, terminal: RawTerminal, color: Bool) throws {
        self.context = context
        self.terminal = terminal
        self.color = color
        catalog = CourseCatalog(queue: context.queue, home: context.home)
        state = AppState(StartScreen(entries: []))
        state = AppState(try firstScreen())
    }

    /// Home when a profile is signed in (an unexpired session, or the only profile without a
    /// PIN); else the profile picker.
    func firstScreen() throws -> any AppScreen {
        let now = context.now()
        let profiles = try context.profiles.all()
        if let session = Session.read(context.home), !session.isExpired(at: now),
            let found = profiles.first(where: { $0.id == session.profileID })
        {
            return try signIn(found)
        }
        if profiles.count == 1, try !catalog.profileHasPIN(profiles[0].id) { return try signIn(profiles[0]) }
        return try makeStart()
    }

    /// Makes `profile` the active one and returns its home.
    func signIn(_ profile: Profile) throws -> any AppScreen {
        let now = context.now()
        try ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile).closeOpenLesson(now: now)
        let session = Session(profileID: profile.id, name: profile.name, lastUsedAt: now)
        if terminalStarted { try session.write(context.home) } else { sessionToWrite = session }
        self.profile = profile
        return try makeHome()
    }

    var size: ScreenSize {
        let (width, height) = terminal.size
        return ScreenSize(width: width, height: height)
    }

    // MARK: - The loop

    /// Whether the loop runs (before it, slow disk writes wait until the first frame is drawn).
    var terminalStarted = false

    func run() throws {
        try terminal.start()
        terminalStarted = true
        defer { terminal.restore() }
        state.profileName = profile?.name
        state.resize(size)
        startBackgroundRender()
        draw()
        if let session = sessionToWrite {
            try? session.write(context.home)
            sessionToWrite = nil
        }
        while running {
            let timeout = syncJob == nil ? AppLimits.tickMilliseconds : AppLimits.busyTickMilliseconds
            let (bytes, events, closed) = terminal.wait(timeout: timeout)
            // An ending wins over everything else that arrived with it (a SIGTERM delivered with
            // SIGCONT must not take raw mode again after the terminal was given back).
            if let end = events.first(where: { $0 == .terminate || $0 == .interrupt }) {
                handle(end)
            } else {
                for event in events { handle(event) }
            }
            if closed {
                quit()
                break
            }
            // Keys that wake an idle app only bring up the PIN prompt (they are not typed in it).
            let keys = decoder.decode(bytes)
            for key in lockIfIdle() ? [] : keys where running {
                let now = context.now()
                lastActivity = now
                if var lesson = state.top as? LessonScreen {
                    lesson.touch(now: now)
                    state.replaceTop(lesson)
                }
                perform(state.update(key, size: size))
                checkLessonEnd()
            }
            if running { perform(state.tick(now: context.now())) }
            watchSync()
            installBackgroundRender()
            startBackgroundRender()
            if running { draw() }
        }
    }

    func draw() {
        // Continued in the background (a shell's `kill %1`), the terminal is not ours: a frame
        // drawn now would land on the shell's screen and stay there after the exit.
        guard terminal.isRaw else { return }
        let size = size
        terminal.write(buffer.frame(state.view(size), width: size.width, height: size.height, color: color))
    }

    func handle(_ event: RawTerminal.Event) {
        switch event {
        case .resize:
            state.resize(size)
            buffer.invalidate()
        case .suspend: suspend()
        case .resume:
            guard terminal.isForeground else { return terminal.stopInBackground() }
            try? terminal.enterRaw()
            state.resize(size)
            buffer.invalidate()
        case .terminate, .interrupt: quit()
        case .wake: break
        }
    }

    func suspend() {
        flushLesson()
        try? terminal.suspend()
        state.resize(size)
        buffer.invalidate()
    }

    func quit() {
        flushLesson()
        // The session was in use until now: the next command need not ask for the PIN again.
        if let profile {
            try? Session(profileID: profile.id, name: profile.name, lastUsedAt: context.now()).write(context.home)
        }
        running = false
    }

    // MARK: - Effects

    func perform(_ effect: AppEffect) {
        do {
            try performThrowing(effect)
        } catch {
            state.message = "\(error)"
        }
    }

    private func performThrowing(_ effect: AppEffect) throws {
        switch effect {
        case .none: break
        case .quit: quit()
        case .back:
            flushLesson()
            if state.pop() { try refreshTop() } else { quit() }
        case .open(let route):
            flushLesson()
            let screen = try make(route)
            state.push(screen)
            state.resize(size)
        case .replace(let route):
            flushLesson()
            let screen = try make(route)
            state.replaceTop(screen)
            state.resize(size)
        case .unlock(let id, let pin): try unlock(id, pin: pin)
        case .resumeSession(let pin): try resumeSession(pin: pin)
        case .addProfile(let name, let pin): try addProfile(name: name, pin: pin)
        case .markDone: try markDone()
        case .openFile(let path): openFile(path)
        case .startAttempt: try startAttempt()
        case .saveAttempt: try saveAttempt()
        case .handIn(let timeUp): try handIn(timeUp: timeUp)
        case .editSubmission: try editSubmission()
        case .editEssay: try editEssay()
        case .submitFile(let path): try submitFile(path)
        case .write(let draft): try write(draft)
        case .sync: sync()
        case .suspend: suspend()
        case .redraw: buffer.invalidate()
        }
    }

    /// Shows a message at once, before slow work (PIN hashing, sync).
    func showBusy(_ text: String) {
        state.message = text
        draw()
    }

    /// Records the reading time of the lesson on top (before it is left or covered).
    func flushLesson() {
        guard var lesson = state.top as? LessonScreen, let profile else { return }
        lesson.touch(now: context.now())
        let seconds = Int(lesson.activeSeconds.rounded())
        // A lesson shown whole is read once it was on screen long enough.
        let done = !lesson.done && lesson.fitsOnScreen && lesson.activeSeconds >= AppLimits.minimumReadSeconds
        if seconds > 0 || done {
            try? ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile).recordReading(
                courseID: lesson.item.courseID, lessonID: lesson.item.id, seconds: seconds, done: done,
                now: context.now())
        }
        lesson.activeSeconds = 0
        state.replaceTop(lesson)
    }

    /// A lesson read to its end is done.
    func checkLessonEnd() {
        if let lesson = state.top as? LessonScreen, lesson.reachedEnd, !lesson.done { try? markDone() }
    }

    private func markDone() throws {
        guard var lesson = state.top as? LessonScreen, let profile else { return }
        lesson.touch(now: context.now())
        try ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile).recordReading(
            courseID: lesson.item.courseID, lessonID: lesson.item.id, seconds: Int(lesson.activeSeconds.rounded()),
            done: true, now: context.now())
        lesson.activeSeconds = 0
        if !lesson.done { state.message = AppText.markedDone.text }
        lesson.done = true
        state.replaceTop(lesson)
    }

    /// Opens a file or address with the system's opener (xdg-open), detached; else says where it is.
    private func openFile(_ path: String) {
        let opener = ["xdg-open", "open"].lazy.compactMap(Self.findExecutable).first
        let isAddress = path.contains("://") || path.hasPrefix("mailto:")
        guard let opener, isAddress || FileManager.default.fileExists(atPath: path) else {
            state.message = AppText.noOpener.t(path)
            return
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: the opener must not take the terminal or get our Ctrl-Z.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var argv = [strdup(opener), strdup(path), nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        if posix_spawn(&pid, opener, &actions, &attributes, &argv, environ) == 0 {
            state.message = AppText.opened.t(path)
            // Reaped when it ends, without waiting here.
            let child = pid
            DispatchQueue.global().async {
                var status: Int32 = 0
                waitpid(child, &status, 0)
            }
        } else {
            state.message = AppText.noOpener.t(path)
        }
    }

    /// The full path of an executable found in PATH.
    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    private func sync() {
        guard syncJob == nil else { return }
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        do {
            syncJob = try SyncJob(binary: binary, home: context.home.path, now: context.now())
            watchSync()
        } catch {
            state.message = "\(error)"
        }
    }

    /// Moves the sync's bar, and when it ended shows what it said and reloads the screen.
    func watchSync() {
        guard let job = syncJob else { return }
        if let summary = job.summary {
            syncJob = nil
            state.activity = nil
            state.message = TerminalText.sanitize(summary)
            try? refreshTop()
            return
        }
        let elapsed = context.now().timeIntervalSince(job.startedAt)
        state.activity = SyncJob.bar(elapsed: elapsed) + " " + AppText.syncHint.text
    }
}
