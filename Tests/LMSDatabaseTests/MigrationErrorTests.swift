import Testing
@testable import LMSDatabase

@Suite struct MigrationErrorTests {
    @Test func descriptions() {
        #expect(
            MigrationError.databaseIsNewer(found: 7, known: 3).description.hasPrefix(
                "the database was written by a newer version (7); upgrade the program"))
        #expect(MigrationError.invalidVersionOrder(version: 2, previous: 2).description.contains("greater than 2"))
        #expect(MigrationError.foreignKeyViolation(version: 4, name: "x", table: "t").description.contains("table t"))
    }
}
