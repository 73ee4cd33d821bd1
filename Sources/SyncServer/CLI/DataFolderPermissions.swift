import Foundation

/// Who may read the server's files (issue 13, item 10): the database, its WAL and shared memory,
/// the blobs and the backups hold password hashes, submissions and messages, so they are the server
/// account's alone: files 0600 in folders 0700 (docs/OPERATIONS.md, "Files").
enum DataFolderPermissions {
    /// The mode of every file the server writes: owner read and write.
    static let fileMode: mode_t = 0o600
    /// The mode of every folder the server makes: owner only.
    static let folderMode: mode_t = 0o700

    /// Makes every file and folder this process creates from now on 0600 or 0700 (umask 077),
    /// whatever the umask it was started with: SQLite's `-wal` and `-shm`, blobs, temp files, backups.
    static func restrictNewFiles() { umask(0o077) }

    /// Takes group and other rights off a data folder made before this rule (or copied in): the
    /// folder, its blob folder and the database files. Blobs below stay unreachable through them.
    static func restrict(dataDirectory: String) {
        chmod(dataDirectory, folderMode)
        chmod(dataDirectory + "/blobs", folderMode)
        for suffix in ["", "-wal", "-shm"] { chmod(dataDirectory + "/" + ServerStore.fileName + suffix, fileMode) }
    }
}
