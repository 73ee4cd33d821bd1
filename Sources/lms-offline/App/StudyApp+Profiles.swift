import Foundation
import LMSModel

/// Who is studying: the start screen's profiles and PINs, and the idle lock.
extension StudyApp {
    /// Covers the screen with the PIN prompt when the session's idle time ran out (a profile with
    /// a PIN only); true when it did just now.
    func lockIfIdle() -> Bool {
        let now = context.now()
        guard let profile, !(state.top is LockScreen), !(state.top is StartScreen),
            LockScreen.isDue(
                lastActivity: lastActivity, now: now, hasPIN: (try? catalog.profileHasPIN(profile.id)) ?? true)
        else { return false }
        flushLesson()
        state.push(LockScreen(profileName: profile.name))
        state.resize(size)
        buffer.invalidate()
        return true
    }

    /// Checks the PIN typed on the lock screen; when right, takes the lock away and renews the session.
    func resumeSession(pin: String) throws {
        guard let profile, var lock = state.top as? LockScreen else { return }
        showBusy(AppText.checkingPIN.text)
        do {
            try context.profiles.verify(profile, pin: pin, now: context.now())
        } catch {
            state.message = nil
            lock.fail("\(error)")
            state.replaceTop(lock)
            return
        }
        state.message = nil
        _ = state.pop()
        lastActivity = context.now()
        try? Session(profileID: profile.id, name: profile.name, lastUsedAt: lastActivity).write(context.home)
        if var lesson = state.top as? LessonScreen {
            // The idle time before the lock does not count as reading.
            lesson.lastActivity = lastActivity
            state.replaceTop(lesson)
        }
    }

    func unlock(_ id: String, pin: String?) throws {
        guard let found = try context.profiles.all().first(where: { $0.id == id }) else { return }
        try enter {
            if let pin { try context.profiles.verify(found, pin: pin, now: context.now()) }
            return found
        }
    }

    func addProfile(name: String, pin: String?) throws {
        var iterations = ClientLimits.pinIterations
        if let text = context.environment[ClientLimits.pinIterationsVariable], let n = Int(text), n >= 1,
            n < ClientLimits.pinIterations
        {
            iterations = n // tests only; `profile add` warns about it
        }
        try enter { try context.profiles.add(name: name, pin: pin, iterations: iterations, now: context.now()) }
    }

    /// Signs in as the profile `check` returns (it hashes a PIN: a message shows meanwhile); when
    /// it throws, the picker says why and asks again.
    func enter(_ check: () throws -> Profile) throws {
        showBusy(AppText.checkingPIN.text)
        let profile: Profile
        do {
            profile = try check()
        } catch {
            if var start = state.top as? StartScreen {
                start.fail("\(error)")
                state.replaceTop(start)
            }
            return
        }
        state = AppState(try signIn(profile))
        state.profileName = profile.name
        state.resize(size)
    }
}
