import Foundation
import LMSDatabase
import Testing

@testable import lms_offline

/// Installed courses listed against an in-memory store.
struct CourseCatalogTests {
    @Test func summaries_CountLessonsAndThisProfilesDoneOnes() throws {
        let queue = try ReportStoreTests.store()
        let catalog = CourseCatalog(queue: queue, home: ClientHome(path: "/nonexistent"))
        #expect(
            try catalog.summaries(profileID: "p1") == [
                .init(id: "c", version: "1.0.0", title: "C", lessons: 3, lessonsDone: 2)
            ])
        #expect(try catalog.summaries(profileID: nil).first?.lessonsDone == 0)
        #expect(try catalog.allLessons().map(\.lessonID).sorted() == ["l1", "l2", "l3"])
    }
}
