import CoursePackage
import Foundation

/// A content-addressed directory of immutable files (packages, their entries, submitted files):
/// `blobs/ab/abcdef…` by SHA-256. Writes go to a temp file, are fsynced, and renamed into place,
/// so a crash never leaves a partial blob under a real name.
struct BlobStore: Sendable {
    /// The folder.
    let root: String

    /// Why a blob could not be stored.
    struct BlobError: Error, CustomStringConvertible {
        var description: String
    }

    /// Opens (creating) the store.
    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
    }

    /// The path of a blob by its hex hash (which must be 64 lowercase hex digits).
    func path(for sha256: String) -> String? {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else { return nil }
        return root + "/" + sha256.prefix(2) + "/" + sha256
    }

    /// Whether a blob exists.
    func contains(_ sha256: String) -> Bool {
        path(for: sha256).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    /// A fresh temp path inside the store (same file system, so `rename` is atomic).
    func makeTempPath() -> String { root + "/tmp/" + UUID().uuidString }

    /// Moves the file at `source` (on the same file system) into the store under its hash, which is
    /// computed here; returns the hash and size. An existing identical blob is kept and `source` removed.
    @discardableResult
    /// `verifiedSHA256`, when the caller has just checked the bytes' hash (as `PackageArchive.copyEntry`
    /// does), saves reading and hashing the file a second time.
    func adopt(fileAt source: String, verifiedSHA256: String? = nil) throws -> (sha256: String, size: Int64) {
        do { return try adoptOrThrow(source, verifiedSHA256: verifiedSHA256) } catch {
            unlink(source)
            throw error
        }
    }

    /// Removes what a crash or a cut upload left in `tmp/` (called at start, under the server lock).
    func removeTemporaryFiles() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/tmp")) ?? [] {
            // Files and the work folders a killed publish leaves (issue 13, item 11).
            try? FileManager.default.removeItem(atPath: root + "/tmp/" + name)
        }
    }

    private func adoptOrThrow(_ source: String, verifiedSHA256: String?) throws -> (sha256: String, size: Int64) {
        let digest = try verifiedSHA256 ?? SHA256.hash(fileAt: source).hex
        let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)?.int64Value ?? 0
        guard let target = path(for: digest) else { throw BlobError(description: "bad hash") }
        if FileManager.default.fileExists(atPath: target) {
            unlink(source)
            return (digest, size)
        }
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Self.fsync(path: source)
        guard rename(source, target) == 0 else {
            throw BlobError(description: "cannot store blob: \(String(cString: strerror(errno)))")
        }
        return (digest, size)
    }

    /// Stores bytes; returns their hash.
    @discardableResult
    func store(_ data: Data) throws -> String {
        let temp = makeTempPath()
        guard FileManager.default.createFile(atPath: temp, contents: data) else {
            throw BlobError(
                description: "cannot write \(temp): check the data folder is writable and the disk has room")
        }
        return try adopt(fileAt: temp).sha256
    }

    /// Every blob's hash (for backups).
    func allHashes() throws -> [String] {
        var hashes: [String] = []
        for dir in try FileManager.default.contentsOfDirectory(atPath: root) where dir.count == 2 {
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)
            where path(for: name) != nil {
                hashes.append(name)
            }
        }
        return hashes.sorted()
    }

    static func fsync(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BlobError(description: "cannot open \(path) to sync it") }
        defer { close(fd) }
        _ = Glibc.fsync(fd)
    }
}
