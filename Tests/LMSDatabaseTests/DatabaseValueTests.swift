import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseValueTests {
    @Test func literalsProduceTheMatchingCases() {
        let values: [DatabaseValue] = [nil, 1, 2.5, true, false, "x"]
        #expect(values == [.null, .integer(1), .real(2.5), .integer(1), .integer(0), .text("x")])
    }

    @Test func isNullAndStorageClassNames() {
        #expect(DatabaseValue.null.isNull)
        #expect(!DatabaseValue.integer(0).isNull)
        let names = [DatabaseValue.null, .integer(1), .real(1), .text(""), .blob(Data())].map(\.storageClassName)
        #expect(names == ["NULL", "INTEGER", "REAL", "TEXT", "BLOB"])
    }

    @Test func everyCaseRoundTripsThroughSQLite() throws {
        let db = try Database.inMemory()
        let values: [DatabaseValue] = [
            .null, .integer(.min), .integer(.max), .real(-0.5), .text("héllo 🌍"), .blob(Data([0, 1, 0]))
        ]
        for value in values {
            let row = try #require(try db.fetchOne("SELECT ?", arguments: StatementArguments([value])))
            #expect(row[0] == value)
        }
    }
}
