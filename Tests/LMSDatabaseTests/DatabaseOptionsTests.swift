import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseOptionsTests {
    @Test func defaults() {
        let options = DatabaseOptions()
        #expect(options.synchronous == .normal)
        #expect(options.busyTimeoutMilliseconds == 5000)
        #expect(DatabaseOptions.defaultBusyTimeoutMilliseconds == 5000)
    }

    @Test func synchronousLevelIsApplied() throws {
        let directory = try TemporaryDirectory()
        let normal = try Database(path: directory.path("n.sqlite"))
        #expect(try normal.fetchScalar(Int.self, "PRAGMA synchronous") == 1)
        let full = try Database(path: directory.path("f.sqlite"), options: DatabaseOptions(synchronous: .full))
        #expect(try full.fetchScalar(Int.self, "PRAGMA synchronous") == 2)
    }

    @Test func busyTimeoutAndForeignKeysAreApplied() throws {
        let db = try Database(inMemory: DatabaseOptions(busyTimeoutMilliseconds: 1234))
        #expect(try db.fetchScalar(Int.self, "PRAGMA busy_timeout") == 1234)
        #expect(try db.fetchScalar(Int.self, "PRAGMA foreign_keys") == 1)
    }
}
