import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Hot backups and restores of a data folder: a ZIP holding a consistent copy of the database
/// (SQLite's online backup API, safe while the server writes) and every blob. Blobs are immutable
/// and written before the rows that name them, so the blobs present after the database copy are a
/// superset of what it references.
enum ServerBackup {
    static let databaseEntry = "lms.sqlite"
    /// A backup holds every blob of a server: far more entries and bytes than one package, so
    /// restore reads it with its own limits (every entry is still CRC- and hash-checked).
    static let backupLimits = ZipLimits(
        maxEntries: 10_000_000, maxTotalUncompressedBytes: 1 << 50,
        maxEntryUncompressedBytes: 1 << 40, maxCompressionRatio: 100_000)
    static let infoEntry = "backup.json"

    /// Writes a backup of `dataDirectory` to `output` (atomically); returns a one-line summary.
    static func backup(dataDirectory: String, to output: String) throws -> String {
        let databasePath = dataDirectory + "/" + ServerStore.fileName
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw ServerCommand.Failure(
                description: "\(dataDirectory) has no \(ServerStore.fileName): is it a data folder (lms-server init)?")
        }
        removeLeftovers(besides: output)
        let snapshot = output + ".db-\(getpid())"
        let temp = output + ".partial-\(getpid())"
        let scratch = [snapshot, snapshot + "-wal", snapshot + "-shm", temp]
        // SIGINT and SIGTERM (a stopped cron job, a reboot) remove the copies before the process ends;
        // what kill -9 leaves, the next backup beside the same output removes (`removeLeftovers`).
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for path in scratch { unlink(path) }
                exit(128 + number)
            }
            source.resume()
            return source
        }
        defer {
            for source in signals { source.cancel() }
            for path in scratch.dropLast() { unlink(path) }
        }
        do {
            let source = try Database(path: databasePath)
            try source.backup(to: snapshot)
            let epoch = try source.fetchScalar(String.self, "SELECT value FROM meta WHERE key = 'epoch'") ?? ""
            let blobs = try BlobStore(root: dataDirectory + "/blobs")
            let hashes = try blobs.allHashes()
            let writer = try ZipWriter(path: temp)
            let info = JSONOut.obj([
                ("format", JSONOut.n(Double(1))), ("epoch", JSONOut.s(epoch)),
                ("createdAt", JSONOut.s(ISO8601DateFormatter().string(from: Date()))),
                ("blobs", JSONOut.n(Double(hashes.count)))
            ])
            try writer.addData(path: infoEntry, Data(JSONWriter.write(info, pretty: true).utf8), method: .deflate)
            try writer.addFile(path: databaseEntry, contentsOf: snapshot, method: .deflate)
            for hash in hashes {
                guard let path = blobs.path(for: hash) else { continue }
                try writer.addFile(path: "blobs/" + hash.prefix(2) + "/" + hash, contentsOf: path, method: .store)
            }
            try writer.finish()
            guard rename(temp, output) == 0 else {
                throw ServerCommand.Failure(description: "cannot write \(output): \(String(cString: strerror(errno)))")
            }
            return "database and \(hashes.count) blobs"
        } catch {
            unlink(temp)
            if StorageFull.matches(error) {
                let folder = (output as NSString).deletingLastPathComponent
                throw ServerCommand.Failure(
                    description: "the disk that holds \(folder.isEmpty ? "." : folder) is full: nothing was written; "
                        + "make room there (or back up to another disk) and run the backup again")
            }
            throw error
        }
    }

    /// Removes what a killed backup left beside `output` or beside another backup in its folder:
    /// `NAME.db-PID` (with `-wal`, `-shm`) and `NAME.partial-PID`, when process PID is gone.
    static func removeLeftovers(besides output: String) {
        let folder = (output as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            var stem = Substring(name)
            for suffix in ["-wal", "-shm"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
            guard let dash = stem.lastIndex(of: "-"), let pid = Int32(stem[stem.index(after: dash)...]), pid > 0,
                stem[..<dash].hasSuffix(".db") || stem[..<dash].hasSuffix(".partial")
            else { continue }
            // A backup still running (its process alive) keeps its files.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory + "/" + name)
        }
    }

    /// Restores a backup into `dataDirectory`, which must be absent or empty unless `force` (then the
    /// current folder is kept beside it as `DIR.before-restore-TIME`). Every blob is checked against
    /// its name (its SHA-256) and the database against `PRAGMA integrity_check`; the epoch is renewed
    /// so that devices re-push what the restored server lacks.
    static func restore(from backupPath: String, dataDirectory: String, force: Bool) throws -> String {
        let fm = FileManager.default
        let existing = (try? fm.contentsOfDirectory(atPath: dataDirectory)) ?? []
        if !existing.isEmpty && !force {
            throw ServerCommand.Failure(
                description:
                    "\(dataDirectory) is not empty; stop the server and add --force to replace it (the old folder is kept beside it)"
            )
        }
        if fm.fileExists(atPath: dataDirectory + "/" + ServerLock.fileName),
            ServerLock.isHeld(dataDirectory: dataDirectory)
        {
            throw ServerCommand.Failure(description: "a server is running on \(dataDirectory): stop it first")
        }
        let staging = dataDirectory + ".restore-\(getpid())"
        let reader = try ZipReader(path: backupPath, limits: backupLimits)
        guard reader.entry(named: databaseEntry) != nil, reader.entry(named: infoEntry) != nil else {
            throw ServerCommand.Failure(description: "\(backupPath) is not an lms-server backup (no \(databaseEntry))")
        }
        try reader.extractAll(to: staging) { entry, digest in
            guard entry.path.hasPrefix("blobs/"), !entry.path.hasSuffix("/") else { return }
            let name = String(entry.path.split(separator: "/").last ?? "")
            // Only where the blob store looks (blobs/ab/<sha256>): a file elsewhere would be restored but never found.
            guard BlobStore.isHash(name), entry.path == "blobs/\(name.prefix(2))/\(name)" else {
                throw ServerCommand.Failure(
                    description:
                        "\(entry.path) is not where a blob is kept (blobs/ab/<its SHA-256>); use another backup")
            }
            if digest.hex != name {
                throw ServerCommand.Failure(
                    description: "\(entry.path) is damaged (its hash does not match its name); use another backup")
            }
        }
        do {
            let db = try Database(path: staging + "/" + databaseEntry)
            let problems = try db.integrityCheck()
            guard problems.isEmpty else {
                throw ServerCommand.Failure(description: "the backup's database is damaged: \(problems.prefix(3))")
            }
            try db.execute("UPDATE meta SET value = ? WHERE key = 'epoch'", arguments: [UUID().uuidString.lowercased()])
            try fm.removeItem(atPath: staging + "/" + infoEntry)
            if fm.fileExists(atPath: dataDirectory) {
                let aside = dataDirectory + ".before-restore-\(Int(Date().timeIntervalSince1970))"
                try fm.moveItem(atPath: dataDirectory, toPath: aside)
            }
            guard rename(staging, dataDirectory) == 0 else {
                throw ServerCommand.Failure(
                    description: "cannot move the restored folder into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        let blobCount = reader.entries.filter { $0.path.hasPrefix("blobs/") }.count
        return "database and \(blobCount) blobs; new epoch"
    }
}

/// An advisory lock on a data folder while a server runs on it (`flock` on `DIR/lms.lock`).
final class ServerLock {
    static let fileName = "lms.lock"
    private let fd: Int32

    /// Takes the lock, or throws when another server holds it.
    init(dataDirectory: String) throws {
        fd = open(dataDirectory + "/" + Self.fileName, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ServerCommand.Failure(
                description:
                    "cannot open \(dataDirectory)/\(Self.fileName) (\(String(cString: strerror(errno)))): check that "
                    + "\(dataDirectory) exists and that this user may write in it")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ServerCommand.Failure(
                description:
                    "another lms-server is already serving \(dataDirectory): stop it first (sudo systemctl stop "
                    + "lms-server, or end that process), or give another --data folder")
        }
    }

    deinit { close(fd) }

    /// Whether some process holds the lock.
    static func isHeld(dataDirectory: String) -> Bool {
        let fd = open(dataDirectory + "/" + fileName, O_RDWR)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}
