import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why `BlobStore` could not store, read or name a file; the description says what to do.
public struct BlobStoreError: Error, CustomStringConvertible, Sendable {
    enum Kind: Sendable {
        /// The file to store cannot be opened or read.
        case sourceUnreadable
        /// The file is larger than the store's `maxBlobBytes`.
        case tooLarge
        /// A name that is not 64 lowercase hex digits.
        case notAHash
        /// Creating, writing, syncing or renaming inside the store failed.
        case writeFailed
    }

    let kind: Kind
    /// The file or folder concerned (or the rejected name).
    public let path: String
    /// The system's error number where a system call failed, else 0.
    public let errno: Int32
    /// The limit in bytes, for `tooLarge`.
    let limit: Int64

    init(_ kind: Kind, path: String, errno: Int32 = 0, limit: Int64 = 0) {
        self.kind = kind
        self.path = path
        self.errno = errno
        self.limit = limit
    }

    /// The file to store could not be read (missing, a folder, no permission).
    public var isSourceUnreadable: Bool { kind == .sourceUnreadable }
    /// The file is larger than the store keeps.
    public var isTooLarge: Bool { kind == .tooLarge }
    /// The disk (or the user's disk quota) is full.
    public var isDiskFull: Bool { errno == ENOSPC || errno == EDQUOT }

    public var description: String {
        let reason = errno == 0 ? "" : ": " + String(cString: strerror(errno))
        switch kind {
        case .sourceUnreadable:
            return "cannot read \(path)\(reason); check that the file exists and that you may read it"
        case .tooLarge:
            return "\(path) is larger than the \(limit >> 20) MiB a stored file may be; store a smaller file"
        case .notAHash:
            return "\"\(path)\" is not a file's SHA-256 (64 digits 0-9 and a-f, in lowercase)"
        case .writeFailed:
            return "cannot write \(path)\(reason); check that the data folder is writable and the disk has room"
        }
    }
}
