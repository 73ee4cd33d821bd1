import Foundation
import LMSModel

/// Loading screens from the store, and the quiz and assignment effects.
extension StudyApp {
    func make(_ route: AppRoute) throws -> any AppScreen {
        switch route {
        case .start: return try makeStart()
        case .home: return try makeHome()
        case .course(let id): return try makeCourse(id)
        case .item(let courseID, let itemID, let anchor):
            return try makeItem(courseID: courseID, itemID: itemID, anchor: anchor)
        case .inbox: return try makeInbox()
        case .profile: return try makeStart()
        case .forum(let courseID, let lessonID): return try makeForum(courseID: courseID, lessonID: lessonID)
        case .thread(let id): return try makeThread(id)
        case .messages(let courseID): return try makeMessages(courseID: courseID)
        }
    }

    func makeStart() throws -> StartScreen {
        let profiles = try context.profiles.all()
        return StartScreen(
            entries: try profiles.map { .init(id: $0.id, name: $0.name, hasPIN: try catalog.profileHasPIN($0.id)) })
    }

    func makeHome(selecting route: AppRoute? = nil) throws -> HomeScreen {
        guard let profile else { throw ClientError(.noProfile) }
        let now = context.now()
        var content = HomeScreen.Content(now: now)
        content.overview = try catalog.overview(of: profile)
        if !content.overview.courses.isEmpty,
            let step = try? NextStep.find(catalog: catalog, queue: context.queue, profile: profile, course: nil),
            let item = step.item
        {
            content.next = (item, step.course.title)
        }
        content.due = try catalog.dueSoon(
            for: profile, now: now, horizon: now.addingTimeInterval(AppLimits.dueSoonDays * 86400))
        return HomeScreen(content, selecting: route)
    }

    func makeCourse(_ id: String, selecting itemID: String? = nil) throws -> CourseScreen {
        guard let profile else { throw ClientError(.noProfile) }
        let course = try catalog.course(matching: id)
        let all = try catalog.courses()
        let step = try NextStep.step(course, all: all, catalog: catalog, queue: context.queue, profile: profile)
        var states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
        states.learnReviews(catalog, courseID: course.id)
        let content = CourseScreen.Content(
            course: course, items: try catalog.items(of: course.id), states: states,
            grades: try catalog.grades(of: profile, courseID: course.id),
            missingPrerequisites: step.missingPrerequisites, now: context.now())
        return CourseScreen(content, selecting: itemID ?? step.item?.id)
    }

    func makeItem(courseID: String, itemID: String, anchor: String?) throws -> any AppScreen {
        guard let profile else { throw ClientError(.noProfile) }
        let course = try catalog.course(matching: courseID)
        let items = try catalog.items(of: course.id).filter { !$0.removed }
        guard let index = items.firstIndex(where: { $0.id == itemID }) else {
            throw ClientError(.itemUnknown, "item", itemID, "")
        }
        let item = items[index]
        switch item.kind {
        case "lesson":
            let (body, keys) = try LessonView(folder: course.folder, path: item.path).read()
            var byPath: [String: String] = [:]
            for other in items { byPath[other.path] = other.id }
            let source = LessonPage(
                markdown: body, keys: keys, folder: course.folder, path: item.path, itemIDsByPath: byPath,
                color: color)
            let states = try ItemStates.load(context.queue, profile: profile, courseID: course.id)
            return LessonScreen(
                item: item, source: source, done: states.lessons[item.id]?.done ?? false,
                previousID: index > 0 ? items[index - 1].id : nil,
                nextID: index + 1 < items.count ? items[index + 1].id : nil, anchor: anchor, now: context.now())
        case "quiz":
            let store = AttemptStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
            let draft = try store.draft(courseID: course.id, quizID: item.id)
            let folder =
                try draft.flatMap { try catalog.folder(courseID: course.id, packageID: $0.packageID) } ?? course.folder
            let quiz = try QuizCommand.findQuiz(item.id, in: try CourseCatalog.loadCourse(folder: folder))
            let used = try store.submitted(courseID: course.id, quizID: item.id).count
            var screen = QuizScreen(item: item, quiz: quiz, attemptsUsed: used, draft: draft, now: context.now())
            screen.color = color
            if let draft, let deadline = draft.deadline, deadline <= context.now() {
                // Time ran out while the student was away: the attempt is handed in as it stands.
                screen.begin(draft)
                let result = try store.submit(draft, quiz: quiz, now: context.now())
                screen.finish(Self.resultLines(result, quiz: quiz, timeUp: true))
            }
            return screen
        default:
            return try makeAssignment(item, course: course, profile: profile)
        }
    }

    /// Loads the screen under a closed one again: what happened above may have changed it.
    func refreshTop() throws {
        if let course = state.top as? CourseScreen {
            let selected: String?
            if case .item(_, let id, _) = course.list.selectedRoute { selected = id } else { selected = nil }
            state.replaceTop(try makeCourse(course.content.course.id, selecting: selected))
        } else if let home = state.top as? HomeScreen {
            state.replaceTop(try makeHome(selecting: home.list.selectedRoute))
        } else if state.top is ForumScreen || state.top is ConversationScreen {
            try reloadTop()
        } else if var lesson = state.top as? LessonScreen {
            lesson.lastActivity = context.now()
            state.replaceTop(lesson)
        }
        state.resize(size)
    }

    // MARK: - Quiz

    func startAttempt() throws {
        guard var screen = state.top as? QuizScreen, let profile else { return }
        let store = AttemptStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
        if let draft = screen.draft {
            screen.begin(draft)
            state.replaceTop(screen)
            if let deadline = draft.deadline, deadline <= context.now() { try handIn(timeUp: true) }
            return
        }
        let course = try catalog.course(matching: screen.item.courseID)
        screen.begin(try store.start(course: course, quiz: screen.quiz, now: context.now()))
        state.replaceTop(screen)
    }

    func saveAttempt() throws {
        guard let screen = state.top as? QuizScreen, let record = screen.record, let profile else { return }
        try AttemptStore(queue: context.queue, deviceID: context.deviceID, profile: profile).save(record)
    }

    func handIn(timeUp: Bool) throws {
        guard var screen = state.top as? QuizScreen, let record = screen.record, let profile else { return }
        let result = try AttemptStore(queue: context.queue, deviceID: context.deviceID, profile: profile).submit(
            record, quiz: screen.quiz, now: context.now())
        screen.finish(Self.resultLines(result, quiz: screen.quiz, timeUp: timeUp))
        state.replaceTop(screen)
    }

    /// What the result screen says after a hand-in: the score of a practice quiz graded here, that
    /// the marks wait for the teacher's release of the review, or that the server grades the exam.
    static func resultLines(_ result: QuizResult?, quiz: Quiz, timeUp: Bool) -> [String] {
        var lines = [timeUp ? AppText.quizTimeUp.text : AppText.quizHandedIn.text, ""]
        if let result {
            let percent = String(format: "%.0f", result.percent)
            lines.append(
                Messages.t(
                    .score, JSONWriter.number(CourseScreen.round(result.points)),
                    JSONWriter.number(result.maxPoints), percent))
            if result.awaitingManualGrading { lines.append(Messages.t(.essayPending)) }
        } else {
            // Under "Handed in." the marks' line without a second "Handed in;".
            switch quiz.reviewPolicy {
            case .afterClose: lines.append(AppText.quizResultAtReview.text)
            case .never: lines.append(AppText.quizMarksNever.text)
            case .afterAttempt: lines.append(Messages.t(.awaitingServer))
            }
        }
        return lines
    }
}
