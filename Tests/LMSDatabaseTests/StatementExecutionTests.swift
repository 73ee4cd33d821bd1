import Foundation
import Testing
@testable import LMSDatabase

@Suite struct StatementExecutionTests {
    @Test func fetchHelpersOnAStatement() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name, qty) VALUES ('a', 1), ('b', NULL), ('c', 3)")
        let statement = try db.makeStatement(sql: "SELECT qty FROM item WHERE name >= ? ORDER BY name")
        #expect(try statement.fetchAll(arguments: ["b"]).map { $0.int(0) } == [nil, 3])
        #expect(try statement.fetchOne(arguments: ["c"])?.int(0) == 3)
        #expect(try statement.fetchOne(arguments: ["z"]) == nil)
        #expect(try statement.fetchScalar(Int.self, arguments: ["a"]) == 1)
        #expect(try statement.fetchColumn(Int.self, arguments: ["a"]) == [1, nil, 3])
    }

    @Test func forEachContinuing_StopsAtTheFirstFalse_AndTheStatementRunsAgain() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name, qty) VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4)")
        let statement = try db.cachedStatement(sql: "SELECT name FROM item ORDER BY name")
        var seen: [String] = []
        try statement.forEach { (row: RowCursor) -> Bool in
            seen.append(row.string(at: 0))
            return seen.count < 2
        }
        #expect(seen == ["a", "b"])
        var all: [String] = []
        try statement.forEach { (row: RowCursor) -> Bool in
            all.append(row.string(at: 0))
            return true
        }
        #expect(all == ["a", "b", "c", "d"], "reset after the early stop")
    }

    @Test func mismatchedScalarThrowsWithoutValue() throws {
        let db = try Database.inMemory()
        let error = try #require(
            capture { _ = try db.fetchScalar(Int.self, "SELECT ?", arguments: ["secret-value"]) } as? DatabaseError)
        #expect(error.message == "cannot convert TEXT to Int")
        #expect(!error.description.contains("secret-value"))
    }

    @Test func statementIsResetAfterAnError() throws {
        let db = try makeItemDatabase()
        let insert = try db.cachedStatement(sql: "INSERT INTO item(name) VALUES (?)")
        try insert.execute(arguments: ["a"])
        #expect(capture { try insert.execute(arguments: ["a"]) } != nil)
        try insert.execute(arguments: ["b"])
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM item") == 2)
    }

    @Test func executeRunsReturningStatementsToCompletion() throws {
        let db = try makeItemDatabase()
        try db.execute("INSERT INTO item(name) VALUES (?), (?) RETURNING id", arguments: ["a", "b"])
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM item") == 2)
    }
}
