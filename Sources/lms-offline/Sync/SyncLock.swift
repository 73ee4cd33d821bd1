import Foundation

/// The lock that keeps two syncs of one home apart (`HOME/sync.lock`, `flock`, never waiting):
/// the second sees it held and says so. The kernel releases it when the process ends, even by kill -9.
final class SyncLock {
    private let fd: Int32

    /// Takes the lock, or returns nil when another process holds it.
    init?(home: ClientHome) throws {
        let path = home.path + "/sync.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ClientError.io("open", path, errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw ClientError.io("lock", path, code)
        }
        self.fd = fd
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
