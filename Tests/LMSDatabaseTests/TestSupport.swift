import Foundation
@testable import LMSDatabase

/// A unique temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lmsdatabase-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of a file inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}

/// An in-memory database with a small `item` table.
func makeItemDatabase() throws -> Database {
    let db = try Database.inMemory()
    try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER)")
    return db
}

/// Runs `body` and returns the error it threw, if any.
func capture(_ body: () throws -> Void) -> Error? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
