import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A content-addressed folder of immutable files (course packages and their entries on the server,
/// submitted files on both sides), the one blob store of both programs. On disk:
///
///     ROOT/ab/abcdef…   a blob, named by the SHA-256 of its bytes (64 lowercase hex digits)
///     ROOT/tmp/…        files on their way in (same file system, so the final `rename` is atomic)
///
/// Promises: a blob's name is the hash of its bytes (computed here, or by a caller that has just
/// hashed those very bytes); a crash never leaves a partial file under a blob's name (bytes go to
/// `tmp/`, are fsynced, then renamed, and the folder is synced); no blob is larger than
/// `maxBlobBytes`; a name that is not a hash (`../x`, upper case, short) never reaches the file
/// system. Quotas, who may read a blob and when an unreferenced blob is collected are the callers'
/// rules (the server's `UploadStore` and gc, the client's stores).
public struct BlobStore: Sendable {
    /// The largest blob by default, 2 GiB: as large as the largest course package the server takes
    /// (submitted files are capped lower by their own limits); a last bound on any file kept.
    public static let defaultMaxBlobBytes: Int64 = 2 << 30
    /// Bytes read and written at a time when copying a file in (1 MiB).
    static let copyChunkBytes = 1 << 20

    /// The folder.
    public let root: String
    /// The largest blob this store keeps.
    public let maxBlobBytes: Int64

    /// Opens the store at `root`, creating it and its `tmp/` folder when missing. A folder written
    /// before `tmp/` existed (the client's, up to 0.x) opens as it is: blobs keep their names.
    public init(root: String, maxBlobBytes: Int64 = BlobStore.defaultMaxBlobBytes) throws {
        self.root = root
        self.maxBlobBytes = maxBlobBytes
        do {
            try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        } catch {
            throw BlobStoreError(.writeFailed, path: root + "/tmp", errno: Self.posixCode(of: error))
        }
    }

    /// Whether `text` is a blob name: 64 lowercase hex digits.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// The path of a blob by its hash; nil when `sha256` is not 64 lowercase hex digits.
    public func path(for sha256: String) -> String? {
        guard Self.isHash(sha256) else { return nil }
        return root + "/" + sha256.prefix(2) + "/" + sha256
    }

    /// Whether the blob is stored.
    public func contains(_ sha256: String) -> Bool {
        path(for: sha256).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    /// The size of a stored blob in bytes; nil when it is not stored.
    public func size(of sha256: String) -> Int64? {
        guard let path = path(for: sha256) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// The folder of files on their way in (`ROOT/tmp`), on the store's file system: where an
    /// upload may be spooled before it is adopted.
    public var temporaryFolder: String { root + "/tmp" }

    /// A fresh path inside `tmp/` for a file that will be adopted (nothing is created).
    public func makeTempPath() -> String { temporaryFolder + "/" + UUID().uuidString }

    // MARK: - Storing

    /// Moves the file at `source` (on the store's file system, typically from `makeTempPath()`)
    /// into the store under its hash and returns the hash and size. An identical blob already
    /// stored is kept and `source` removed; on any failure `source` is removed too.
    /// `verifiedSHA256`, when the caller has just hashed these very bytes (as
    /// `PackageArchive.copyEntry` and the upload route do), saves reading the file a second time.
    @discardableResult
    public func adopt(fileAt source: String, verifiedSHA256: String? = nil) throws -> StoredBlob {
        do { return try adoptOrThrow(source, verifiedSHA256: verifiedSHA256) } catch {
            unlink(source)
            throw error
        }
    }

    /// Stores `data` and returns its hash and size.
    @discardableResult
    public func store(_ data: Data) throws -> StoredBlob {
        guard Int64(data.count) <= maxBlobBytes else {
            throw BlobStoreError(.tooLarge, path: "(\(data.count) bytes)", limit: maxBlobBytes)
        }
        let temp = makeTempPath()
        let output = try BlobFile(creating: temp)
        defer { output.close() }
        try data.withUnsafeBytes { try output.write($0) }
        try output.sync()
        return try adopt(fileAt: temp)
    }

    /// Stores a copy of the file at `source`, which stays where it is, and returns its hash and
    /// size. The bytes are hashed as they are copied, in `copyChunkBytes` pieces (never the whole
    /// file in memory), and the copy stops at `maxBlobBytes`. With `hardLink`, for a file the
    /// caller owns and will not change in place (an upload spooled by the server), a hard link
    /// replaces the copy when the file system allows it; never use it for a person's own file,
    /// which they may edit after it is stored.
    @discardableResult
    public func storeCopy(ofFileAt source: String, verifiedSHA256: String? = nil, hardLink: Bool = false) throws
        -> StoredBlob
    {
        if let verifiedSHA256, let size = size(of: verifiedSHA256) {
            return StoredBlob(sha256: verifiedSHA256, size: size)
        }
        let temp = makeTempPath()
        if hardLink, link(source, temp) == 0 { return try adopt(fileAt: temp, verifiedSHA256: verifiedSHA256) }
        let digest: String
        do { digest = try copy(source, to: temp) } catch {
            unlink(temp)
            throw error
        }
        return try adopt(fileAt: temp, verifiedSHA256: digest)
    }

    // MARK: - Removing and listing

    /// Removes a blob; returns the bytes freed, nil when there was no such blob (or no such hash).
    @discardableResult
    public func remove(_ sha256: String) -> Int64? {
        guard let path = path(for: sha256), let size = size(of: sha256), unlink(path) == 0 else { return nil }
        return size
    }

    /// Removes blobs (those that nothing references any more); names that are not hashes are skipped.
    public func remove(_ hashes: some Sequence<String>) {
        for sha256 in hashes { remove(sha256) }
    }

    /// Removes what a crash or a cut upload left in `tmp/`: everything (the default, for a caller
    /// that knows nothing else is writing, as the server at start under its lock), or only what was
    /// last changed more than `olderThan` seconds before `now` (where another process may be
    /// storing a file this moment, as in a client's folder).
    public func removeTemporaryFiles(olderThan seconds: TimeInterval = 0, now: Date = Date()) {
        let tmp = root + "/tmp/"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] {
            if seconds > 0 {
                var info = stat()
                guard lstat(tmp + name, &info) == 0, Double(info.st_mtim.tv_sec) < now.timeIntervalSince1970 - seconds
                else { continue }
            }
            // Files, and the work folders a killed publish leaves (issue 13, item 11).
            try? FileManager.default.removeItem(atPath: tmp + name)
        }
    }

    /// Every blob's hash, sorted (for backups); stray files in the fan-out folders are skipped.
    public func allHashes() throws -> [String] {
        var hashes: [String] = []
        for dir in try FileManager.default.contentsOfDirectory(atPath: root) where dir.utf8.count == 2 {
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)
            where Self.isHash(name) && name.hasPrefix(dir) {
                hashes.append(name)
            }
        }
        return hashes.sorted()
    }
}

/// A blob's name and size, as `BlobStore` stored it.
public struct StoredBlob: Sendable, Equatable {
    /// The SHA-256 of its bytes, 64 lowercase hex digits.
    public let sha256: String
    /// Its size in bytes.
    public let size: Int64

    /// A blob record.
    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }
}
