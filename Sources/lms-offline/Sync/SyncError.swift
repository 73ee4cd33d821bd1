import Foundation

/// Why a sync step failed, sorted into what the student or a cron job can act on.
struct SyncError: Error, CustomStringConvertible {
    /// The kinds of failure.
    enum Kind: Equatable {
        /// The server could not be reached or the connection broke.
        case network(NetworkCause, server: String)
        /// The token was refused (expired or revoked): log in again.
        case unauthorized
        /// The server answered an error (status, `code`, `message` from `{"error": {…}}`).
        case server(status: Int, code: String, message: String)
        /// The server's answer does not follow docs/PROTOCOL.md.
        case badAnswer(String)
        /// A download did not match its hash after every try.
        case corrupt(String)
    }

    /// Why a server could not be reached, in words a student can act on.
    enum NetworkCause: Equatable {
        /// Nothing listens at the address (the server is down, or the port is wrong).
        case refused
        /// The server's name is not known (a typo, or no network to look it up).
        case unknownHost
        /// No answer in time.
        case timedOut
        /// This device has no network.
        case offline
        /// The connection broke midway.
        case lost
        /// The secure connection (TLS) failed: a wrong or expired certificate.
        case insecure
        /// Anything else: no usable answer.
        case noAnswer

        /// The cause in the current language.
        var text: String {
            switch self {
            case .refused: return Messages.t(.netRefused)
            case .unknownHost: return Messages.t(.netUnknownHost)
            case .timedOut: return Messages.t(.netTimedOut)
            case .offline: return Messages.t(.netOffline)
            case .lost: return Messages.t(.netLost)
            case .insecure: return Messages.t(.netInsecure)
            case .noAnswer: return Messages.t(.netNoAnswer)
            }
        }
    }

    /// What went wrong.
    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// Whether the answer was 409 `epoch_changed` (PROTOCOL §7).
    var isEpochChanged: Bool {
        if case .server(409, "epoch_changed", _) = kind { return true }
        return false
    }

    /// Whether the server said the account was erased (401 `account_erased`).
    var isAccountErased: Bool {
        if case .server(401, "account_erased", _) = kind { return true }
        return false
    }

    /// Whether the server said the thing asked for does not exist.
    var isNotFound: Bool {
        if case .server(404, _, _) = kind { return true }
        return false
    }

    /// The message in the current language (never the token).
    var description: String {
        switch kind {
        case .network(let cause, let server): return Messages.t(.syncNetwork, server, cause.text)
        case .unauthorized: return Messages.t(.syncLoginExpired)
        case .server(_, _, let message): return Messages.t(.syncServerError, message)
        case .badAnswer(let what): return Messages.t(.syncBadAnswer, what)
        case .corrupt(let what): return Messages.t(.syncCorrupt, what)
        }
    }
}
