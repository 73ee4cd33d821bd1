import Foundation
import Testing
@testable import LMSDatabase

@Suite struct RowTests {
    private let row = Row(
        columnNames: ["id", "Name", "score", "flag", "photo", "created", "missing"],
        values: [.integer(7), .text("Zoë"), .real(9.5), .integer(1), .blob(Data([0, 1])), .integer(1_000), .null])

    @Test func accessByIndexAndName() {
        #expect(row.count == 7)
        #expect(row[0] == .integer(7))
        #expect(row[99] == .null)
        #expect(row["name"] == .text("Zoë"))
        #expect(row["nope"] == nil)
        #expect(row.index(of: "NAME") == 1)
    }

    @Test func typedGetters() {
        #expect(row.int64(0) == 7)
        #expect(row.int("id") == 7)
        #expect(row.string("Name") == "Zoë")
        #expect(row.string(1) == "Zoë")
        #expect(row.double("score") == 9.5)
        #expect(row.double(0) == 7.0)
        #expect(row.bool("flag") == true)
        #expect(row.data("photo") == Data([0, 1]))
        #expect(row.date("created") == Date(timeIntervalSince1970: 1))
        #expect(row.value(Int32.self, "id") == 7)
    }

    @Test func nilForNullMissingOrWrongType() {
        #expect(row.string("missing") == nil)
        #expect(row.int("missing") == nil)
        #expect(row.int("nope") == nil)
        #expect(row.int("Name") == nil)
        #expect(row.string(0) == nil)
        #expect(row.data(42) == nil)
    }

    @Test func rowsFetchedFromSQLiteKeepNamesAndValues() throws {
        let db = try Database.inMemory()
        let fetched = try #require(try db.fetchOne("SELECT 1 AS a, 'x' AS b, NULL AS c"))
        #expect(fetched == Row(columnNames: ["a", "b", "c"], values: [1, "x", nil]))
    }
}
