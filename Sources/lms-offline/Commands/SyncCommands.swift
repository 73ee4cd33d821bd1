import Foundation
import LMSModel

/// `lms-offline login`, `logout` and `sync` (docs/PROTOCOL.md, docs/CLIENT.md "Sync").
enum SyncCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "login",
            summary: "link the active profile to a server account (asks the password, or --password-stdin)",
            usage: "lms-offline login [--server URL] [--username NAME] [--password-stdin] [--pin-stdin] [--home DIR]",
            flags: ["password-stdin", "pin-stdin"], options: ["server", "username"], run: login),
        .init(
            name: "logout", summary: "forget the active profile's server token (revoked on the server when reachable)",
            usage: "lms-offline logout [--home DIR]", run: logout),
        .init(
            name: "sync",
            summary: "push work, pull grades and changes, update courses; --all syncs every logged-in profile",
            usage: "lms-offline sync [--all] [--quiet] [--json] [--home DIR]", flags: ["all", "quiet", "json"],
            run: sync)
    ]

    // MARK: - login, logout

    static func login(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let interactive = isatty(STDIN_FILENO) == 1 && !args.has("password-stdin") && !args.has("pin-stdin")
        // The server this device already knows is proposed (and taken as is off a terminal).
        let known = try SyncAccountStore(queue: context.queue).knownServers().first
        var serverText = args.value("server")
        if serverText == nil {
            serverText =
                interactive
                ? LineReader.ask(Messages.t(known == nil ? .serverPromptNew : .serverPrompt), proposal: known)
                : known
        }
        guard let serverText, !serverText.isEmpty else {
            throw Arguments.UsageError(description: "missing --server URL")
        }
        guard let server = SyncHTTP.normalize(server: serverText) else { throw ClientError(.serverInvalid, serverText) }
        let profile = try context.activeProfile(args)
        var username = args.value("username")
        if username == nil, interactive {
            username = LineReader.ask(Messages.t(.usernamePrompt), proposal: profile.name)
        }
        guard let username, !username.isEmpty else {
            throw Arguments.UsageError(description: "missing --username NAME")
        }
        let password: String?
        if args.has("password-stdin") {
            if case .line(let line) = LineReader().readLine() { password = line } else { password = nil }
        } else if isatty(STDIN_FILENO) == 1 {
            password = LineReader.readSecret(prompt: Messages.t(.passwordPrompt, username, server))
        } else {
            password = nil
        }
        guard let password, !password.isEmpty, password.utf8.count <= SyncLimits.maxPasswordBytes else {
            throw ClientError(.passwordMissing)
        }
        let http = SyncHTTP(server: server, token: nil)
        let answer: JSONValue
        do {
            answer = try http.json(
                "POST", "/api/v1/auth/login", .obj([("username", .str(username)), ("password", .str(password))]))
        } catch let error as SyncError where error.kind == .unauthorized {
            throw ClientError(.loginRefused, username, server)
        }
        guard let token = answer["token"]?.stringValue, !token.isEmpty, let userID = answer["user"]?["id"]?.stringValue
        else {
            throw SyncError(.badAnswer("the login answer has no token or user id"))
        }
        let expires = answer["expiresAt"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
        try SyncAccountStore(queue: context.queue).saveLogin(
            profile: profile, server: server, username: username, userID: userID,
            token: token, expiresAt: expires)
        console.out(Messages.t(.loggedIn, profile.name, username, server))
        return 0
    }

    static func logout(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let profile = try context.activeProfile(args)
        let store = SyncAccountStore(queue: context.queue)
        guard let account = try store.account(of: profile.id), let token = account.token else {
            console.out(Messages.t(.notLoggedIn, profile.name))
            return 0
        }
        var revoked = true
        do { _ = try SyncHTTP(server: account.server, token: token).send("POST", "/api/v1/auth/logout") } catch let
            error as SyncError
        {
            // An expired token is as good as revoked; an unreachable server keeps it until it expires.
            revoked = error.kind == .unauthorized
        }
        try store.forgetToken(of: profile.id)
        console.out(Messages.t(.loggedOut, profile.name, account.server))
        if !revoked { console.err(Messages.t(.logoutOffline, account.server)) }
        return 0
    }

    // MARK: - sync

    static func sync(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        guard let lock = try SyncLock(home: context.home) else {
            console.err(Messages.t(.syncBusy))
            return SyncLimits.busyExitStatus
        }
        defer { withExtendedLifetime(lock) {} }
        let store = SyncAccountStore(queue: context.queue)
        var work: [(Profile, SyncAccount)] = []
        if args.has("all") {
            work = try store.loggedIn()
            guard !work.isEmpty else { throw ClientError(.nobodyLoggedIn) }
        } else {
            // The active profile, without its PIN: sync shows nothing of the student's work and may run from cron.
            guard let session = Session.read(context.home) else { throw ClientError(.noProfile) }
            let profile = Profile(id: session.profileID, name: session.name)
            guard let account = try store.account(of: profile.id), account.token != nil else {
                throw ClientError(.notLoggedIn, profile.name)
            }
            work = [(profile, account)]
        }
        let quiet = args.has("quiet")
        let json = args.has("json")
        let progress = ProgressBar(enabled: !quiet && !json)
        var reports: [SyncReport] = []
        for (profile, account) in work {
            let session = SyncSession(
                queue: context.queue, home: context.home, deviceID: context.deviceID, profile: profile,
                account: account, progress: progress, clock: context.now)
            reports.append(session.run())
            // comms: new items and deadlines, once each
            _ = try? Notifications.refresh(context.queue, profile: profile, now: context.now())
        }
        let ok = reports.allSatisfy { $0.failure == nil }
        if json {
            console.out(
                JSONWriter.write(.obj([("ok", .flag(ok)), ("profiles", .list(reports.map(\.json)))]), pretty: true))
        }
        for report in reports {
            // A failure speaks on standard error only; under --quiet (cron) standard output stays empty
            // unless a sync that worked needs attention, and the summary says only what happened.
            let happened = report.failure == nil || report.pushed > 0 || report.pulled.changes > 0
            let speak = quiet ? report.failure == nil && report.needsAttention : happened
            if !json, speak { console.out(report.summary) }
            for line in report.attentionLines { console.err(line) }
        }
        return ok ? 0 : 1
    }
}
