import Foundation

/// One entry of a device's outbox: a change the device made, waiting to be pushed
/// (DESIGN.md, "The changelog sync"). A value type shared by the client, which appends entries
/// in the same transaction as the change itself, and by the sync, which sends them in order.
public struct ChangeEntry: Hashable, Sendable {
    /// What kind of fact changed.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A lesson's merged progress (entity: `Progress.id`).
        case progress
        /// A submitted quiz attempt (entity: the attempt's UUID).
        case attempt
        /// One version of an assignment submission (entity: the submission's UUID).
        case submission
        /// A forum post's new state: made, edited or deleted (entity: the post's id).
        case post
        /// A direct message (entity: the message's id).
        case message
        /// A course announcement, accepted from course staff only (entity: its id).
        case announcement
        /// A teacher's grade of a submission or an attempt's essays, made offline (entity: `submission/<id>/<uuid>`, `attempt/<id>/<uuid>`).
        case grade
    }

    /// The device's ever-growing sequence number (nil until stored).
    public var seq: Int64?
    /// The device that made the change.
    public var deviceID: String
    /// The local profile that made it.
    public var profileID: String
    /// The kind.
    public var kind: Kind
    /// The id of what changed.
    public var entityID: String
    /// The change itself, as JSON.
    public var payload: JSONValue
    /// When, on the device's clock.
    public var createdAt: Date

    /// Makes an entry.
    public init(
        seq: Int64? = nil, deviceID: String, profileID: String, kind: Kind, entityID: String,
        payload: JSONValue, createdAt: Date
    ) {
        self.seq = seq
        self.deviceID = deviceID
        self.profileID = profileID
        self.kind = kind
        self.entityID = entityID
        self.payload = payload
        self.createdAt = createdAt
    }

    // MARK: - Payloads

    /// The entry for a lesson's merged progress: completed, secondsByDevice, lastOpenedAt (unix ms).
    public static func progress(_ progress: Progress, deviceID: String, profileID: String, at date: Date) -> ChangeEntry
    {
        let seconds = progress.secondsByDevice.sorted { $0.key < $1.key }
            .map { (key: $0.key, value: JSONValue(.number(Double($0.value)))) }
        var members: [(key: String, value: JSONValue)] = [
            ("course", JSONValue(.string(progress.courseID))),
            ("lesson", JSONValue(.string(progress.lessonID))),
            ("completed", JSONValue(.bool(progress.completed))),
            ("secondsByDevice", JSONValue(.object(seconds)))
        ]
        if let opened = progress.lastOpenedAt { members.append(("lastOpenedAt", .init(.number(milliseconds(opened))))) }
        return ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .progress, entityID: progress.id,
            payload: JSONValue(.object(members)), createdAt: date)
    }

    /// The entry for a submitted attempt. `result` is present for practice (graded here) and
    /// absent for exam attempts, which await the server.
    public static func attempt(_ attempt: Attempt, deviceID: String, profileID: String, at date: Date) -> ChangeEntry {
        var members: [(key: String, value: JSONValue)] = [
            ("quiz", JSONValue(.string(attempt.quizID))),
            ("course", JSONValue(.string(attempt.courseID))),
            ("courseVersion", JSONValue(.string(attempt.courseVersion.description))),
            ("startedAt", JSONValue(.number(milliseconds(attempt.startedAt))))
        ]
        if let submitted = attempt.submittedAt {
            members.append(("submittedAt", .init(.number(milliseconds(submitted)))))
        }
        members.append(("questionOrder", JSONValue(.array(attempt.questionOrder.map { JSONValue(.string($0)) }))))
        members.append(("responses", ResponseCoding.json(attempt.responses)))
        if let result = attempt.result { members.append(("result", ResponseCoding.json(result))) }
        return ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .attempt, entityID: attempt.id,
            payload: JSONValue(.object(members)), createdAt: date)
    }

    /// The entry for one submission version.
    public static func submission(_ submission: Submission, deviceID: String, profileID: String, at date: Date)
        -> ChangeEntry
    {
        var members: [(key: String, value: JSONValue)] = [
            ("course", JSONValue(.string(submission.courseID))),
            ("assignment", JSONValue(.string(submission.assignmentID))),
            ("version", JSONValue(.number(Double(submission.version))))
        ]
        if let text = submission.text { members.append(("text", JSONValue(.string(text)))) }
        members.append(
            (
                "files",
                JSONValue(
                    .array(
                        submission.files.map { file in
                            JSONValue(
                                .object([
                                    ("name", .init(.string(file.name))), ("size", .init(.number(Double(file.size)))),
                                    ("sha256", .init(.string(file.sha256)))
                                ]))
                        }))
            ))
        members.append(("submittedAt", JSONValue(.number(milliseconds(submission.submittedAt)))))
        return ChangeEntry(
            deviceID: deviceID, profileID: profileID, kind: .submission, entityID: submission.id,
            payload: JSONValue(.object(members)), createdAt: date)
    }

    /// Unix milliseconds of a date (the wire's time unit).
    public static func milliseconds(_ date: Date) -> Double { (date.timeIntervalSince1970 * 1000).rounded() }
}
