import CoursePackage
import Foundation
import LMSModel

/// Published courses read from their full packages (with every answer key), kept in memory:
/// versions never change, so an entry never goes stale. Thread-safe.
final class CourseCache: @unchecked Sendable {
    /// How many course versions are kept (each is its parsed course, a few hundred KB at most).
    static let capacity = 64

    private let store: CourseStore
    private let blobs: BlobStore
    private let lock = NSLock()
    private var courses: [String: Course] = [:]
    private var order: [String] = []

    /// A cache over the published versions of `store`, whose packages are in `blobs`.
    init(courses store: CourseStore, blobs: BlobStore) {
        self.store = store
        self.blobs = blobs
    }

    /// The full course of `courseID` at `version`, loading it from its package blob once.
    func course(_ courseID: String, version: String) throws -> Course? {
        let key = courseID + "@" + version
        lock.lock()
        if let cached = courses[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        guard let record = try store.version(courseID: courseID, version: version),
            let path = blobs.path(for: record.packageBlob)
        else { return nil }
        guard let course = CourseLoader.load(try PackageArchive(path: path)).course else { return nil }
        lock.lock()
        defer { lock.unlock() }
        courses[key] = course
        order.append(key)
        if order.count > Self.capacity { courses[order.removeFirst()] = nil }
        return course
    }
}
