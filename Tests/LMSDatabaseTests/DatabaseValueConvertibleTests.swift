import Foundation
import Testing
@testable import LMSDatabase

@Suite struct DatabaseValueConvertibleTests {
    private func roundTrip<T: DatabaseValueConvertible & Equatable>(_ value: T, as type: T.Type = T.self) throws -> T? {
        let db = try Database.inMemory()
        try db.execute(sql: "CREATE TABLE t(v)")
        try db.execute("INSERT INTO t(v) VALUES (?)", arguments: [value])
        let row = try #require(try db.fetchOne("SELECT v FROM t"))
        return row.value(T.self, "v")
    }

    @Test func integersRoundTrip() throws {
        #expect(try roundTrip(Int.max) == Int.max)
        #expect(try roundTrip(Int64.min) == Int64.min)
        #expect(try roundTrip(Int32.min) == Int32.min)
        #expect(try roundTrip(0 as Int) == 0)
    }

    @Test func doublesAndBoolsRoundTrip() throws {
        #expect(try roundTrip(3.25) == 3.25)
        #expect(try roundTrip(-1e300) == -1e300)
        #expect(try roundTrip(true) == true)
        #expect(try roundTrip(false) == false)
    }

    @Test func unicodeAndEmbeddedNULTextRoundTrips() throws {
        #expect(try roundTrip("") == "")
        #expect(try roundTrip("naïve — 日本語 — 👩‍👩‍👧") == "naïve — 日本語 — 👩‍👩‍👧")
        #expect(try roundTrip("a\u{0}b\u{0}") == "a\u{0}b\u{0}")
    }

    @Test func blobsWithNULBytesAndEmptyBlobsRoundTrip() throws {
        let bytes: [UInt8] = [0, 0, 255, 0, 7]
        #expect(try roundTrip(Data(bytes)) == Data(bytes))
        #expect(try roundTrip(bytes) == bytes)
        #expect(try roundTrip(Data()) == Data())
        let db = try Database.inMemory()
        #expect(try db.fetchScalar(String.self, "SELECT typeof(?)", arguments: [Data()]) == "blob")
        #expect(try db.fetchScalar(String.self, "SELECT typeof(?)", arguments: [""]) == "text")
    }

    @Test func optionalsBindNullAndReadBack() throws {
        let db = try Database.inMemory()
        let none: String? = nil
        let bytes: [UInt8]? = nil
        #expect(try db.fetchScalar(String.self, "SELECT typeof(?)", arguments: [none]) == "null")
        #expect(try db.fetchScalar(String.self, "SELECT typeof(?)", arguments: [bytes]) == "null")
        #expect(try db.fetchScalar(String.self, "SELECT typeof(?)", arguments: [nil]) == "null")
        #expect(String?.fromDatabaseValue(.null) == .some(nil))
        #expect(String?.fromDatabaseValue(.text("x")) == .some("x"))
        #expect(String?.fromDatabaseValue(.integer(1)) == nil)
        #expect(try roundTrip(Optional("x")) == Optional("x"))
    }

    @Test func datesAreStoredAsUnixMilliseconds() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        #expect(date.databaseValue == .integer(1_700_000_000_123))
        let back = try #require(try roundTrip(date))
        #expect(back.databaseValue == .integer(1_700_000_000_123))
        #expect(abs(back.timeIntervalSince1970 - 1_700_000_000.123) < 0.000_001)
        #expect(Date.fromDatabaseValue(.text("2024-01-01")) == nil)
    }

    @Test func conversionsAreStrict() {
        #expect(Int.fromDatabaseValue(.text("1")) == nil)
        #expect(Int32.fromDatabaseValue(.integer(Int64(Int32.max) + 1)) == nil)
        #expect(String.fromDatabaseValue(.integer(1)) == nil)
        #expect(Data.fromDatabaseValue(.text("x")) == nil)
        #expect(Double.fromDatabaseValue(.integer(2)) == 2.0)
        #expect(Bool.fromDatabaseValue(.integer(2)) == true)
    }
}
