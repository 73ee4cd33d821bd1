import Foundation

extension ServerCommand {
    /// `serve`: runs the server until SIGTERM or SIGINT. (Wired to the HTTP layer when it lands.)
    static func serve(_ options: [String: String], environment: [String: String]) throws {
        throw Failure(description: "serve is not available in this build yet")
    }
}
