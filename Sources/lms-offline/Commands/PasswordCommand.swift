import Foundation
import LMSModel

/// `lms-offline passwd`: change the account's password, or set a new one with a reset code that an
/// admin or a teacher read out (docs/API.md `PUT /me/password`, `POST /auth/reset`).
enum PasswordCommand {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "passwd",
            summary: "change your server password, or set a new one with a reset code (--reset-code CODE)",
            usage:
                "lms-offline passwd [--stdin] | passwd --reset-code CODE [--username NAME] [--server URL] [--stdin] [--home DIR]",
            flags: ["stdin", "pin-stdin"], options: ["reset-code", "username", "server"], run: passwd)
    ]

    static func passwd(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 0)
        let context = try ClientContext(args, console: console)
        let secrets = Secrets(fromStdin: args.has("stdin"))
        if let code = args.value("reset-code") { return try reset(code: code, args, context, secrets) }
        let profile = try context.activeProfile(args)
        guard let account = try SyncAccountStore(queue: context.queue).account(of: profile.id),
            let token = account.token
        else {
            throw ClientError(.notLoggedIn, profile.name)
        }
        guard let current = secrets.read(Messages.t(.passwordCurrentPrompt, account.username, account.server)),
            !current.isEmpty
        else { throw ClientError(.passwordMissingStdin) }
        let new = try newPassword(secrets)
        do {
            _ = try SyncHTTP(server: account.server, token: token).json(
                "PUT", "/api/v1/me/password", .obj([("oldPassword", .str(current)), ("newPassword", .str(new))]))
        } catch let error as SyncError {
            if case .server(403, _, _) = error.kind { throw ClientError(.passwordWrong, account.username) }
            throw error
        }
        console.out(Messages.t(.passwordChanged, account.username, account.server))
        return 0
    }

    /// `--reset-code`: no login needed. The username and server default to the active profile's account,
    /// else the server this device knows.
    static func reset(code: String, _ args: Arguments, _ context: ClientContext, _ secrets: Secrets) throws -> Int32 {
        let profile = try? context.activeProfile(args, createIfNone: false)
        let accounts = SyncAccountStore(queue: context.queue)
        let account = try profile.flatMap { try accounts.account(of: $0.id) }
        guard let username = args.value("username") ?? account?.username, !username.isEmpty else {
            throw ClientError(.resetNeedsUsername)
        }
        let known = try accounts.knownServers().first
        let serverText = args.value("server") ?? account?.server ?? known
        guard let serverText else { throw ClientError(.needsServer) }
        guard let server = SyncHTTP.normalize(server: serverText) else { throw ClientError(.serverInvalid, serverText) }
        let new = try newPassword(secrets)
        let body = JSONValue.obj([("username", .str(username)), ("code", .str(code)), ("newPassword", .str(new))])
        do {
            _ = try SyncHTTP(server: server, token: nil).json("POST", "/api/v1/auth/reset", body)
        } catch let error as SyncError {
            if case .server(403, _, _) = error.kind { throw ClientError(.resetCodeRefused, username, server) }
            throw error
        }
        context.console.out(Messages.t(.passwordReset, username, server))
        return 0
    }

    /// The new password: typed twice on a terminal, or one line with `--stdin`.
    static func newPassword(_ secrets: Secrets) throws -> String {
        guard let new = secrets.read(Messages.t(.passwordNewPrompt)), !new.isEmpty else {
            throw ClientError(.passwordMissingStdin)
        }
        guard new.count >= SyncLimits.minimumPasswordLength else {
            throw ClientError(.passwordTooShort, SyncLimits.minimumPasswordLength)
        }
        guard new.utf8.count <= SyncLimits.maxPasswordBytes else {
            throw ClientError(.passwordTooLong, SyncLimits.maxPasswordBytes)
        }
        if !secrets.fromStdin, secrets.read(Messages.t(.passwordRepeatPrompt)) != new {
            throw ClientError(.passwordMismatch)
        }
        return new
    }

    /// Where passwords come from: standard input, one a line (`--stdin`), or the terminal without echo.
    final class Secrets {
        let fromStdin: Bool
        private let reader = LineReader()

        init(fromStdin: Bool) { self.fromStdin = fromStdin }

        func read(_ prompt: String) -> String? {
            if fromStdin {
                if case .line(let line) = reader.readLine() { return line }
                return nil
            }
            return LineReader.readSecret(prompt: prompt)
        }
    }
}
