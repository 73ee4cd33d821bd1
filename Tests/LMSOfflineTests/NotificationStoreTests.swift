import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// Notifications read and marked against an in-memory store; short handles to type.
struct NotificationStoreTests {
    static let ids = [
        "grade:44196626-0c1f-4b53-9d5a-1a2b3c4d5e6f/water-safety/t1",
        "grade:44196626-0c1f-4b53-9d5a-1a2b3c4d5e6f/water-safety/t2",
        "announcement:3f1c2a77"
    ]

    static func store() throws -> DatabaseQueue {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            for (i, id) in ids.enumerated() {
                try db.execute(
                    "INSERT INTO notifications(id, profile_id, kind, title, body, created_at) VALUES (?, 'p1', 'grade', ?, '', ?)",
                    arguments: [id, "T\(i)", i])
            }
        }
        return queue
    }

    @Test func handles_AreShortHexAndTellEveryIdApart() {
        let handles = NotificationStore.handles(of: Self.ids)
        #expect(Set(handles.values).count == Self.ids.count)
        for handle in handles.values {
            #expect((4...8).contains(handle.count), "\(handle)")
            #expect(handle.allSatisfy { $0.isHexDigit })
        }
    }

    @Test func resolve_TakesAHandleAnIdOrAUniqueIdPrefix() throws {
        let handles = NotificationStore.handles(of: Self.ids)
        for id in Self.ids {
            #expect(try NotificationStore.resolve(handles[id] ?? "", among: Self.ids) == id)
            #expect(try NotificationStore.resolve(id, among: Self.ids) == id)
        }
        #expect(try NotificationStore.resolve("announcement", among: Self.ids) == "announcement:3f1c2a77")
        #expect(throws: ClientError.self) { try NotificationStore.resolve("grade:", among: Self.ids) }
        #expect(throws: ClientError.self) { try NotificationStore.resolve("nope", among: Self.ids) }
    }

    @Test func markRead_MarksOneOfThisProfile_AndAllReadTheRest() throws {
        let queue = try Self.store()
        let store = NotificationStore(queue: queue, profileID: "p1")
        try store.markRead(id: Self.ids[2], now: Date(timeIntervalSince1970: 10))
        #expect(try store.all(spanish: false).filter { $0.readAt != nil }.map(\.id) == [Self.ids[2]])
        #expect(try NotificationStore(queue: queue, profileID: "p2").all(spanish: false).isEmpty)
        try store.markAllRead(now: Date(timeIntervalSince1970: 20))
        #expect(try store.all(spanish: false).allSatisfy { $0.readAt != nil })
        #expect(try store.all(spanish: false).first?.id == Self.ids[2], "newest first")
    }
}
