import Foundation
import LMSModel

/// Packs a course folder into a deterministic package: entries sorted by path, fixed times and
/// modes, text deflated and compressed media stored, `manifest.json` last. The same folder gives
/// the same bytes. A student build replaces each exam quiz by a copy without answer keys.
public enum PackageBuilder {
    /// File extensions that are already compressed and are stored, not deflated.
    public static let storedExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "mp4", "m4v", "mov", "webm", "mkv", "avi", "mp3", "m4a",
        "aac", "ogg", "oga", "ogv", "opus", "flac", "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "epub",
        "docx", "xlsx", "pptx", "odt", "ods", "odp", "woff", "woff2"
    ]

    /// What a pack produced.
    public struct Output: Sendable {
        /// The manifest written.
        public var manifest: PackageManifest
        /// The package id.
        public var packageID: String { manifest.packageID }
        /// Warnings from validation (errors stop the pack).
        public var warnings: [Diagnostic]
        /// Where the package was written.
        public var path: String
    }

    /// The default file name of a package: `ID-VERSION.zip` (`-student` before `.zip` for a student build).
    public static func defaultFileName(for course: Course, build: PackageManifest.Build) -> String {
        "\(course.id)-\(course.version)\(build == .student ? "-student" : "").zip"
    }

    /// The compression method for a path.
    public static func method(for path: String) -> ZipMethod {
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return storedExtensions.contains(ext) ? .store : .deflate
    }

    /// Validates `folder` and writes its package to `output` (default: `defaultFileName` in the current
    /// folder), atomically: a temp file renamed into place. Throws `PackageError.invalidCourse`, with
    /// the diagnostics in `diagnostics`, when the course has errors.
    public static func pack(
        folder: String, to output: String? = nil, build: PackageManifest.Build = .full,
        diagnostics: inout [Diagnostic]
    ) throws -> Output {
        // A package written inside the folder it packs must not pack itself: its path is left out (and its
        // temp file has a hidden name, which FolderFiles ignores). Without -o the name is not known before loading,
        // so the default name is excluded for any course id by listing twice only when needed.
        var files = try FolderFiles(root: folder, excluding: output.map { [$0] } ?? [])
        var loaded = CourseLoader.load(files)
        if output == nil, let course = loaded.course,
            files.paths.contains(where: {
                URL(fileURLWithPath: files.fullPath($0)).standardizedFileURL.path
                    == URL(fileURLWithPath: defaultFileName(for: course, build: build)).standardizedFileURL.path
            })
        {
            files = try FolderFiles(root: folder, excluding: [defaultFileName(for: course, build: build)])
            loaded = CourseLoader.load(files)
        }
        diagnostics = loaded.diagnostics
        guard let course = loaded.course, loaded.isValid else {
            throw PackageError.invalidCourse(count: loaded.diagnostics.filter { $0.severity == .error }.count)
        }
        let path = output ?? defaultFileName(for: course, build: build)
        var sources: [(path: String, source: Source)] = files.paths.map { ($0, .file(files.fullPath($0))) }
        if build == .student {
            sources = try studentSources(sources, course: course, loaded: loaded, files: files)
        }
        sources.removeAll { $0.path == PackageManifest.fileName }
        sources.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let manifest = try write(sources, course: course, build: build, to: path)
        return Output(manifest: manifest, warnings: loaded.diagnostics.filter { $0.severity == .warning }, path: path)
    }

    enum Source {
        case file(String)
        case data(Data)
    }

    private static func write(
        _ sources: [(path: String, source: Source)], course: Course, build: PackageManifest.Build,
        to output: String
    ) throws -> PackageManifest {
        let temp = CoursePath.partial(for: output)
        do {
            let writer = try ZipWriter(path: temp)
            var entries: [PackageManifest.Entry] = []
            for (path, source) in sources {
                let info: ZipEntryInfo
                switch source {
                case .file(let full): info = try writer.addFile(path: path, contentsOf: full, method: method(for: path))
                case .data(let data): info = try writer.addData(path: path, data, method: method(for: path))
                }
                entries.append(.init(path: path, size: info.uncompressedSize, sha256: info.sha256.hex))
            }
            let manifest = PackageManifest(
                courseID: course.id, version: course.version, title: course.title,
                build: build, entries: entries)
            try writer.addData(path: PackageManifest.fileName, manifest.encoded, method: .deflate)
            try writer.finish()
            guard rename(temp, output) == 0 else {
                throw PackageError.cannotWrite(path: output, reason: String(cString: strerror(errno)))
            }
            return manifest
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Replaces every exam quiz's file by its keyless JSON copy.
    private static func studentSources(
        _ sources: [(path: String, source: Source)], course: Course,
        loaded: CourseLoader.Result, files: FolderFiles
    ) throws -> [(path: String, source: Source)] {
        var result = sources
        for quiz in course.quizzes where quiz.mode == .exam {
            guard let path = loaded.itemPaths[quiz.id] else { continue }
            let jsonPath = path.hasSuffix(".gift") ? String(path.dropLast(".gift".count)) + ".quiz.json" : path
            let text = JSONWriter.write(QuizJSONWriter.studentCopy(of: quiz), pretty: true)
            result.removeAll { $0.path == path }
            if jsonPath != path, result.contains(where: { $0.path == jsonPath }) {
                throw PackageError.cannotWrite(
                    path: jsonPath, reason: "the student copy of \(path) would replace an existing file")
            }
            result.append((jsonPath, .data(Data(text.utf8))))
        }
        return result
    }
}
