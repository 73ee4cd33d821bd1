import Foundation

/// A pushed `progress` entry (docs/PROTOCOL.md §6): a lesson's progress as the device merged it.
public struct ProgressEntry: Hashable, Sendable {
    /// The course and the lesson (as the device's version names it).
    public var courseID: String
    public var lessonID: String
    /// Whether the lesson was completed (a grow-only flag).
    public var completed: Bool
    /// Whole seconds spent in the lesson, by device (at most `EntryBounds.maxDevicesPerProgress`,
    /// each in `WireBounds.lessonSeconds`).
    public var secondsByDevice: [String: Int]
    /// When the lesson was last opened, in milliseconds since 1970.
    public var lastOpenedAt: Int64?

    /// Reads a payload built in code, as a frame would carry it.
    public init(payload: JSONValue) throws(EntryRejection) {
        try self.init(payload: PayloadReader.wire(payload, kind: "progress"))
    }

    /// Reads a payload, checking every field's type and bounds.
    public init(payload: WireValue) throws(EntryRejection) {
        let p = try PayloadReader(kind: "progress", payload: payload)
        courseID = try p.name("course")
        lessonID = try p.name("lesson")
        completed = try p.bool("completed", default: false)
        secondsByDevice = [:]
        if let devices = payload["secondsByDevice"], !devices.isNull {
            guard devices.isObject, let count = devices.elementCount else {
                throw p.fail("\"secondsByDevice\" must be an object of device: whole seconds")
            }
            guard count <= EntryBounds.maxDevicesPerProgress else {
                throw EntryRejection(
                    "progress counts time on at most \(EntryBounds.maxDevicesPerProgress) devices")
            }
            for member in devices.elements {
                let device = member.key
                guard PayloadReader.isName(device), let n = member.int(in: WireBounds.lessonSeconds) else {
                    throw p.fail(
                        "\"secondsByDevice\" must map device ids to whole seconds from 0 to \(WireBounds.lessonSeconds.upperBound)"
                    )
                }
                secondsByDevice[device] = Int(n)
            }
        }
        lastOpenedAt = try p.optionalTime("lastOpenedAt")
    }

    /// The entry as a user's progress record of `lessonID` (the lesson as the course now names it).
    public func progress(userID: String, lessonID: String) -> Progress {
        var progress = Progress(userID: userID, courseID: courseID, lessonID: lessonID, completed: completed)
        progress.secondsByDevice = secondsByDevice
        progress.lastOpenedAt = lastOpenedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return progress
    }
}
