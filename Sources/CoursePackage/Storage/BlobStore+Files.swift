import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// The file work behind `BlobStore`'s promises: renaming into place, copying while hashing.
extension BlobStore {
    func adoptOrThrow(_ source: String, verifiedSHA256: String?) throws -> StoredBlob {
        var info = stat()
        guard stat(source, &info) == 0 else { throw BlobStoreError(.sourceUnreadable, path: source, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw BlobStoreError(.sourceUnreadable, path: source, errno: EISDIR)
        }
        let size = Int64(info.st_size)
        guard size <= maxBlobBytes else { throw BlobStoreError(.tooLarge, path: source, limit: maxBlobBytes) }
        let digest: String
        if let verifiedSHA256 {
            digest = verifiedSHA256
        } else {
            do { digest = try SHA256.hash(fileAt: source).hex } catch let error as SHA256FileError {
                throw BlobStoreError(.sourceUnreadable, path: source, errno: error.errno)
            }
        }
        guard let target = path(for: digest) else { throw BlobStoreError(.notAHash, path: digest) }
        if access(target, F_OK) == 0 {
            unlink(source)
            return StoredBlob(sha256: digest, size: size)
        }
        let folder = root + "/" + digest.prefix(2)
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw BlobStoreError(.writeFailed, path: folder, errno: errno)
        }
        try Self.sync(path: source)
        guard rename(source, target) == 0 else { throw BlobStoreError(.writeFailed, path: target, errno: errno) }
        Self.sync(folder: folder)
        return StoredBlob(sha256: digest, size: size)
    }

    /// Copies `source` to the new file `temp` while hashing it, up to `maxBlobBytes`; returns the hash.
    func copy(_ source: String, to temp: String) throws -> String {
        // O_NONBLOCK: a FIFO named as the source must not hang the open (it is refused just below).
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard input >= 0 else { throw BlobStoreError(.sourceUnreadable, path: source, errno: errno) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw BlobStoreError(.sourceUnreadable, path: source, errno: EISDIR)
        }
        let output = try BlobFile(creating: temp)
        defer { output.close() }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: Self.copyChunkBytes)
        var total: Int64 = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw BlobStoreError(.sourceUnreadable, path: source, errno: errno)
            }
            total += Int64(count)
            guard total <= maxBlobBytes else { throw BlobStoreError(.tooLarge, path: source, limit: maxBlobBytes) }
            try buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                hasher.update(chunk)
                try output.write(chunk)
            }
        }
        try output.sync()
        return hasher.finalize().hex
    }

    /// The POSIX error number inside a Foundation error, else 0.
    static func posixCode(of error: Error) -> Int32 {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return 0
    }

    /// Flushes a file's bytes to the disk before it is renamed under its hash.
    static func sync(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BlobStoreError(.writeFailed, path: path, errno: errno) }
        defer { close(fd) }
        _ = fsync(fd)
    }

    /// Flushes a folder's entries after a rename, ignoring file systems that refuse it.
    static func sync(folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
