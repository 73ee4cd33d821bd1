import Foundation
import Testing
@testable import LMSDatabase

@Suite struct StatementColumnsTests {
    @Test func typedGettersUseSQLiteConversions() throws {
        let db = try Database.inMemory()
        let statement = try db.makeStatement(sql: "SELECT 42, 1.5, 'text', x'00FF00', NULL, '7'")
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 42)
        #expect(statement.double(at: 1) == 1.5)
        #expect(statement.string(at: 2) == "text")
        #expect(statement.data(at: 3) == Data([0, 255, 0]))
        #expect(statement.isNull(at: 4))
        #expect(statement.int64(at: 4) == 0)
        #expect(statement.string(at: 4) == "")
        #expect(statement.data(at: 4) == Data())
        #expect(statement.bytes(at: 3) == [0, 255, 0])
        #expect(statement.bytes(at: 4) == [])
        #expect(statement.bytes(at: 2) == Array("text".utf8), "text read as bytes, as SQLite converts it")
        #expect(statement.int(at: 5) == 7)
    }

    @Test func valueReturnsExactStorageClass() throws {
        let db = try Database.inMemory()
        let statement = try db.makeStatement(sql: "SELECT 42, 1.5, ?, x'', NULL")
        try statement.bind("a\u{0}b", at: 1)
        #expect(try statement.step())
        let values = (0..<5).map { statement.value(at: $0) }
        #expect(values == [.integer(42), .real(1.5), .text("a\u{0}b"), .blob(Data()), .null])
        #expect(statement.makeRow().values == values)
    }
}
