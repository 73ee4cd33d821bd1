import Foundation
import LMSModel

/// `lms-offline certificate` (a student's certificate, fetched or issued and saved) and `verify`
/// (anyone checks a code with the server).
enum CertificateCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "certificate",
            summary: "get your certificate of a completed and passed course as text or HTML (-o FILE.html)",
            usage: "lms-offline certificate COURSE [-o FILE] [--json] [--home DIR]", flags: ["json"],
            options: ["output"], run: certificate),
        .init(
            name: "verify", summary: "check a certificate's code with the server",
            usage: "lms-offline verify CODE [--server URL] [--json] [--home DIR]", flags: ["json"], options: ["server"],
            run: verify)
    ]

    static func certificate(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let course = try args.positional(0, "COURSE")
        let context = try ClientContext(args, console: console)
        let profile = try context.activeProfile(args)
        // The server issues it (or gives the one it issued); offline, the one a sync brought.
        var answer: JSONValue
        var server: String?
        do {
            let api = try ServerConnection.connect(context, args)
            // a network error falls back below
            do {
                answer = try api.http.json("POST", ServerConnection.course(course, "/certificate"))
            } catch let error as SyncError {
                // Refused while work done here has not reached the server: syncing is the fix.
                if case .server(409, _, let message) = error.kind,
                    let account = try SyncAccountStore(queue: context.queue).account(of: profile.id),
                    try context.queue.read({
                        try OutboxReader.pendingCount(profileID: profile.id, after: account.acked, in: $0)
                    }) > 0
                {
                    throw ClientError(.certificateSyncFirst, message)
                }
                throw error
            }
            server = api.account.server
        } catch let error as SyncError {
            guard case .network = error.kind,
                let stored = try storedCertificate(context, profileID: profile.id, course: course)
            else { throw error }
            answer = stored.0
            server = stored.1
        }
        let issued =
            ISO8601DateFormatter().date(from: (answer["issuedAt"]?.stringValue ?? "") + "T12:00:00Z") ?? context.now()
        let cert = Certificate(
            code: answer["code"]?.stringValue ?? "", name: answer["name"]?.stringValue ?? profile.name,
            courseID: course, courseTitle: answer["courseTitle"]?.stringValue ?? course, issuedAt: issued)
        let verifyURL = server.map { "\($0)/api/v1/certificates/\(cert.code)" }
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        guard let file = args.value("output") else {
            console.out(cert.text(verifyURL: verifyURL))
            return 0
        }
        let html = file.lowercased().hasSuffix(".html") || file.lowercased().hasSuffix(".htm")
        try AtomicFile.write(
            Data((html ? cert.html(verifyURL: verifyURL) : cert.text(verifyURL: verifyURL)).utf8), to: file)
        console.out(Messages.t(.certificateSaved, cert.courseTitle, file, cert.code))
        return 0
    }

    /// The certificate a sync brought, as the server's JSON, and its server.
    static func storedCertificate(_ context: ClientContext, profileID: String, course: String) throws -> (
        JSONValue, String?
    )? {
        guard
            let stored = try CertificateStore(queue: context.queue).certificate(profileID: profileID, courseID: course)
        else { return nil }
        let day = stored.issuedAt.map {
            ISO8601DateFormatter.string(
                from: $0, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
        }
        return (
            .obj([
                ("valid", .flag(true)), ("code", .str(stored.code)), ("name", .str(stored.name)),
                ("course", .str(course)), ("courseTitle", .str(stored.courseTitle)), ("issuedAt", .str(day ?? ""))
            ]), stored.server
        )
    }

    static func verify(_ args: Arguments, _ console: Console) throws -> Int32 {
        try args.expectPositionals(atMost: 1)
        let typed = try args.positional(0, "CODE")
        guard let code = Certificate.normalize(typed) else { throw ClientError(.certificateCodeInvalid, typed) }
        var server: String
        if let text = args.value("server") {
            guard let normalized = SyncHTTP.normalize(server: text) else { throw ClientError(.serverInvalid, text) }
            server = normalized
        } else {
            let context = try ClientContext(args, console: console)
            guard let session = Session.read(context.home),
                let account = try SyncAccountStore(queue: context.queue).account(of: session.profileID)
            else { throw ClientError(.needsServer) }
            server = account.server
        }
        let answer = try SyncHTTP(server: server, token: nil).json("GET", "/api/v1/certificates/\(code)")
        if args.has("json") {
            console.out(JSONWriter.write(answer, pretty: true))
            return 0
        }
        console.out(
            console.paint(
                Messages.t(
                    .certificateVerified, answer["name"]?.stringValue ?? "", answer["courseTitle"]?.stringValue ?? "",
                    answer["course"]?.stringValue ?? "", answer["issuedAt"]?.stringValue ?? ""), .green))
        return 0
    }
}
