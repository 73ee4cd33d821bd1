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
        let pin: String
        if !args.has("pin-stdin"), context.environment["LMS_PIN"] == nil, isatty(STDIN_FILENO) == 1 {
            guard let first = LineReader.readSecret(prompt: Messages.t(.pinPrompt, name)) else {
                throw ClientError(.pinMissing)
            }
            try ProfileStore.check(pin: first)
            guard LineReader.readSecret(prompt: Messages.t(.pinRepeat)) == first else {
                throw ClientError(.pinMismatch)
            }
            pin = first
        } else {
            guard let given = context.readPIN(for: name, args: args, interactiveOnly: false) else {
                throw ClientError(.pinMissing)
            }
            pin = given
        }
        var iterations = ClientLimits.pinIterations
        if let text = context.environment[ClientLimits.pinIterationsVariable], let n = Int(text), n >= 1,
            n < ClientLimits.pinIterations
        {
            context.console.err(Messages.t(.pinIterationsWarning, n))
            iterations = n
        }
        let now = context.now()
        let profile = try context.profiles.add(name: name, pin: pin, iterations: iterations, now: now)
        if Session.read(context.home) == nil {
            try Session(profileID: profile.id, name: profile.name, lastUsedAt: now).write(context.home)
        }
        context.console.out(Messages.t(.profileAdded, name))
        return 0
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
        guard let pin = context.readPIN(for: profile.name, args: args, interactiveOnly: false) else {
            throw ClientError(.pinMissing)
        }
        let now = context.now()
        try context.profiles.verify(profile, pin: pin, now: now)
        if let previous = Session.read(context.home), previous.profileID != profile.id {
            // The previous student's open lesson ends here.
            try? ProgressStore(
                queue: context.queue, deviceID: context.deviceID,
                profile: Profile(id: previous.profileID, name: previous.name)
            ).closeOpenLesson(now: now)
        }
        try Session(profileID: profile.id, name: profile.name, lastUsedAt: now).write(context.home)
        context.console.out(Messages.t(.profileSwitched, profile.name))
        return 0
    }

    static func remove(_ args: Arguments, _ context: ClientContext) throws -> Int32 {
        try args.expectPositionals(atMost: 2)
        let profile = try context.profiles.named(try args.positional(1, "NAME"))
        guard let pin = context.readPIN(for: profile.name, args: args, interactiveOnly: false) else {
            throw ClientError(.pinMissing)
        }
        try context.profiles.verify(profile, pin: pin, now: context.now())
        let orphans = try context.profiles.remove(profile)
        BlobStore(home: context.home).remove(orphans)
        if Session.read(context.home)?.profileID == profile.id { Session.clear(context.home) }
        context.console.out(Messages.t(.profileRemoved, profile.name))
        return 0
    }
}
