import Foundation
import LMSModel

/// The files of a course, wherever they are (a folder or a package), as paths relative to the
/// course root with `/` separators, sorted by their UTF-8 bytes.
public protocol CourseFiles {
    /// Every regular file of the course, except ignored ones (names starting with `.` or `_`).
    var paths: [String] { get }
    /// The bytes of one file (callers read text files only; media is never loaded whole).
    func read(_ path: String) throws -> [UInt8]
    /// The size of one file in bytes.
    func size(of path: String) -> UInt64
}

extension CourseFiles {
    /// Whether the course has this file.
    public func contains(_ path: String) -> Bool {
        var low = 0
        var high = paths.count
        let key = Array(path.utf8)
        while low < high {
            let mid = (low + high) / 2
            let probe = Array(paths[mid].utf8)
            if probe == key { return true }
            if probe.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        return false
    }

    /// The text of a file, or nil with a diagnostic when it cannot be read or is not UTF-8.
    func readText(_ path: String, into diagnostics: inout [Diagnostic]) -> String? {
        do {
            let bytes = try read(path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(.error(path, nil, "file is not valid UTF-8 text: save it as UTF-8"))
                return nil
            }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        } catch {
            diagnostics.append(.error(path, nil, "cannot read the file: \(error)"))
            return nil
        }
    }
}

/// Path helpers shared by folders and packages.
enum CoursePath {
    /// Whether a file or folder name is ignored by the tools (drafts, editor files).
    static func isIgnored(_ name: Substring) -> Bool { name.hasPrefix(".") || name.hasPrefix("_") }

    /// Where `path` is written before it is renamed into place: a hidden name beside it, so that a
    /// package being packed inside its own course folder is never read as part of the course.
    static func partial(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-\(getpid())"
    }

    /// Whether any segment of a relative path is ignored.
    static func isIgnoredPath(_ path: String) -> Bool {
        path.split(separator: "/").contains { isIgnored($0) }
    }

    /// Sorts paths by their UTF-8 bytes: the order of entries in a package.
    static func sorted(_ paths: [String]) -> [String] {
        paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether a relative path stays inside its folder: no empty, `.` or `..` segments, no absolute
    /// path, backslash or control character.
    static func isSafeRelative(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 1024 else { return false }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}
