import Foundation
import LMSDatabase
import LMSModel

/// One profile's sync (docs/PROTOCOL.md): push the outbox, pull and apply the server's changes,
/// then bring the profile's courses up to date. Every step commits as it goes, so a sync cut at
/// any point (network, kill -9) loses nothing and the next one continues where it stopped.
final class SyncSession {
    let queue: DatabaseQueue
    let home: ClientHome
    let deviceID: String
    let profile: Profile
    var account: SyncAccount
    let http: SyncHTTP
    let progress: ProgressBar
    var report: SyncReport
    /// The device clock.
    let clock: () -> Date

    init(
        queue: DatabaseQueue, home: ClientHome, deviceID: String, profile: Profile, account: SyncAccount,
        progress: ProgressBar, clock: @escaping () -> Date = Date.init
    ) {
        self.queue = queue
        self.home = home
        self.deviceID = deviceID
        self.profile = profile
        self.account = account
        self.progress = progress
        self.clock = clock
        http = SyncHTTP(server: account.server, token: account.token)
        report = SyncReport(profile: profile.name)
    }

    /// Runs the sync and returns its report; a failure is in the report, never thrown (the next
    /// profile of `sync --all` still syncs).
    func run() -> SyncReport {
        do {
            try push()
            do {
                try pull()
            } catch let error as SyncError where error.isEpochChanged {
                try recoverFromRestore()
                try pull()
            }
            try updateCourses()
        } catch let error as SyncError where error.isAccountErased {
            // The account was erased on the server: its data leaves this device (docs/PROTOCOL.md "erasure").
            do { try LocalErasure.eraseOwnAccount(profileID: profile.id, queue: queue, home: home) } catch {
                report.failure = "\(error)"
            }
            report.failure = report.failure ?? Messages.t(.accountErasedHere, profile.name, account.server)
        } catch let error as SyncError {
            report.failure = error.description
            report.loginExpired = error.kind == .unauthorized
            if report.loginExpired {
                report.failure = Messages.t(.syncLoginExpiredFor, profile.name, account.server, account.username)
            }
        } catch {
            report.failure = "\(error)"
        }
        // Files of profiles an `erasure` removed go once their rows are committed.
        (try? home.blobs())?.remove(report.pulled.unreferencedBlobs)
        progress.finish()
        return report
    }

    /// The server was restored from a backup (PROTOCOL §7): learn its `acked` for this stream with an
    /// empty push, send again everything after it, and pull from an empty cursor.
    func recoverFromRestore() throws {
        report.epochChanged = true
        let answer = try sendPush([])
        try record(answer, batch: [])
        try queue.write { db in try SyncAccountStore.resetCursor(of: profile.id, in: db) }
        account.cursor = ""
        try push()
    }

    /// Updates or installs the courses whose newer version the server announced.
    func updateCourses() throws {
        let targets = try queue.read { db in try CourseUpdater.targets(profileID: profile.id, in: db) }
        let updater = CourseUpdater(http: http, queue: queue, home: home, progress: progress)
        for target in targets {
            report.updates.append(try updater.update(target, now: clock()))
        }
    }

    /// Unix milliseconds of the device clock.
    func nowMilliseconds() -> Int64 { Int64(ChangeEntry.milliseconds(clock())) }
}
