import Foundation
import Testing
@testable import LMSDatabase

@Suite struct TransactionCompletionTests {
    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func everyKindCommits(kind: TransactionKind) throws {
        let directory = try TemporaryDirectory()
        let db = try Database(path: directory.path("k.sqlite"))
        try db.execute(sql: "CREATE TABLE t(x)")
        for completion in [TransactionCompletion.commit, .rollback] {
            try db.transaction(kind) { db in
                try db.execute("INSERT INTO t VALUES (1)")
                return completion
            }
        }
        #expect(try db.fetchScalar(Int.self, "SELECT count(*) FROM t") == 1)
    }

    @Test func rawValuesAreTheSQLKeywords() {
        #expect(TransactionKind.deferred.rawValue == "DEFERRED")
        #expect(TransactionKind.immediate.rawValue == "IMMEDIATE")
        #expect(TransactionKind.exclusive.rawValue == "EXCLUSIVE")
    }
}
