import Foundation

/// Random-access bytes of an archive: a file (via `pread`) or memory (used by the fuzzer).
protocol ZipByteSource: AnyObject {
    /// Total size of the archive, in bytes.
    var size: UInt64 { get }
    /// Fills `buffer` from `offset`; returns false if the archive ends first.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Bool
}

extension ZipByteSource {
    /// Reads `count` bytes at `offset`, or throws ``ZipError/truncated(_:)`` naming `what`.
    func bytes(at offset: UInt64, count: Int, what: String) throws -> [UInt8] {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
            throw ZipError.truncated(what)
        }
        var out = [UInt8](repeating: 0, count: count)
        let complete = try out.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        guard complete else { throw ZipError.truncated(what) }
        return out
    }
}

/// An archive read from a file descriptor with `pread`; never loads the file into memory.
final class ZipFileSource: ZipByteSource {
    /// The open archive.
    private let file: ZipFileDescriptor
    /// Archive size at open time, in bytes.
    let size: UInt64

    /// Opens `path` read-only.
    init(path: String) throws {
        file = try ZipFileDescriptor(path: path, flags: O_RDONLY)
        size = try file.size()
    }

    /// Fills `buffer` from `offset` with `pread`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Bool {
        try file.pread(into: buffer, at: offset)
    }
}

/// An archive held in memory (for fuzzing and tests).
final class ZipMemorySource: ZipByteSource {
    /// The archive bytes.
    private let storage: [UInt8]
    /// Archive size, in bytes.
    var size: UInt64 { UInt64(storage.count) }

    /// Wraps `bytes`.
    init(_ bytes: [UInt8]) { storage = bytes }

    /// Copies from `offset` into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Bool {
        guard offset <= size, UInt64(buffer.count) <= size - offset else { return false }
        let start = Int(offset)
        storage.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[start..<(start + buffer.count)]))
        }
        return true
    }
}
