import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A new file being written into a blob store's `tmp/` (created exclusively, mode 0600), with
/// full-length, EINTR-safe writes; closed in `deinit` if not before. Not thread-safe.
final class BlobFile {
    private var fd: Int32
    /// The path, for errors.
    let path: String

    /// Creates the file; it must not exist.
    init(creating path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BlobStoreError(.writeFailed, path: path, errno: errno) }
    }

    deinit { close() }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw BlobStoreError(.writeFailed, path: path, errno: errno)
            }
            offset += n
        }
    }

    /// Flushes the bytes to the disk.
    func sync() throws {
        guard fsync(fd) == 0 else { throw BlobStoreError(.writeFailed, path: path, errno: errno) }
    }

    /// Closes the file (again is harmless).
    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }
}
