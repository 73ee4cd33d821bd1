import Foundation
import LMSModel

/// Collection of uploaded files that nothing refers to (issue 13, item 5): a device uploads a
/// submission's files before it pushes the submission; files whose submission never came (or
/// were sent by someone filling the disk) are removed after `unreferencedUploadGraceSeconds`.
/// Runs when `serve` starts, then every `ServerLimits.uploadCollectionIntervalSeconds` while it
/// runs (`UploadCollector`), and by `lms-server gc`. Package blobs are never collected.
extension ServerApp {
    /// What one collection removed.
    struct Collection: CustomStringConvertible {
        var files = 0
        var bytes: Int64 = 0
        var description: String {
            "removed \(files) unreferenced upload\(files == 1 ? "" : "s") (\(bytes) byte\(bytes == 1 ? "" : "s"))"
        }
    }

    /// Removes the uploaded files older than the grace period that no submission names.
    @discardableResult
    func collectUnreferencedUploads(now: Int64 = nowMilliseconds()) throws -> Collection {
        let cutoff = now - ServerLimits.unreferencedUploadGraceSeconds * 1000
        var collection = Collection()
        // Each file goes inside the transaction that forgets it, so an upload of the same file
        // meanwhile waits, then finds it gone and writes it again.
        try store.uploads.collectUnreferenced(olderThan: cutoff) { hash in
            if let size = blobs.remove(hash) {
                collection.files += 1
                collection.bytes += size
            }
        }
        return collection
    }
}
