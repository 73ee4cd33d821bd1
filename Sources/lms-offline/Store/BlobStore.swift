import CoursePackage
import Foundation
import LMSModel

/// Submitted files, content-addressed: `HOME/blobs/<sha256[0..2]>/<sha256>`, written to a
/// temporary file, fsynced and renamed, so a crash never leaves a partial blob under its name.
struct BlobStore {
    let home: ClientHome

    /// The path of a blob.
    func path(of sha256: String) -> String { "\(home.blobsPath)/\(sha256.prefix(2))/\(sha256)" }

    /// Stores a copy of the file at `source` and returns its record (name, size, hash).
    func put(fileAt source: String) throws -> SubmittedFile {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw ClientError(.fileUnreadable, source)
        }
        let sha = SHA256.hash(data).hex
        let target = path(of: sha)
        if !FileManager.default.fileExists(atPath: target) {
            let dir = (target as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw ClientError(.ioFailed, "create", dir, error.localizedDescription)
            }
            try AtomicFile.write(data, to: target)
        }
        return SubmittedFile(name: (source as NSString).lastPathComponent, size: Int64(data.count), sha256: sha)
    }

    /// Deletes blobs that nothing references any more.
    func remove(_ hashes: [String]) {
        for sha in hashes where sha.count == 64 && sha.allSatisfy(\.isHexDigit) { unlink(path(of: sha)) }
    }
}
