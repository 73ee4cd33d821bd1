import Foundation
import LMSModel

/// `lms-offline profile add|list|switch|remove`: several students on one shared device.
enum ProfileCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "profile", summary: "manage the students of this device: add, list, switch, remove",
            usage: "lms-offline profile add|list|switch|remove [NAME] [--pin-stdin] [--json] [--home DIR]",
            flags: ["pin-stdin", "json"], run: profile)
    ]

    static func profile(_ args: Arguments, _ console: Console) throws -> Int32 {
        let action = try args.positional(0, "an action: add, list, switch or remove")
        let context = try ClientContext(args, console: console)
        switch action {
        case "add": return try add(args, context)
        case "list", "ls": return try list(args, context)
        case "switch", "use": return try switchTo(args, context)
        case "remove", "rm": return try remove(args, context)
        default:
            let hint = nearest(to: action, among: ["add", "list", "switch", "remove"]) ?? "list"
            throw Arguments.UsageError(description: "unknown action \(action) (did you mean \(hint)?)")
        }
    }

    static func add(_ args: Arguments, _ context: ClientContext) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let name = try args.positional(1, "NAME")
        try ProfileStore.check(name: name)
        let pin = try newPIN(for: name, context: context, args: args)
        let now = context.now()
        let profile = try context.profiles.add(
            name: name, pin: pin, iterations: pinIterations(context), now: now)
        context.console.out(Messages.t(.profileAdded, name))
        guard let active = Session.read(context.home), active.profileID != profile.id else {
            try Session(profileID: profile.id, name: profile.name, lastUsedAt: now).write(context.home)
            return 0
        }
        // Another student is active: offer to switch (they just chose the PIN, so none is asked).
        if !args.has("pin-stdin"), isatty(STDIN_FILENO) == 1,
            LineReader.confirm(Messages.t(.switchNowPrompt, name), defaultAnswer: true) == true
        {
            try makeActive(profile, after: active, now: now, context)
        } else {
            context.console.err(Messages.t(.stillActive, active.name, name))
        }
        return 0
    }

    /// The PIN of a new profile, or nil for none: `--pin-stdin` (an empty line for none), `LMS_PIN`, or
    /// typed twice on a terminal (Enter for none); a short or mismatched PIN asks again.
    static func newPIN(for name: String, context: ClientContext, args: Arguments?) throws -> String? {
        if args?.has("pin-stdin") == true {
            guard case .line(let pin) = LineReader().readLine() else { throw ClientError(.pinMissing) }
            if pin.isEmpty { return nil }
            try ProfileStore.check(pin: pin)
            return pin
        }
        if let pin = context.environment["LMS_PIN"], !pin.isEmpty {
            try ProfileStore.check(pin: pin)
            return pin
        }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        for _ in 0..<ClientLimits.maximumPromptRetries {
            guard
                let first = LineReader.readSecret(
                    prompt: Messages.t(.pinNewPrompt, name, ClientLimits.minimumPINLength))
            else { throw ClientError(.pinMissing) }
            if first.isEmpty { return nil }
            do {
                try ProfileStore.check(pin: first)
            } catch {
                context.console.err("\(error)")
                continue
            }
            guard LineReader.readSecret(prompt: Messages.t(.pinRepeat)) == first else {
                context.console.err(Messages.t(.pinMismatchAgain))
                continue
            }
            return first
        }
        throw ClientError(.pinMissing)
    }

    /// The PBKDF2 count for a new PIN (lowered only by the test-only variable, with a warning).
    static func pinIterations(_ context: ClientContext) -> Int {
        if let text = context.environment[ClientLimits.pinIterationsVariable], let n = Int(text), n >= 1,
            n < ClientLimits.pinIterations
        {
            context.console.err(Messages.t(.pinIterationsWarning, n))
            return n
        }
        return ClientLimits.pinIterations
    }

    /// The first profile of a device with none, made by the first command that needs one: named after
    /// the login name being used (`login --username`) or the system user, with a PIN only if the
    /// student types one.
    static func makeFirstProfile(_ context: ClientContext, args: Arguments?) throws -> Profile {
        let candidates = [args?.value("username"), context.environment["USER"], context.environment["LOGNAME"]]
        let name =
            candidates.compactMap { $0 }.first { (try? ProfileStore.check(name: $0)) != nil && $0 != "root" }
            ?? Messages.t(.defaultProfileName)
        let pin = try newPIN(for: name, context: context, args: args)
        let now = context.now()
        let profile = try context.profiles.add(name: name, pin: pin, iterations: pinIterations(context), now: now)
        try Session(profileID: profile.id, name: profile.name, lastUsedAt: now).write(context.home)
        context.console.err(Messages.t(pin == nil ? .firstProfileMade : .firstProfileMadeWithPIN, name))
        return profile
    }

    static func list(_ args: Arguments, _ context: ClientContext) throws -> Int32 {
        let profiles = try context.profiles.all()
        let active = Session.read(context.home)?.profileID
        if args.has("json") {
            context.console.out(
                JSONWriter.write(
                    .list(
                        profiles.map {
                            .obj([("name", .str($0.name)), ("active", .flag($0.id == active))])
                        }), pretty: true))
        } else if profiles.isEmpty {
            context.console.out(Messages.t(.noProfiles))
        } else {
            for p in profiles {
                context.console.out(p.id == active ? "* \(p.name) \(Messages.t(.activeMark))" : "  \(p.name)")
            }
        }
        return 0
    }

    static func switchTo(_ args: Arguments, _ context: ClientContext) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let profile = try context.profiles.named(try args.positional(1, "NAME"))
        let now = context.now()
        try context.verifyPIN(of: profile, args: args)
        try makeActive(profile, after: Session.read(context.home), now: now, context)
        return 0
    }

    /// Makes `profile` the active one and says so; the `previous` student's open lesson ends here.
    static func makeActive(_ profile: Profile, after previous: Session?, now: Date, _ context: ClientContext) throws {
        if let previous, previous.profileID != profile.id {
            try? ProgressStore(
                queue: context.queue, deviceID: context.deviceID,
                profile: Profile(id: previous.profileID, name: previous.name)
            ).closeOpenLesson(now: now)
        }
        try Session(profileID: profile.id, name: profile.name, lastUsedAt: now).write(context.home)
        context.console.out(Messages.t(.profileSwitched, profile.name))
    }

    static func remove(_ args: Arguments, _ context: ClientContext) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let profile = try context.profiles.named(try args.positional(1, "NAME"))
        try context.verifyPIN(of: profile, args: args)
        let orphans = try context.profiles.remove(profile)
        try context.home.blobs().remove(orphans)
        if Session.read(context.home)?.profileID == profile.id { Session.clear(context.home) }
        context.console.out(Messages.t(.profileRemoved, profile.name))
        return 0
    }
}
