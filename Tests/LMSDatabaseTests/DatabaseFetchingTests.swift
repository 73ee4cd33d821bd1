import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseFetchingTests {
    @Test func fetchAllOneScalarAndColumn() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name, qty) VALUES ('a', 1), ('b', 2), ('c', NULL)")
        let rows = try db.fetchAll("SELECT name, qty FROM item ORDER BY name")
        #expect(rows.map { $0.string("name") } == ["a", "b", "c"])
        #expect(rows.map { $0.int("qty") } == [1, 2, nil])
        #expect(try db.fetchOne("SELECT name FROM item WHERE qty = ?", arguments: [2])?.string(0) == "b")
        #expect(try db.fetchOne("SELECT name FROM item WHERE qty = ?", arguments: [9]) == nil)
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM item") == 3)
        #expect(try db.fetchScalar(Int.self, "SELECT qty FROM item WHERE name = 'c'") == nil)
        #expect(try db.fetchScalar(String.self, "SELECT name FROM item WHERE 0") == nil)
        #expect(try db.fetchColumn(String.self, "SELECT name FROM item ORDER BY name DESC") == ["c", "b", "a"])
    }

    @Test func forEachUsesTheStatementCache() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name) VALUES ('a'), ('b')")
        var names: [String] = []
        for _ in 0..<3 {
            try db.forEach("SELECT name FROM item ORDER BY name") { names.append($0.string(at: 0)) }
        }
        #expect(names == ["a", "b", "a", "b", "a", "b"])
        #expect(db.cachedStatementCount == 1)
    }
}
