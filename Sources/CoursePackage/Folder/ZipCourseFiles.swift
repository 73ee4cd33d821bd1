import Foundation
import LMSModel

/// A course folder that someone zipped themselves (`zip -r`, Python's zipfile, a file manager):
/// no manifest, and often one top-level folder around the course. Entries are checked by
/// ZipReader's CRC; there are no hashes to check.
public final class ZipCourseFiles: CourseFiles {
    /// The archive.
    public let path: String
    /// The folder inside the archive that holds course.json ("" for the root).
    public let prefix: String
    /// The course files, sorted, relative to `prefix`.
    public let paths: [String]
    let zip: ZipReader
    private var entries: [String: ZipEntry] = [:]

    /// Opens a zipped course folder.
    public init(path: String, limits: ZipLimits = .default) throws {
        self.path = path
        self.zip = try ZipReader(path: path, limits: limits)
        let files = zip.entries.filter { !$0.isDirectory }
        let roots = Set(files.compactMap { $0.path.split(separator: "/").first.map(String.init) })
        if files.contains(where: { $0.path == "course.json" }) {
            prefix = ""
        } else if roots.count == 1, let root = roots.first, files.contains(where: { $0.path == root + "/course.json" })
        {
            prefix = root + "/"
        } else {
            prefix = ""
        }
        var list: [String] = []
        for entry in files where entry.path.hasPrefix(prefix) {
            let relative = String(entry.path.dropFirst(prefix.count))
            guard !CoursePath.isIgnoredPath(relative) else { continue }
            list.append(relative)
            entries[relative] = entry
        }
        self.paths = CoursePath.sorted(list)
    }

    /// Reads one file (CRC-checked).
    public func read(_ path: String) throws -> [UInt8] {
        guard let entry = entries[path] else { throw PackageError.missingEntry(path) }
        return [UInt8](try zip.readData(entry))
    }

    /// The size of one file.
    public func size(of path: String) -> UInt64 { entries[path]?.uncompressedSize ?? 0 }

    /// Extracts the course folder (without the wrapping folder) into `directory`, which must not exist.
    public func extractCourse(to directory: String) throws {
        let staging = directory + ".unzip-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try zip.extractAll(to: staging)
        let inner = prefix.isEmpty ? staging : staging + "/" + String(prefix.dropLast())
        guard rename(inner, directory) == 0 else {
            throw PackageError.cannotWrite(path: directory, reason: String(cString: strerror(errno)))
        }
    }
}

/// Opens whatever a teacher points a command at: a course folder, a package, or a zipped folder.
public enum CourseSource {
    /// What was opened.
    public enum Opened {
        case folder(FolderFiles)
        case package(PackageArchive)
        case zippedFolder(ZipCourseFiles)

        /// The files, whatever the kind.
        public var files: any CourseFiles {
            switch self {
            case .folder(let f): return f
            case .package(let p): return p
            case .zippedFolder(let z): return z
            }
        }
    }

    /// Opens `path`: a folder, else an archive with a manifest (a package), else a zipped course folder.
    public static func open(_ path: String) throws -> Opened {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw FolderFiles.FolderError.notFound(path)
        }
        if isDir.boolValue { return .folder(try FolderFiles(root: path)) }
        let zipped = try ZipCourseFiles(path: path)
        if zipped.prefix.isEmpty, zipped.zip.entry(named: PackageManifest.fileName) != nil {
            return .package(try PackageArchive(path: path, reader: zipped.zip))
        }
        return .zippedFolder(zipped)
    }
}
