import Foundation
import LMSModel

/// A course folder on disk.
public struct FolderFiles: CourseFiles {
    /// The folder.
    public let root: String
    /// Every regular file, relative and sorted.
    public let paths: [String]
    private let sizes: [String: UInt64]

    /// Why a folder cannot be read as a course.
    public enum FolderError: Error, CustomStringConvertible {
        case notAFolder(String)
        case notFound(String)
        case symlink(String)
        case tooManyFiles(limit: Int)
        case tooLarge(limitBytes: UInt64)

        /// What is wrong and what to do.
        public var description: String {
            switch self {
            case .notAFolder(let p): return "\(p): not a folder (give the course folder that holds course.json)"
            case .notFound(let p): return "\(p): no such file or folder; check the path"
            case .symlink(let p): return "\(p): symbolic links are not allowed in a course: copy the file in instead"
            case .tooManyFiles(let n): return "the course has more than \(n) files: split it into several courses"
            case .tooLarge(let n): return "the course is larger than \(n / 1024 / 1024) MB: move large media elsewhere"
            }
        }
    }

    /// Lists the folder, skipping ignored names; refuses symlinks and folders past the package limits.
    /// `excluding` names files (absolute or relative to the working directory) to leave out, such as
    /// a package being written inside the folder.
    public init(root: String, limits: ZipLimits = .default, excluding: [String] = []) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw FolderError.notAFolder(root)
        }
        self.root = root
        var found: [String] = []
        var sizes: [String: UInt64] = [:]
        var total: UInt64 = 0
        let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var pending = [""]
        while let dir = pending.popLast() {
            let full = dir.isEmpty ? root : root + "/" + dir
            let names = try FileManager.default.contentsOfDirectory(atPath: full)
            for name in names where !CoursePath.isIgnored(Substring(name)) {
                let rel = dir.isEmpty ? name : dir + "/" + name
                var st = stat()
                guard lstat(root + "/" + rel, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: pending.append(rel)
                case S_IFREG:
                    if !excluded.isEmpty,
                        excluded.contains(URL(fileURLWithPath: root + "/" + rel).standardizedFileURL.path)
                    {
                        continue
                    }
                    found.append(rel)
                    sizes[rel] = UInt64(st.st_size)
                    total += UInt64(st.st_size)
                    if found.count > limits.maxEntries { throw FolderError.tooManyFiles(limit: limits.maxEntries) }
                    if total > limits.maxTotalUncompressedBytes {
                        throw FolderError.tooLarge(limitBytes: limits.maxTotalUncompressedBytes)
                    }
                case S_IFLNK: throw FolderError.symlink(rel)
                default: continue
                }
            }
        }
        self.paths = CoursePath.sorted(found)
        self.sizes = sizes
    }

    /// Reads a file.
    public func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return [UInt8](data)
    }

    /// The size of a file.
    public func size(of path: String) -> UInt64 { sizes[path] ?? 0 }

    /// The absolute path of a file.
    public func fullPath(_ path: String) -> String { root + "/" + path }
}
