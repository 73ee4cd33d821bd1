import Foundation
import LMSModel

/// The generated `manifest.json` of a package (docs/PACKAGE-FORMAT.md): the course's identity
/// and every entry with its size and SHA-256. The package id is the SHA-256 of these bytes.
public struct PackageManifest: Hashable, Sendable {
    /// The name of the manifest inside a package.
    public static let fileName = "manifest.json"
    /// The format version this code writes and reads.
    public static let formatVersion = 1
    /// The largest entry size a manifest may state (2^53: exact in a JSON number, far above any ZIP limit).
    static let maxEntrySize: Double = 9_007_199_254_740_992

    /// Which copy of a course a package is.
    public enum Build: String, Hashable, Sendable, CaseIterable {
        /// The teacher's copy: every answer key (kept by the server).
        case full
        /// The copy students download: exam keys removed.
        case student
    }

    /// One file of the package.
    public struct Entry: Hashable, Sendable {
        /// Its path inside the package.
        public var path: String
        /// Its size in bytes.
        public var size: UInt64
        /// The SHA-256 of its bytes, lowercase hex.
        public var sha256: String

        /// Makes an entry.
        public init(path: String, size: UInt64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The course id.
    public var courseID: String
    /// The course version.
    public var version: SemanticVersion
    /// The course title.
    public var title: String
    /// Full or student build.
    public var build: Build
    /// Every entry except the manifest itself, sorted by path bytes.
    public var entries: [Entry]

    /// Makes a manifest; entries are sorted.
    public init(courseID: String, version: SemanticVersion, title: String, build: Build, entries: [Entry]) {
        self.courseID = courseID
        self.version = version
        self.title = title
        self.build = build
        self.entries = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The canonical bytes: sorted keys, two-space indent, a final newline.
    public var encoded: Data {
        let json: JSONValue = JSONValue(
            .object([
                ("build", JSONValue(.string(build.rawValue))),
                (
                    "course",
                    JSONValue(
                        .object([
                            ("id", JSONValue(.string(courseID))),
                            ("title", JSONValue(.string(title))),
                            ("version", JSONValue(.string(version.description)))
                        ]))
                ),
                (
                    "entries",
                    JSONValue(
                        .array(
                            entries.map {
                                JSONValue(
                                    .object([
                                        ("path", JSONValue(.string($0.path))),
                                        ("sha256", JSONValue(.string($0.sha256))),
                                        ("size", JSONValue(.number(Double($0.size))))
                                    ]))
                            }))
                ),
                ("format", JSONValue(.number(Double(Self.formatVersion))))
            ]))
        return Data(JSONWriter.write(json, pretty: true, sortKeys: true).utf8)
    }

    /// The package id: SHA-256 of `encoded`.
    public var packageID: String { SHA256.hash(encoded).hex }

    /// The entry at `path`, if any.
    public func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    /// The total size of all entries.
    public var totalSize: UInt64 { entries.reduce(0) { $0 + $1.size } }

    /// Parses a manifest, refusing anything malformed (it comes from outside).
    public init(data: Data) throws {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes: [UInt8](data)) } catch {
            throw PackageError.invalidManifest("not valid JSON (\(error))")
        }
        guard let format = json["format"]?.numberValue else { throw PackageError.invalidManifest("no \"format\"") }
        // Numbers come from outside: compare as doubles, never convert an out-of-range value.
        guard format == Double(Self.formatVersion) else {
            throw PackageError.invalidManifest(
                "format \(JSONWriter.number(format)) is not supported (this program reads format \(Self.formatVersion)); update lms-offline"
            )
        }
        guard let course = json["course"], let id = course["id"]?.stringValue, Course.isValidID(id),
            let versionText = course["version"]?.stringValue, let version = SemanticVersion(versionText),
            let title = course["title"]?.stringValue
        else {
            throw PackageError.invalidManifest("\"course\" needs a valid id, version and title")
        }
        guard let buildText = json["build"]?.stringValue, let build = Build(rawValue: buildText) else {
            throw PackageError.invalidManifest("\"build\" must be full or student")
        }
        guard let items = json["entries"]?.arrayValue else { throw PackageError.invalidManifest("no \"entries\" list") }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for item in items {
            guard let path = item["path"]?.stringValue, let size = item["size"]?.numberValue, size >= 0,
                size == size.rounded(),
                size <= Self.maxEntrySize, let sha = item["sha256"]?.stringValue, SHA256Digest(hex: sha) != nil
            else {
                throw PackageError.invalidManifest(
                    "an entry needs \"path\", a whole \"size\" and a 64-digit hex \"sha256\"")
            }
            guard seen.insert(path).inserted else { throw PackageError.invalidManifest("\"\(path)\" is listed twice") }
            entries.append(Entry(path: path, size: UInt64(exactly: size) ?? 0, sha256: sha))
        }
        self.init(courseID: id, version: version, title: title, build: build, entries: entries)
    }
}
