import Foundation
import LMSDatabase
import LMSModel

/// Appends outbox entries (DESIGN.md, "The changelog sync"). Always called inside the write
/// transaction of the change itself, so that the change and its entry commit together or not at all.
enum Outbox {
    /// A test-only switch: when this variable is set, appending fails, to show that the change
    /// written in the same transaction rolls back with it.
    static let failureVariable = "LMS_TEST_FAIL_OUTBOX"

    /// Appends `entry` and returns its sequence number.
    @discardableResult
    static func append(_ entry: ChangeEntry, to db: Database) throws -> Int64 {
        precondition(db.isInsideTransaction, "outbox entries are written in the transaction of their change")
        if ProcessInfo.processInfo.environment[failureVariable] != nil {
            throw ClientError(.ioFailed, "append to", "outbox", "simulated failure (\(failureVariable))")
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox(device_id, profile_id, kind, entity_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            entry.deviceID, entry.profileID, entry.kind.rawValue, entry.entityID,
            JSONWriter.write(entry.payload), entry.createdAt
        ])
        return db.lastInsertRowID
    }
}
