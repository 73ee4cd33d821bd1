import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A thin owner of a POSIX file descriptor with full-length, EINTR-safe I/O.
final class ZipFileDescriptor {
    /// The descriptor; -1 once closed.
    private(set) var fd: Int32
    /// The path, for error messages.
    let path: String

    /// Opens `path` with `flags` (O_CLOEXEC is added) and `mode` for created files.
    init(path: String, flags: Int32, mode: mode_t = 0o644) throws {
        let fd = open(path, flags | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ZipError.io(operation: "open", path: path, errno: errno) }
        self.fd = fd
        self.path = path
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }

    /// The current file size from `fstat`.
    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ZipError.io(operation: "stat", path: path, errno: errno) }
        return UInt64(max(0, info.st_size))
    }

    /// Reads up to `buffer.count` bytes at the current position; returns 0 at end of file.
    func readSome(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Bounded: retries only on EINTR.
        while true {
            let got = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if got >= 0 { return got }
            if errno != EINTR { throw ZipError.io(operation: "read", path: path, errno: errno) }
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset`; returns false if the file ends first.
    func pread(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Bool {
        var done = 0
        // Bounded: each iteration reads at least one byte or returns.
        while done < buffer.count {
            let got = Glibc.pread(
                fd, buffer.baseAddress.map { $0 + done }, buffer.count - done,
                off_t(offset) + off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw ZipError.io(operation: "read", path: path, errno: errno)
            }
            if got == 0 { return false }
            done += got
        }
        return true
    }

    /// Writes all of `buffer` at the current position.
    func write(_ buffer: UnsafeRawBufferPointer) throws {
        var done = 0
        // Bounded: each iteration writes at least one byte or throws.
        while done < buffer.count {
            let put = Glibc.write(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done)
            if put < 0 {
                if errno == EINTR { continue }
                throw ZipError.io(operation: "write", path: path, errno: errno)
            }
            if put == 0 { throw ZipError.io(operation: "write", path: path, errno: EIO) }
            done += put
        }
    }

    /// Writes all of `bytes` at the current position.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes all of `bytes` at `offset` without moving the file position.
    func pwrite(_ bytes: [UInt8], at offset: UInt64) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            // Bounded: each iteration writes at least one byte or throws.
            while done < buffer.count {
                let put = Glibc.pwrite(
                    fd, buffer.baseAddress.map { $0 + done }, buffer.count - done,
                    off_t(offset) + off_t(done))
                if put < 0 {
                    if errno == EINTR { continue }
                    throw ZipError.io(operation: "write", path: path, errno: errno)
                }
                if put == 0 { throw ZipError.io(operation: "write", path: path, errno: EIO) }
                done += put
            }
        }
    }

    /// Flushes file data to stable storage.
    func sync() throws {
        guard fsync(fd) == 0 else { throw ZipError.io(operation: "fsync", path: path, errno: errno) }
    }

    /// Closes the descriptor, reporting errors from `close`.
    func close() throws {
        guard fd >= 0 else { return }
        let result = Glibc.close(fd)
        fd = -1
        guard result == 0 else { throw ZipError.io(operation: "close", path: path, errno: errno) }
    }
}
