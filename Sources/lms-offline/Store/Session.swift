import Foundation
import LMSModel

/// The active profile of this data folder (`HOME/session.json`) and when it was last used.
struct Session: Sendable {
    /// The profile's id.
    var profileID: String
    /// Its name, for messages.
    var name: String
    /// When a command last used it.
    var lastUsedAt: Date

    /// Whether it has been idle longer than `ClientLimits.sessionIdleSeconds` at `now`.
    func isExpired(at now: Date) -> Bool {
        now.timeIntervalSince(lastUsedAt) > Double(ClientLimits.sessionIdleSeconds)
            || now < lastUsedAt.addingTimeInterval(-60)
    }

    /// Reads the session file; nil when there is none or it is unreadable.
    static func read(_ home: ClientHome) -> Session? {
        guard let data = FileManager.default.contents(atPath: home.sessionPath),
            let json = try? JSONParser.parse(bytes: [UInt8](data)),
            let id = json["profileID"]?.stringValue, let name = json["name"]?.stringValue,
            let used = json["lastUsedAt"]?.numberValue
        else { return nil }
        return Session(profileID: id, name: name, lastUsedAt: Date(timeIntervalSince1970: used / 1000))
    }

    /// Writes the session file (atomically).
    func write(_ home: ClientHome) throws {
        let json: JSONValue = [
            "profileID": .init(.string(profileID)), "name": .init(.string(name)),
            "lastUsedAt": .init(.number(ChangeEntry.milliseconds(lastUsedAt)))
        ]
        try AtomicFile.write(Data(JSONWriter.write(json, pretty: true).utf8), to: home.sessionPath)
    }

    /// Removes the session file (no profile active).
    static func clear(_ home: ClientHome) {
        unlink(home.sessionPath)
    }
}
