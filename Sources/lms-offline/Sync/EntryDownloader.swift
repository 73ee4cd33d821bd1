import CoursePackage
import Foundation

/// Downloads course entries by hash into a folder of the home (`HOME/downloads/<course>/<version>/`),
/// resuming cut downloads: bytes arrive in `<sha256>.partial` as they come, a later try (in this run
/// or the next) asks for the rest with `Range: bytes=N-` (RFC 9110 §14.2), and a complete file is
/// checked against its size and SHA-256 before it is renamed to `<sha256>`.
struct EntryDownloader {
    let http: SyncHTTP
    /// The folder of this version's downloads.
    let directory: String
    /// Called with the count of bytes as they arrive (for the progress bar).
    var onBytes: (Int) -> Void = { _ in }

    /// What one fetch did.
    struct Fetched {
        /// The verified file.
        var path: String
        /// Bytes that came over the network for it in this run.
        var bytes: Int64
        /// Whether a partial file from an earlier try was continued.
        var resumed: Bool
    }

    /// The verified file of an entry, fetched from `urlPath` unless it is already here.
    func fetch(urlPath: String, sha256: String, size: UInt64) throws -> Fetched {
        let final = directory + "/" + sha256
        let partial = final + ".partial"
        if FileManager.default.fileExists(atPath: final) {
            if try SHA256.hash(fileAt: final).hex == sha256 { return Fetched(path: final, bytes: 0, resumed: false) }
            unlink(final)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var received: Int64 = 0
        var resumed = false
        var lastError: Error = SyncError(.corrupt(sha256))
        for _ in 0..<SyncLimits.downloadAttempts {
            var offset = UInt64(Self.size(of: partial))
            if offset > size {
                unlink(partial)
                offset = 0
            }
            if offset == size, FileManager.default.fileExists(atPath: partial) {
                if try complete(partial: partial, final: final, sha256: sha256) {
                    return Fetched(path: final, bytes: received, resumed: resumed)
                }
                offset = 0
            }
            if offset > 0 { resumed = true }
            do {
                received += try download(urlPath: urlPath, to: partial, from: offset, size: size)
            } catch let error as SyncError {
                switch error.kind {
                case .network:
                    lastError = error
                    continue // cut: the next try resumes
                case .server(416, _, _):
                    unlink(partial)
                    lastError = error
                    continue
                default: throw error
                }
            }
            if UInt64(Self.size(of: partial)) == size, try complete(partial: partial, final: final, sha256: sha256) {
                return Fetched(path: final, bytes: received, resumed: resumed)
            }
            lastError = SyncError(.corrupt(sha256))
        }
        throw lastError
    }

    /// One request for the bytes of the partial file from `offset` on; returns how many arrived.
    private func download(urlPath: String, to partial: String, from offset: UInt64, size: UInt64) throws -> Int64 {
        let fd = open(partial, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ClientError.io("create", partial, errno) }
        defer { close(fd) }
        var written = offset
        var received: Int64 = 0
        _ = try http.stream("GET", urlPath, headers: offset > 0 ? ["Range": "bytes=\(offset)-"] : [:]) { head in
            if head.status == 206 {
                // The server continues where the file stops.
                guard head.header("content-range")?.hasPrefix("bytes \(offset)-") == true else {
                    throw SyncError(.badAnswer("a range that does not start at \(offset)"))
                }
                guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw ClientError.io("seek", partial, errno) }
            } else {
                // A whole answer (the server ignored the range): start again.
                guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) >= 0 else {
                    throw ClientError.io("truncate", partial, errno)
                }
                written = 0
            }
            return { chunk in
                guard written + UInt64(chunk.count) <= size else {
                    throw SyncError(.corrupt("more bytes than the manifest says"))
                }
                try chunk.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let n = write(fd, raw.baseAddress! + done, raw.count - done)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw ClientError.io("write", partial, errno)
                        }
                        done += n
                    }
                }
                written += UInt64(chunk.count)
                received += Int64(chunk.count)
                onBytes(chunk.count)
            }
        }
        _ = fsync(fd)
        return received
    }

    /// Checks a full partial file; renames it into place when its hash is right, else removes it.
    private func complete(partial: String, final: String, sha256: String) throws -> Bool {
        guard try SHA256.hash(fileAt: partial).hex == sha256 else {
            unlink(partial)
            return false
        }
        guard rename(partial, final) == 0 else { throw ClientError.io("rename", final, errno) }
        return true
    }

    /// The size of a file, 0 when it does not exist.
    static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
