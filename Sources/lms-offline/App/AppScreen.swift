import Foundation
import LMSModel

/// The size of the terminal in columns and rows.
struct ScreenSize: Sendable, Equatable {
    var width: Int
    var height: Int

    /// The rows between the title bar and the status line.
    var bodyHeight: Int { max(1, height - 2) }
}

/// A key and what it does, for the status line and the `?` screen.
struct KeyHelp: Sendable, Equatable {
    var keys: String
    var action: String

    init(_ keys: String, _ action: AppText) {
        self.keys = keys
        self.action = action.text
    }
}

/// Where a screen can take the student.
enum AppRoute: Sendable, Equatable {
    case start
    case home
    case course(String)
    /// A lesson, quiz or assignment, and an anchor in it.
    case item(courseID: String, itemID: String, anchor: String?)
    case inbox
    /// A profile of the picker.
    case profile(String)
    /// A course's forum with its announcements, or a lesson's forum.
    case forum(courseID: String, lessonID: String?)
    /// A forum thread, by its first post's id.
    case thread(String)
    /// The direct messages of a course.
    case messages(courseID: String)
}

/// What the student writes in the editor, and where it goes (through `CommunicationStore`, to
/// the outbox, like the `forum` and `message` commands).
enum AppDraft: Sendable, Equatable {
    case thread(courseID: String, lessonID: String?, title: String)
    case reply(threadID: String)
    case message(courseID: String, to: String)
}

/// What a screen asks the app to do after a key: the pure part decides, the runner does.
enum AppEffect: Sendable, Equatable {
    case none
    /// Close this screen.
    case back
    case quit
    /// Load a screen and open it over this one.
    case open(AppRoute)
    /// Load a screen in place of this one (next and previous lesson).
    case replace(AppRoute)
    /// Sign in as a profile (with its PIN, when it has one).
    case unlock(profileID: String, pin: String?)
    /// Type the PIN again after the app sat idle (the lock screen is on top).
    case resumeSession(pin: String)
    /// Add a profile with a PIN (nil: none) and sign in as it.
    case addProfile(name: String, pin: String?)
    /// Mark the lesson on screen done.
    case markDone
    /// Open a file with the system's opener.
    case openFile(String)
    /// Start (or resume) the attempt of the quiz on screen.
    case startAttempt
    /// Save the answers of the attempt on screen.
    case saveAttempt
    /// Hand the attempt on screen in.
    case handIn(timeUp: Bool)
    /// Write the submission's text in the student's editor, then submit it.
    case editSubmission
    /// Write the essay answer on screen in the student's editor.
    case editEssay
    /// Submit a file given by its path.
    case submitFile(String)
    /// Write a post or a message in the student's editor and save it.
    case write(AppDraft)
    /// Sync with the server.
    case sync
    /// Stop like any job (Ctrl-Z).
    case suspend
    /// Draw the whole screen again (Ctrl-L).
    case redraw
}

/// One screen of the study app: a value with a pure `update` and `view`. The runner loads
/// screens from the store and performs their effects.
protocol AppScreen: Sendable {
    /// The title bar's text.
    var title: String { get }
    /// The keys that matter here, for the status line.
    var hints: [KeyHelp] { get }
    /// Every key of the screen, for `?`.
    var keys: [KeyHelp] { get }
    /// Whether keys go to a text field (so `q`, `?` and the like are typed, not obeyed).
    var capturesText: Bool { get }
    /// Handles a key.
    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect
    /// Handles a second of the clock (timers); returns an effect when time matters.
    mutating func tick(now: Date) -> AppEffect
    /// Takes a new terminal size (a screen that lays text out at a width reflows here).
    mutating func resize(_ size: ScreenSize)
    /// The rows between the title bar and the status line.
    func body(_ size: ScreenSize) -> [ScreenLine]
}

extension AppScreen {
    var capturesText: Bool { false }
    mutating func tick(now: Date) -> AppEffect { .none }
    mutating func resize(_ size: ScreenSize) {}
}
