import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseErrorTests {
    @Test func constraintErrorCarriesMessageAndSQLButNotBoundValues() throws {
        let db = try makeItemDatabase()
        let secret = "hunter2-SECRET-\(UUID().uuidString)"
        let sql = "INSERT INTO item(name, qty) VALUES (?, ?)"
        try db.execute(sql, arguments: [secret, 1])
        let error = try #require(capture { try db.execute(sql, arguments: [secret, 2]) } as? DatabaseError)
        #expect(error.isConstraintViolation)
        #expect(error.isUniqueViolation)
        #expect(!error.isBusy)
        #expect(error.resultCode == 19)
        #expect(error.extendedResultCode == DatabaseError.constraintUnique)
        #expect(error.message.contains("UNIQUE constraint failed: item.name"))
        #expect(error.description.contains("UNIQUE constraint failed: item.name"))
        #expect(error.description.contains(sql))
        #expect(!error.description.contains(secret))
        #expect(!"\(error)".contains(secret))
        #expect(!String(reflecting: error).contains(secret))
    }

    @Test func notNullAndForeignKeyErrorsAreClassified() throws {
        let db = try makeItemDatabase()
        try db.execute(sql: "CREATE TABLE child(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id))")
        let fk = try #require(
            capture { try db.execute("INSERT INTO child(item_id) VALUES (?)", arguments: [42]) } as? DatabaseError)
        #expect(fk.isForeignKeyViolation)
        #expect(fk.isConstraintViolation)
        let notNull = try #require(
            capture { try db.execute("INSERT INTO child(item_id) VALUES (NULL)") } as? DatabaseError)
        #expect(notNull.extendedResultCode == DatabaseError.constraintNotNull)
    }

    @Test func syntaxErrorsCarrySQLiteMessage() throws {
        let db = try Database.inMemory()
        let error = try #require(capture { try db.execute("SELEC 1") } as? DatabaseError)
        #expect(error.resultCode == 1)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
        #expect(error.description == "SQLite error 1: \(error.message) — SQL: SELEC 1")
    }

    @Test func publicInitReducesToPrimaryCode() {
        let error = DatabaseError(resultCode: 2067, message: "m")
        #expect(error.resultCode == 19)
        #expect(error.extendedResultCode == 2067)
        #expect(error.description == "SQLite error 19 (extended 2067): m")
    }
}
