import Foundation

/// The bounds of what a device pushes (docs/PROTOCOL.md §6, the field tables), used by the typed
/// entries (`PushedEntry` and its kinds) that check them while decoding: a payload outside them is
/// refused with a reason that syncs back, before any merge rule or grading sees it.
public enum EntryBounds {
    /// The longest id, course, version, lesson, quiz, assignment or question name: 200 bytes.
    public static let maxNameBytes = 200
    /// The longest attempt or submission id: 64 bytes (devices make time-ordered UUIDs, 36: `TimeOrderedID`).
    public static let maxEntityBytes = 64
    /// The most responses one attempt holds, and the most scores one grade gives: 1,000 (a quiz
    /// has far fewer questions, a rubric far fewer criteria).
    public static let maxResponses = 1_000
    /// The most files one submission names: 100.
    public static let maxFiles = 100
    /// The size a submitted file may state: up to 2^50 bytes (the upload's own limit is smaller;
    /// this bound only keeps the number exact and its arithmetic safe).
    public static let fileBytes: ClosedRange<Int64> = 0...(1 << 50)
    /// The longest text of a submission: 1 MiB (pages of writing; files carry the rest).
    public static let maxSubmissionTextBytes = 1 << 20
    /// The longest feedback a teacher may write on one grade: 64 KiB (pages of text, never a file).
    public static let maxFeedbackBytes = 64 * 1024
    /// Devices whose time one progress record counts (`secondsByDevice` keys): 64. Merging only
    /// adds keys, so without a bound two pushes could make one record too big for any client to pull.
    public static let maxDevicesPerProgress = 64
    /// Values in one entry's payload: 20,000, ten times a 1,000-question attempt's answers. What the
    /// server stores it publishes to other devices, so no change can outgrow what a client reads in
    /// one pull page.
    public static let maxEntryValues = 20_000
}

/// Why a pushed entry was refused: a reason for a person, synced back as a `rejection` change.
public struct EntryRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and, where it helps, what to do.
    public var reason: String

    /// A rejection with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Typed reading of one payload's members, each failing with a reason that names the kind and field.
struct PayloadReader {
    let kind: String
    let payload: WireValue

    init(kind: String, payload: WireValue) throws(EntryRejection) {
        guard payload.isObject else { throw EntryRejection("\(kind): the payload must be an object") }
        self.kind = kind
        self.payload = payload
    }

    /// A payload built in code, read as a frame would carry it (the one way payloads are read).
    static func wire(_ payload: JSONValue, kind: String) throws(EntryRejection) -> WireValue {
        do { return try WireDocument(payload).root } catch {
            throw EntryRejection("\(kind): the payload cannot be sent in a frame (\(error))")
        }
    }

    func fail(_ what: String) -> EntryRejection { EntryRejection("\(kind): \(what)") }

    /// A required name: a non-empty string of at most `EntryBounds.maxNameBytes`.
    func name(_ key: String) throws(EntryRejection) -> String {
        guard let value = payload[key]?.stringValue, Self.isName(value) else {
            throw fail("\"\(key)\" must be a non-empty string of at most \(EntryBounds.maxNameBytes) bytes")
        }
        return value
    }

    static func isName(_ value: String) -> Bool { !value.isEmpty && value.utf8.count <= EntryBounds.maxNameBytes }

    /// A required time in milliseconds since 1970.
    func time(_ key: String) throws(EntryRejection) -> Int64 {
        guard let ms = payload[key]?.milliseconds else {
            throw fail("\"\(key)\" must be a time in milliseconds since 1970")
        }
        return ms
    }

    /// An optional time: absent or null is nil, anything but a time is refused.
    func optionalTime(_ key: String) throws(EntryRejection) -> Int64? {
        guard let value = payload[key], !value.isNull else { return nil }
        return try time(key)
    }

    /// An optional string of at most `maxBytes`: absent or null is nil.
    func optionalString(_ key: String, maxBytes: Int) throws(EntryRejection) -> String? {
        guard let value = payload[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw fail("\"\(key)\" must be a string") }
        guard text.utf8.count <= maxBytes else {
            throw fail("\"\(key)\" is limited to \(maxBytes) bytes (got \(text.utf8.count))")
        }
        return text
    }

    /// An optional bool: absent or null is `defaultValue`.
    func bool(_ key: String, default defaultValue: Bool) throws(EntryRejection) -> Bool {
        guard let value = payload[key], !value.isNull else { return defaultValue }
        guard let flag = value.boolValue else { throw fail("\"\(key)\" must be true or false") }
        return flag
    }

    /// The entity id of an attempt or submission: non-empty, at most `EntryBounds.maxEntityBytes`.
    func entity(_ id: String) throws(EntryRejection) -> String {
        guard !id.isEmpty, id.utf8.count <= EntryBounds.maxEntityBytes else {
            throw EntryRejection("\(kind): the entity must be an id of 1 to \(EntryBounds.maxEntityBytes) bytes")
        }
        return id
    }
}
