import LMSDatabase

/// A store of one area of the server (accounts, courses, enrollment, the changelog, grading,
/// communication, statistics, data rights): it holds the SQL of its tables and is their only
/// writer (docs/ARCHITECTURE.md lists the tables of each). Every method is one transaction;
/// the `static … in db:` methods run inside a caller's transaction, so that one request that
/// touches several areas still commits once.
protocol AreaStore: Sendable {
    /// The one connection of the server's database (`ServerStore.queue`).
    var queue: DatabaseQueue { get }
}

extension AreaStore {
    /// Runs `body` in an immediate write transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T { try queue.write(body) }

    /// Runs `body` in a read transaction (one snapshot of the database).
    func read<T>(_ body: (Database) throws -> T) throws -> T { try queue.read(body) }
}
