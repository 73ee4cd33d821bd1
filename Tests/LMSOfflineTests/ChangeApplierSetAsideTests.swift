import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// Issue 13, item 6: a pulled change this client cannot apply is set aside and reported; the rest of
/// the page applies and the cursor moves on, so one bad change never stops every later sync.
struct ChangeApplierSetAsideTests {
    static func announcement(_ id: String) -> JSONValue {
        [
            "sseq": 1, "kind": "announcement", "entity": .init(.string(id)), "course": "c",
            "payload": [
                "course": "c", "author": "t1", "authorName": "T", "title": "Hello", "body": "B",
                "createdAt": 1_700_000_000_000
            ]
        ]
    }

    @Test func aChangeThatCannotBeApplied_IsSetAside_TheRestApplies_TheCursorMoves() throws {
        let queue = try SyncApplyTests.store()
        // A store that refuses one announcement, as a newer server's change might.
        try queue.write { db in
            try db.execute(
                "CREATE TRIGGER poison BEFORE INSERT ON announcements WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'cannot store this'); END"
            )
        }
        let counts = try ChangeApplier.applyPage(
            [Self.announcement("poison"), Self.announcement("good")], cursor: "v1.e.2", profile: SyncApplyTests.profile,
            userID: "u1", queue: queue, now: Date())
        #expect(counts.setAside.count == 1 && counts.setAside[0].contains("announcement poison"))
        let ids = try queue.read { try $0.fetchColumn(String.self, "SELECT id FROM announcements") }
        #expect(ids == ["good"])
        #expect(try queue.read { try $0.fetchScalar(String.self, "SELECT cursor FROM sync_accounts") } == "v1.e.2")
        var report = SyncReport(profile: "p1")
        report.pulled = counts
        #expect(report.needsAttention && report.attentionLines.contains { $0.contains("set aside") })
    }
}
