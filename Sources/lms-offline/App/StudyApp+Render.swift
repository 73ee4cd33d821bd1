import Dispatch
import Foundation
import LMSModel

/// A page laid out on another thread, handed to the loop.
final class RenderedPage: @unchecked Sendable {
    private let lock = NSLock()
    private var result: (itemID: String, width: Int, page: TerminalPage)?

    func put(_ itemID: String, _ width: Int, _ page: TerminalPage) {
        lock.lock()
        result = (itemID, width, page)
        lock.unlock()
    }

    func take() -> (itemID: String, width: Int, page: TerminalPage)? {
        lock.lock()
        defer { lock.unlock() }
        let taken = result
        result = nil
        return taken
    }
}

/// Long lessons: the viewer shows their first part at once; the whole page is laid out here in
/// the background and installed when ready, the screen staying live meanwhile.
extension StudyApp {
    /// The viewer on top (a lesson's, or an assignment's) when it shows only a first part.
    private var incompleteViewer: LessonScreen? {
        let viewer = (state.top as? LessonScreen) ?? (state.top as? AssignmentScreen)?.viewer
        guard let viewer, !viewer.isComplete else { return nil }
        return viewer
    }

    /// Starts laying out the whole page of the viewer on top, if it waits for one.
    func startBackgroundRender() {
        guard let viewer = incompleteViewer else { return }
        let job = (itemID: viewer.item.id, width: viewer.pageWidth)
        if let rendering, rendering.itemID == job.itemID, rendering.width == job.width { return }
        rendering = job
        let source = viewer.source
        let box = renderedPage
        DispatchQueue.global(qos: .userInitiated).async {
            box.put(job.itemID, job.width, source.render(width: job.width))
            TerminalSignals.wake()
        }
    }

    /// Installs a page laid out in the background into the viewer it was made for.
    func installBackgroundRender() {
        guard let (itemID, width, page) = renderedPage.take() else { return }
        rendering = nil
        if var lesson = state.top as? LessonScreen, lesson.item.id == itemID {
            lesson.install(page, width: width)
            state.replaceTop(lesson)
        } else if var assignment = state.top as? AssignmentScreen, assignment.item.id == itemID {
            assignment.viewer.install(page, width: width)
            state.replaceTop(assignment)
        }
    }
}
