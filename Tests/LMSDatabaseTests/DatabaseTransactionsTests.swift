import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseTransactionsTests {
    struct Boom: Error {}

    private func count(_ db: Database) throws -> Int {
        try db.fetchScalar(Int.self, "SELECT count(*) FROM item") ?? -1
    }

    @Test func commitKeepsChanges() throws {
        let db = try makeItemDatabase()
        try db.transaction(.immediate) { db in
            #expect(db.isInsideTransaction)
            try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a"])
            return .commit
        }
        #expect(!db.isInsideTransaction)
        #expect(try count(db) == 1)
    }

    @Test func throwRollsBackAndRethrows() throws {
        let db = try makeItemDatabase()
        #expect(throws: Boom.self) {
            try db.transaction { db in
                try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a"])
                throw Boom()
            }
        }
        #expect(!db.isInsideTransaction)
        #expect(try count(db) == 0)
    }

    @Test func explicitRollbackDiscardsChanges() throws {
        let db = try makeItemDatabase()
        try db.transaction { db in
            try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a"])
            return .rollback
        }
        #expect(try count(db) == 0)
    }

    @Test func sqlErrorInsideRollsBackEverything() throws {
        let db = try makeItemDatabase()
        let error = capture {
            try db.transaction(.immediate) { db in
                try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a"])
                try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a"])
                return .commit
            }
        }
        #expect((error as? DatabaseError)?.isUniqueViolation == true)
        #expect(try count(db) == 0)
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        let db = try makeItemDatabase()
        try db.transaction(.immediate) { db in
            try db.execute("INSERT INTO item(name) VALUES ('outer')")
            try db.transaction { db in
                try db.execute("INSERT INTO item(name) VALUES ('kept')")
                return .commit
            }
            try db.transaction { db in
                try db.execute("INSERT INTO item(name) VALUES ('undone')")
                try db.transaction { db in
                    try db.execute("INSERT INTO item(name) VALUES ('deep')")
                    return .commit
                }
                return .rollback
            }
            _ = capture {
                try db.transaction { db in
                    try db.execute("INSERT INTO item(name) VALUES ('thrown')")
                    throw Boom()
                }
            }
            #expect(db.isInsideTransaction)
            return .commit
        }
        #expect(try db.fetchColumn(String.self, "SELECT name FROM item ORDER BY id") == ["outer", "kept"])
        #expect(db.savepointDepth == 0)
    }

    @Test func outerRollbackDiscardsCommittedSavepoints() throws {
        let db = try makeItemDatabase()
        try db.transaction { db in
            try db.transaction { db in
                try db.execute("INSERT INTO item(name) VALUES ('inner')")
                return .commit
            }
            return .rollback
        }
        #expect(try count(db) == 0)
    }
}
