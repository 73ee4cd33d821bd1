import Foundation
import LMSDatabase
import LMSModel
import Testing

@testable import lms_offline

/// The notifications sync leaves (`SyncNotes`), against an in-memory store: both languages
/// stored, one per id, a refused entry named from what the device holds.
struct SyncNotesTests {
    static func notes(_ queue: DatabaseQueue) throws -> [(id: String, title: String, titleES: String)] {
        try queue.read { db in
            try db.fetchAll("SELECT id, title, title_es FROM notifications ORDER BY id").map {
                ($0.string(0) ?? "", $0.string(1) ?? "", $0.string(2) ?? "")
            }
        }
    }

    @Test func rejection_NamesTheWorkFromTheStore_InBothLanguages_Once() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                "INSERT INTO submissions(id, profile_id, course_id, assignment_id, version, submitted_at) VALUES ('s1', 'p1', 'c', 'essay', 2, 0)"
            )
            for _ in 0..<2 {
                try SyncNotes.rejection(
                    db, profileID: "p1", device: "d", seq: 7, kind: "submission", entity: "s1",
                    refusal: ["reason": "too late"],
                    now: Date())
            }
            try SyncNotes.rejection(
                db, profileID: "p1", device: "d", seq: 8, kind: "progress", entity: "p1/c/lesson-1",
                refusal: ["reason": "no"],
                now: Date())
            try SyncNotes.rejection(
                db, profileID: "p1", device: "d", seq: 9, kind: "attempt", entity: "unknown", refusal: ["reason": "no"],
                now: Date())
        }
        let notes = try Self.notes(queue)
        #expect(notes.map(\.id) == ["rejection:d/7", "rejection:d/8", "rejection:d/9"])
        #expect(notes[0].title == "The server did not accept your submission of essay (c, version 2)")
        #expect(notes[0].titleES == "El servidor no aceptó su entrega de essay (c, versión 2)")
        #expect(notes[1].title.contains("your progress on lesson-1 (c)"))
        #expect(notes[2].title.contains("a change (attempt unknown)"))
    }

    /// A coded refusal reads as the server wrote it in English (`RejectionCode.english`) and has a
    /// Spanish text; a code with the wrong number of values, or an unknown one, falls back to the reason.
    @Test func rejectionReason_EnglishIsTheServersWording_ForEveryCode() {
        for code in RejectionCode.allCases {
            for params in [
                Array(["c", "2", "3"].prefix(code.parameterCount)),
                Array(["Exam", "1", "1"].prefix(code.parameterCount))
            ] {
                let both = SyncNotes.rejectionReason(code: code.rawValue, params: params)
                #expect(both?.en == code.english(params), "\(code) \(params)")
                #expect(both.map { !$0.es.isEmpty && $0.es != $0.en } == true, "\(code)")
            }
            #expect(SyncNotes.rejectionReason(code: code.rawValue, params: ["1", "2", "3", "4"]) == nil)
        }
        #expect(SyncNotes.rejectionReason(code: "no_such_code", params: []) == nil)
        #expect(SyncNotes.rejectionReason(code: nil, params: []) == nil)
    }
}
