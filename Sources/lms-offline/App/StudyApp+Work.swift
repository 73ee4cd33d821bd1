import Foundation
import LMSModel

/// Assignments and the inbox: loading, and submitting text written in the student's editor or a file.
extension StudyApp {
    func makeAssignment(_ item: ItemRecord, course: InstalledCourse, profile: Profile) throws -> AssignmentScreen {
        guard
            let assignment = try CourseCatalog.loadCourse(folder: course.folder).assignments.first(where: {
                $0.id == item.id
            })
        else { throw ClientError(.itemUnknown, "assignment", item.id, "") }
        let markdown = AssignmentScreen.markdown(
            assignment: assignment,
            versions: try catalog.submissions(of: profile, courseID: course.id, assignmentID: item.id),
            grade: try catalog.grades(of: profile, courseID: course.id)[item.id],
            feedback: try catalog.feedback(of: profile, courseID: course.id, itemID: item.id))
        let source = LessonPage(
            markdown: markdown, keys: ["title": assignment.title], folder: course.folder, path: assignment.path,
            itemIDsByPath: [:], color: color)
        let viewer = LessonScreen(
            item: item, source: source, done: true, previousID: nil, nextID: nil, anchor: nil, now: context.now())
        return AssignmentScreen(
            viewer: viewer, acceptsText: assignment.submission.acceptsText,
            acceptsFiles: assignment.submission.acceptsFiles)
    }

    func makeInbox() throws -> InboxScreen {
        guard let profile else { throw ClientError(.noProfile) }
        let notifications = try Notifications.recent(context.queue, profile: profile)
        try Notifications.markRead(
            context.queue, profile: profile, ids: notifications.filter(\.unread).map(\.id), now: context.now())
        return InboxScreen(notifications)
    }

    /// Suspends the screen, runs `$VISUAL`/`$EDITOR` (else nano, else vi) on a scratch file holding
    /// `text`, in the foreground, and returns what was written; nil when there is no editor.
    func runEditor(_ text: String) throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        let editor =
            [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? ["nano", "vi"].lazy.compactMap(Self.findExecutable).first
        guard let editor else {
            state.message = AppText.assignmentNoEditor.text
            return nil
        }
        let path = NSTemporaryDirectory() + "lms-text-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        defer { unlink(path) }
        terminal.restore()
        signal(SIGINT, SIG_IGN)
        // The editor command may carry arguments (EDITOR="code -w"): the shell splits it.
        var argv = [strdup("/bin/sh"), strdup("-c"), strdup("exec \(editor) \"$1\""), strdup("sh"), strdup(path), nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        if posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        TerminalSignals.install()
        try terminal.enterRaw()
        buffer.invalidate()
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Writes the submission's text in the editor and submits it.
    func editSubmission() throws {
        guard let screen = state.top as? AssignmentScreen, let text = try runEditor("") else { return }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            state.message = AppText.assignmentEmpty.text
            return
        }
        try submit(screen.item, text: text, files: [])
    }

    /// Writes the essay answer on screen in the editor (starting from what was typed) and saves it.
    func editEssay() throws {
        guard var screen = state.top as? QuizScreen, let question = screen.currentQuestion else { return }
        var current = ""
        if case .essay(let text) = screen.record?.responses[question.id] { current = text }
        guard let text = try runEditor(current) else { return }
        screen.setEssay(text, for: question.id)
        state.replaceTop(screen)
        try saveAttempt()
    }

    func submitFile(_ path: String) throws {
        guard let screen = state.top as? AssignmentScreen else { return }
        let expanded = path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst(1) : path
        try submit(screen.item, text: nil, files: [ClientHome.absolute(expanded)])
    }

    private func submit(_ item: ItemRecord, text: String?, files: [String]) throws {
        guard let profile else { return }
        let course = try catalog.course(matching: item.courseID)
        guard
            let assignment = try CourseCatalog.loadCourse(folder: course.folder).assignments.first(where: {
                $0.id == item.id
            })
        else { return }
        let (submission, _) = try SubmissionStore(
            queue: context.queue, home: context.home, deviceID: context.deviceID, profile: profile
        ).submit(courseID: course.id, assignment: assignment, files: files, text: text, now: context.now())
        state.replaceTop(try makeAssignment(item, course: course, profile: profile))
        state.resize(size)
        state.message = AppText.assignmentSubmitted.t(submission.version)
    }
}
