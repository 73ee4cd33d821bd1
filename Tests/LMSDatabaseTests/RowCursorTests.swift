import Foundation
import Testing
@testable import LMSDatabase

@Suite struct RowCursorTests {
    @Test func forEachIteratesWithTypedGetters() throws {
        let db = try Database.inMemory()
        try db.execute(sql: "CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB)")
        for n in 0..<100 {
            try db.execute(
                "INSERT INTO t VALUES (?, ?, ?, ?)",
                arguments: [n, Double(n) / 2, "s\(n)", n % 2 == 0 ? Data([UInt8(n)]) : nil])
        }
        var sum: Int64 = 0
        var halves = 0.0
        var texts = 0
        var nulls = 0
        var blobs = Data()
        try db.forEach("SELECT i, r, s, b FROM t WHERE i >= ? ORDER BY i", arguments: [0]) { cursor in
            #expect(cursor.columnCount == 4)
            sum += cursor.int64(at: 0)
            halves += cursor.double(at: 1)
            texts += cursor.string(at: 2).hasPrefix("s") ? 1 : 0
            if cursor.isNull(at: 3) { nulls += 1 } else { blobs.append(cursor.data(at: 3)) }
            #expect(cursor.int(at: 0) == Int(cursor.int64(at: 0)))
            #expect(cursor.bytes(at: 3) == [UInt8](cursor.data(at: 3)))
            #expect(cursor.value(at: 2) == .text(cursor.string(at: 2)))
        }
        #expect(sum == 4950)
        #expect(halves == 2475)
        #expect(texts == 100)
        #expect(nulls == 50)
        #expect(blobs.count == 50)
    }

    @Test func errorsInTheBodyPropagateAndResetTheStatement() throws {
        struct Stop: Error {}
        let db = try makeItemDatabase()
        try db.execute(sql: "INSERT INTO item(name) VALUES ('a'), ('b')")
        #expect(throws: Stop.self) {
            try db.forEach("SELECT name FROM item") { _ in throw Stop() }
        }
        var rows: [Row] = []
        try db.forEach("SELECT name FROM item") { rows.append($0.makeRow()) }
        #expect(rows.count == 2)
    }
}
