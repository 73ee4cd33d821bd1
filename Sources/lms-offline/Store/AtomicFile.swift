import Foundation

/// Writes files so that a crash leaves either the old content or the new, never a mix:
/// a temporary file beside the target, fsync, rename, then fsync of the folder.
enum AtomicFile {
    /// Writes `data` to `path` atomically and durably.
    static func write(_ data: Data, to path: String) throws {
        let temp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ClientError.io("create", temp, errno) }
        var ok = true
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if ok, fsync(fd) != 0 {
            ok = false
            failure = errno
        }
        close(fd)
        guard ok else {
            unlink(temp)
            throw ClientError.io("write", temp, failure)
        }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw ClientError.io("rename", path, e)
        }
        syncFolder(of: path)
    }

    /// Flushes a folder entry (after a rename), ignoring failures on file systems that refuse it.
    static func syncFolder(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}
