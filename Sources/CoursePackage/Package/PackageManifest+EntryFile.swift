import Foundation
import LMSModel

extension PackageManifest.Entry {
    /// The chunk size for streaming copies.
    static let copyChunkBytes = 1 << 20

    /// Writes what `produce` streams into a new file at `path` (replacing any), checking the bytes
    /// against this entry's size and SHA-256 on the way; `synchronize` fsyncs the file before it is
    /// closed. On any failure the file is removed. The ONE way a package entry becomes a file:
    /// extracting an entry (`PackageArchive.copyEntry`), applying a delta and assembling a version
    /// (`PackageDelta.apply`, `PackageDelta.assemble`).
    func write(
        to path: String, synchronize: Bool = false,
        from produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw PackageError.cannotWrite(path: path, reason: "cannot create the file")
        }
        do {
            var hasher = SHA256()
            var size: UInt64 = 0
            try produce { chunk in
                hasher.update(chunk)
                size += UInt64(chunk.count)
                try handle.write(contentsOf: Data(chunk))
            }
            if synchronize { try handle.synchronize() }
            try handle.close()
            guard size == self.size else { throw PackageError.sizeMismatch(self.path) }
            guard hasher.finalize().hex == sha256 else { throw PackageError.hashMismatch(self.path) }
        } catch {
            try? handle.close()
            unlink(path)
            throw error
        }
    }

    /// Streams a file's bytes in chunks of `copyChunkBytes`.
    static func stream(file path: String, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw PackageError.missingEntry(path) }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: copyChunkBytes), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try sink($0) }
        }
    }
}
