import Foundation
import LMSDatabase
import LMSModel

/// What every study command shares: the data folder, the open store, this device's id, and
/// the active profile (checked against the session's idle timeout).
final class ClientContext {
    let home: ClientHome
    let queue: DatabaseQueue
    let deviceID: String
    let environment: [String: String]
    let console: Console

    /// The option every study command accepts to choose the data folder.
    static let homeOption = "home"

    /// Opens the data folder chosen by `--home`/`LMS_HOME`, creating and migrating it if needed.
    init(_ args: Arguments, console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
    {
        self.environment = environment
        self.console = console
        home = ClientHome.resolve(option: args.value(Self.homeOption), environment: environment)
        try home.prepare()
        do {
            queue = try DatabaseQueue(path: home.storePath)
            try StoreSchema.migrator.migrate(queue)
            // The store holds bearer tokens (docs/CLIENT.md, "Sync"): only its owner may read it.
            for suffix in ["", "-wal", "-shm"] { _ = chmod(home.storePath + suffix, 0o600) }
        } catch let error as DatabaseError {
            throw ClientError(.homeUnusable, home.storePath, error.message)
        }
        deviceID = try home.deviceID()
    }

    /// The device clock.
    func now() -> Date { Date() }

    var profiles: ProfileStore { ProfileStore(queue: queue) }

    /// The active profile. An expired session asks for the PIN again when one can be had
    /// (a terminal, `--pin-stdin`, `LMS_PIN`), and fails with what to run otherwise.
    /// On a device with no profile at all, the first one is made (`ProfileCommands.makeFirstProfile`)
    /// unless `createIfNone` is false.
    func activeProfile(_ args: Arguments? = nil, createIfNone: Bool = true) throws -> Profile {
        guard var session = Session.read(home) else {
            if createIfNone, try profiles.all().isEmpty {
                return try ProfileCommands.makeFirstProfile(self, args: args)
            }
            throw ClientError(.noProfile)
        }
        let profile = Profile(id: session.profileID, name: session.name)
        let exists = try queue.read { db in
            try db.fetchScalar(Int.self, "SELECT count(*) FROM profiles WHERE id = ?", arguments: [profile.id]) ?? 0
        }
        guard exists == 1 else {
            Session.clear(home)
            throw ClientError(.noProfile)
        }
        let now = now()
        if session.isExpired(at: now), try profiles.hasPIN(profile) {
            guard let pin = readPIN(for: profile.name, args: args, interactiveOnly: false) else {
                throw ClientError(.sessionExpired, profile.name)
            }
            try profiles.verify(profile, pin: pin, now: now)
        }
        session.lastUsedAt = now
        try? session.write(home)
        return profile
    }

    /// Checks the PIN of `profile` (read as `readPIN` does); a profile without a PIN needs none.
    func verifyPIN(of profile: Profile, args: Arguments?) throws {
        guard try profiles.hasPIN(profile) else { return }
        guard let pin = readPIN(for: profile.name, args: args, interactiveOnly: false) else {
            throw ClientError(.pinMissing)
        }
        try profiles.verify(profile, pin: pin, now: now())
    }

    /// A PIN from `--pin-stdin`, `LMS_PIN`, or the terminal without echo; nil when none can be had.
    func readPIN(for name: String, args: Arguments?, interactiveOnly: Bool) -> String? {
        if args?.has("pin-stdin") == true {
            let reader = LineReader()
            if case .line(let pin) = reader.readLine() { return pin }
            return nil
        }
        if let pin = environment["LMS_PIN"], !pin.isEmpty { return pin }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return LineReader.readSecret(prompt: Messages.t(.pinPrompt, name))
    }
}
