/// Why `DatabaseMigrator` refused to run.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database's `user_version` is newer than the newest migration this program knows.
    case databaseIsNewer(found: Int, known: Int)
    /// Migration versions must be positive and strictly increasing.
    case invalidVersionOrder(version: Int, previous: Int)
    /// A migration left rows violating foreign keys (found by `PRAGMA foreign_key_check`).
    case foreignKeyViolation(version: Int, name: String, table: String)

    /// A human-readable explanation.
    public var description: String {
        switch self {
        case .databaseIsNewer(let found, let known):
            return "the database was written by a newer version (\(found)); upgrade the program"
                + " (this program knows up to version \(known))"
        case .invalidVersionOrder(let version, let previous):
            return "migration version \(version) must be positive and greater than \(previous)"
        case .foreignKeyViolation(let version, let name, let table):
            return "migration \(version) (\(name)) left foreign key violations in table \(table)"
        }
    }
}
