import Foundation
import Testing
@testable import LMSDatabase

@Suite struct StatementTests {
    @Test func bindByIndexStepAndReset() throws {
        let db = try makeItemDatabase()
        let insert = try db.makeStatement(sql: "INSERT INTO item(name, qty) VALUES (?1, ?2)")
        #expect(insert.parameterCount == 2)
        for (name, qty) in [("a", 1), ("b", 2)] {
            try insert.bind(name, at: 1)
            try insert.bind(qty, at: 2)
            #expect(try insert.step() == false)
            insert.reset()
        }
        let select = try db.makeStatement(sql: "SELECT name, qty FROM item ORDER BY name")
        #expect(select.columnNames == ["name", "qty"])
        #expect(select.columnCount == 2)
        #expect(try select.step())
        #expect(select.string(at: 0) == "a")
        #expect(try select.step())
        #expect(select.int(at: 1) == 2)
        #expect(try select.step() == false)
        select.reset()
        #expect(try select.step())
        #expect(select.string(at: 0) == "a")
    }

    @Test func bindByNameAcceptsPrefixOrNot() throws {
        let db = try Database.inMemory()
        let statement = try db.makeStatement(sql: "SELECT :a, @b, $c")
        try statement.bind(1, named: "a")
        try statement.bind("two", named: "@b")
        try statement.bind(nil, named: "c")
        #expect(try statement.step())
        #expect(statement.makeRow().values == [.integer(1), .text("two"), .null])
        #expect(capture { try statement.bind(1, named: "zzz") } != nil)
    }

    @Test func clearBindingsResetsToNull() throws {
        let db = try Database.inMemory()
        let statement = try db.makeStatement(sql: "SELECT ?")
        try statement.bind(DatabaseValue.integer(5), at: 1)
        statement.clearBindings()
        #expect(try statement.step())
        #expect(statement.isNull(at: 0))
    }

    @Test func outOfRangeBindIsAnError() throws {
        let db = try Database.inMemory()
        let statement = try db.makeStatement(sql: "SELECT ?")
        let error = try #require(capture { try statement.bind(1, at: 2) } as? DatabaseError)
        #expect(error.resultCode == 25)
    }

    @Test func multipleStatementsAreRejectedButTrailingCommentsAreNot() throws {
        let db = try Database.inMemory()
        #expect(capture { _ = try db.makeStatement(sql: "SELECT 1; SELECT 2") } != nil)
        #expect(capture { _ = try db.makeStatement(sql: "SELECT 1; -- done\n  ") } == nil)
        #expect(capture { _ = try db.makeStatement(sql: "  ") } != nil)
    }
}
