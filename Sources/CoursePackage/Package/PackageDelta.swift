import Foundation
import LMSModel

/// What a device holding one version of a course must fetch to have another: entries are matched
/// by content hash, so a file that moved or stayed the same is never downloaded again.
public struct PackageDelta: Hashable, Sendable {
    /// The package id the device has.
    public var fromID: String
    /// The version it has.
    public var fromVersion: SemanticVersion
    /// The package id it will have.
    public var toID: String
    /// The version it will have.
    public var toVersion: SemanticVersion
    /// Entries whose bytes the device lacks (by hash): to download.
    public var fetch: [PackageManifest.Entry]
    /// Entries whose bytes the device has under another path: (existing path, new path).
    public var copy: [Copy]
    /// Paths of the old version that the new one no longer has.
    public var remove: [String]
    /// Entries unchanged (same path, same hash).
    public var unchanged: Int
    /// The size of the new version.
    public var totalBytes: UInt64

    /// A local copy from one path to another.
    public struct Copy: Hashable, Sendable {
        /// Where the bytes are now.
        public var from: String
        /// Where the new version wants them.
        public var to: String
    }

    /// Bytes to download.
    public var fetchBytes: UInt64 { fetch.reduce(0) { $0 + $1.size } }

    /// Compares two manifests of the same course.
    public static func make(from old: PackageManifest, to new: PackageManifest) throws -> PackageDelta {
        guard old.courseID == new.courseID else { throw PackageError.differentCourses(old.courseID, new.courseID) }
        var pathByHash: [String: String] = [:]
        var oldHashByPath: [String: String] = [:]
        for entry in old.entries {
            pathByHash[entry.sha256] = pathByHash[entry.sha256] ?? entry.path
            oldHashByPath[entry.path] = entry.sha256
        }
        var delta = PackageDelta(
            fromID: old.packageID, fromVersion: old.version, toID: new.packageID, toVersion: new.version,
            fetch: [], copy: [], remove: [], unchanged: 0, totalBytes: new.totalSize)
        var fetchedHashes: Set<String> = []
        for entry in new.entries {
            if oldHashByPath[entry.path] == entry.sha256 {
                delta.unchanged += 1
            } else if let source = pathByHash[entry.sha256] {
                delta.copy.append(Copy(from: source, to: entry.path))
            } else if fetchedHashes.insert(entry.sha256).inserted {
                delta.fetch.append(entry)
            } else if let first = delta.fetch.first(where: { $0.sha256 == entry.sha256 }) {
                delta.copy.append(Copy(from: first.path, to: entry.path))
            }
        }
        let newPaths = Set(new.entries.map(\.path))
        delta.remove = old.entries.map(\.path).filter { !newPaths.contains($0) }
        return delta
    }

    /// The plan as JSON (for `--json` and for the wire).
    public var json: JSONValue {
        func entries(_ list: [PackageManifest.Entry]) -> JSONValue {
            JSONValue(
                .array(
                    list.map {
                        JSONValue(
                            .object([
                                ("path", JSONValue(.string($0.path))),
                                ("size", JSONValue(.number(Double($0.size)))),
                                ("sha256", JSONValue(.string($0.sha256)))
                            ]))
                    }))
        }
        return JSONValue(
            .object([
                (
                    "from",
                    JSONValue(
                        .object([
                            ("id", JSONValue(.string(fromID))), ("version", JSONValue(.string(fromVersion.description)))
                        ]))
                ),
                (
                    "to",
                    JSONValue(
                        .object([
                            ("id", JSONValue(.string(toID))), ("version", JSONValue(.string(toVersion.description)))
                        ]))
                ),
                ("fetch", entries(fetch)),
                (
                    "copy",
                    JSONValue(
                        .array(
                            copy.map {
                                JSONValue(
                                    .object([("from", JSONValue(.string($0.from))), ("to", JSONValue(.string($0.to)))]))
                            }))
                ),
                ("remove", JSONValue(.array(remove.map { JSONValue(.string($0)) }))),
                ("unchanged", JSONValue(.number(Double(unchanged)))),
                ("fetchBytes", JSONValue(.number(Double(fetchBytes)))),
                ("totalBytes", JSONValue(.number(Double(totalBytes))))
            ]))
    }
}

extension PackageDelta {
    /// The name of the plan inside a delta archive.
    public static let planFileName = "delta.json"

    /// Writes a delta archive: the new manifest, the plan and the bytes to fetch (under `fetch/<sha256>`),
    /// so that a device can update from a USB stick as from the server.
    public func writeArchive(newPackage: PackageArchive, to output: String) throws {
        let temp = CoursePath.partial(for: output)
        do {
            let writer = try ZipWriter(path: temp)
            try writer.addData(
                path: Self.planFileName, Data(JSONWriter.write(json, pretty: true).utf8), method: .deflate)
            try writer.addData(path: PackageManifest.fileName, newPackage.manifest.encoded, method: .deflate)
            // Entries are streamed through a temp file (hash-checked), never held whole: media can be large.
            let staged = temp + ".entry"
            defer { unlink(staged) }
            for entry in fetch {
                unlink(staged)
                try newPackage.copyEntry(entry.path, to: staged)
                try writer.addFile(
                    path: "fetch/" + entry.sha256, contentsOf: staged, method: PackageBuilder.method(for: entry.path))
            }
            try writer.finish()
            guard rename(temp, output) == 0 else {
                throw PackageError.cannotWrite(path: output, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Builds the new version's folder from the old version's extracted folder and a delta archive,
    /// checking every file against the new manifest. `newFolder` must not exist; on failure nothing is left.
    public static func apply(archive deltaPath: String, onto oldFolder: String, to newFolder: String) throws
        -> PackageManifest
    {
        let zip = try ZipReader(path: deltaPath)
        guard let manifestEntry = zip.entry(named: PackageManifest.fileName) else { throw PackageError.missingManifest }
        let manifest = try PackageManifest(data: try zip.readData(manifestEntry))
        return try build(
            manifest, manifestBytes: manifest.encoded, onto: oldFolder, to: newFolder,
            fetched: { entry in
                zip.entry(named: "fetch/" + entry.sha256).map { fetched in { sink in try zip.read(fetched, sink) } }
            },
            missing: { entry in
                PackageError.deltaMismatch(
                    "\(entry.path) is neither in the delta nor in \(oldFolder): apply the delta to the version it was made from"
                )
            })
    }
}
