import Dispatch
import Foundation

extension ZipReader {
    /// Entries up to this size (in bytes, 256 KiB) are hashed on the extracting thread; larger
    /// ones are hashed on a second thread while the next chunk is decoded and written.
    static let inlineHashMaximumBytes: UInt64 = 256 << 10

    /// Extracts every entry into `directory` (which must not exist yet) atomically.
    ///
    /// Entries are written into a hidden sibling directory that is renamed to `directory` at
    /// the end; on any failure (including an error thrown by `verify`) the temporary directory
    /// is removed, so nothing is left behind. Files get mode 0644 and directories 0755.
    ///
    /// When `verify` is given, the SHA-256 of each file is computed while writing (on a second
    /// thread for large files) and `verify(entry, sha256)` is called after the file is complete
    /// and its CRC-32 checked; throw from it to reject the archive (the error is rethrown
    /// unchanged). It is also called for directory entries, with the hash of no bytes. Without
    /// `verify`, no SHA-256 is computed.
    /// - Throws: ``ZipError/destinationExists(_:)``, any error of ``read(_:_:)``, I/O errors, or
    ///   the error thrown by `verify`.
    public func extractAll(to directory: String, verify: ((ZipEntry, SHA256Digest) throws -> Void)? = nil) throws {
        let target = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var info = stat()
        guard lstat(target, &info) != 0 else { throw ZipError.destinationExists(target) }
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        let temp = parent + "/." + url.lastPathComponent + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temp, 0o755) == 0 else {
            throw ZipError.io(operation: "create directory", path: temp, errno: errno)
        }
        do {
            _ = chmod(temp, 0o755)
            let pipeline = ZipExtractionPipeline(chunkBytes: Self.chunkBytes)
            // Folders made so far: a course has thousands of files in a few folders, and a mkdir
            // (failing with EEXIST) plus an lstat per file showed up as system time on ext4.
            var made: Set<String> = []
            for entry in entries {
                let destination = temp + "/" + entry.path
                if entry.isDirectory {
                    try Self.makeDirectories(destination, below: temp, made: &made)
                    try verify?(entry, SHA256.hash(bytes: []))
                    continue
                }
                if let slash = destination.lastIndex(of: "/") {
                    try Self.makeDirectories(String(destination[..<slash]), below: temp, made: &made)
                }
                let file = try ZipFileDescriptor(
                    path: destination, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
                    mode: 0o644)
                if Self.umaskNarrowsFileMode {
                    guard fchmod(file.fd, 0o644) == 0 else {
                        throw ZipError.io(operation: "chmod", path: destination, errno: errno)
                    }
                }
                let stream = try openStream(entry)
                let hashMode: ZipExtractionPipeline.HashMode =
                    verify == nil
                    ? .none : (entry.uncompressedSize <= Self.inlineHashMaximumBytes ? .inline : .background)
                let digest = try pipeline.copy(stream, to: file, hashMode: hashMode)
                try file.close()
                if let verify, let digest { try verify(entry, digest) }
            }
            guard rename(temp, target) == 0 else {
                throw ZipError.io(operation: "rename into place", path: target, errno: errno)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Whether this process's umask would take bits from mode 0644, so that each extracted file
    /// needs an `fchmod`. Read once from /proc/self/status: changing the umask to find out is not
    /// safe in a multi-threaded server. When it cannot be read, files are chmod'ed to be sure.
    static let umaskNarrowsFileMode: Bool = {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let mask = Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return true }
        return mask & 0o644 != 0
    }()

    /// Creates `path` and its missing parents down from `root` (which exists), mode 0755; `made`
    /// remembers the folders already there, so each is created (or checked) once per extraction.
    static func makeDirectories(_ path: String, below root: String, made: inout Set<String>) throws {
        guard path.count > root.count, !made.contains(path) else { return }
        let relative = path.dropFirst(root.count + 1)
        var current = root
        // Bounded by the number of segments of a validated path (<= maxPathBytes / 2).
        for segment in relative.split(separator: "/") {
            current += "/" + segment
            if made.contains(current) { continue }
            made.insert(current)
            if mkdir(current, 0o755) == 0 {
                _ = chmod(current, 0o755)
                continue
            }
            let code = errno
            var info = stat()
            guard code == EEXIST, lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw ZipError.io(operation: "create directory", path: current, errno: code)
            }
        }
    }
}
