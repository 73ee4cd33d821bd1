import Foundation
import Testing
@testable import LMSDatabase

@Suite struct StatementArgumentsTests {
    @Test func arrayLiteralMixesTypesAndNil() {
        let name = "x"
        let arguments: StatementArguments = [1, name, nil, 2.5, Data([1])]
        #expect(arguments.positional == [.integer(1), .text("x"), .null, .real(2.5), .blob(Data([1]))])
        #expect(arguments.named.isEmpty)
    }

    @Test func dictionaryLiteralIsNamed() {
        let arguments: StatementArguments = ["name": "x", ":qty": 3, "gone": nil]
        #expect(arguments.named == ["name": .text("x"), ":qty": .integer(3), "gone": .null])
        #expect(arguments.positional.isEmpty)
        #expect(StatementArguments().isEmpty)
    }

    @Test func namedArgumentsBindWithOrWithoutPrefix() throws {
        let db = try makeItemDatabase()
        try db.execute("INSERT INTO item(name, qty) VALUES (:name, @qty)", arguments: ["name": "a", "@qty": 4])
        let row = try #require(try db.fetchOne("SELECT name, qty FROM item WHERE name = $n", arguments: ["n": "a"]))
        #expect(row.string("name") == "a")
        #expect(row.int("qty") == 4)
    }

    @Test func wrongPositionalCountIsRejected() throws {
        let db = try makeItemDatabase()
        let error = capture { try db.execute("INSERT INTO item(name, qty) VALUES (?, ?)", arguments: ["a"]) }
        let dbError = try #require(error as? DatabaseError)
        #expect(dbError.message.contains("expected 2, got 1"))
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM item") == 0)
        #expect(capture { try db.execute("SELECT 1", arguments: [1]) } != nil)
    }

    @Test func missingAndExtraNamedArgumentsAreRejected() throws {
        let db = try makeItemDatabase()
        let missing = capture { try db.execute("INSERT INTO item(name, qty) VALUES (:a, :b)", arguments: ["a": "x"]) }
        #expect((missing as? DatabaseError)?.message.contains(":b") == true)
        let extra = capture { try db.execute("INSERT INTO item(name) VALUES (:a)", arguments: ["a": "x", "z": 1]) }
        #expect((extra as? DatabaseError)?.message.contains("unused named argument z") == true)
        let unnamed = capture { try db.execute("INSERT INTO item(name) VALUES (?)", arguments: ["a": "x"]) }
        #expect(unnamed != nil)
    }
}
