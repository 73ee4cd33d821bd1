import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseStatementsTests {
    @Test func cachedStatementsAreReused() throws {
        let db = try makeItemDatabase()
        let sql = "INSERT INTO item(name, qty) VALUES (?, ?)"
        let first = try db.cachedStatement(sql: sql)
        try first.execute(arguments: ["a", 1])
        let second = try db.cachedStatement(sql: sql)
        #expect(first === second)
        try second.execute(arguments: ["b", 2])
        #expect(db.cachedStatementCount == 1)
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM item") == 2)
        db.clearStatementCache()
        #expect(db.cachedStatementCount == 0)
        #expect(try db.cachedStatement(sql: sql) !== first)
    }

    @Test func busyCachedStatementIsNotHandedOutTwice() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name) VALUES ('a'), ('b')")
        let sql = "SELECT name FROM item ORDER BY name"
        var pairs: [String] = []
        try db.forEach(sql) { outer in
            try db.forEach(sql) { inner in pairs.append(outer.string(at: 0) + inner.string(at: 0)) }
        }
        #expect(pairs == ["aa", "ab", "ba", "bb"])
    }
}
