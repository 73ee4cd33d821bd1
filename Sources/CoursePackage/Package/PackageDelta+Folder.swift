import Foundation
import LMSModel

extension PackageDelta {
    /// Builds a version's folder from its manifest's exact bytes, the extracted folder of an older
    /// version (nil for a first install) and entries fetched by hash (`fetched[sha256]` is a file
    /// holding them), as `apply(archive:onto:to:)` does from a delta archive: every file is
    /// streamed and checked against the new manifest on the way, the manifest is written byte for
    /// byte (its SHA-256 is the package id), and the folder appears by one rename. `newFolder` must
    /// not exist; on failure nothing is left.
    public static func assemble(
        manifestBytes: Data, onto oldFolder: String?, fetched: [String: String],
        to newFolder: String
    ) throws -> PackageManifest {
        let manifest = try PackageManifest(data: manifestBytes)
        return try build(
            manifest, manifestBytes: manifestBytes, onto: oldFolder, to: newFolder,
            fetched: { entry in
                fetched[entry.sha256].map { file in { sink in try PackageManifest.Entry.stream(file: file, sink) } }
            },
            missing: { entry in
                PackageError.deltaMismatch("\(entry.path) is neither fetched nor in the installed version")
            })
    }

    /// Streams one entry's bytes into a sink.
    typealias Producer = ((UnsafeRawBufferPointer) throws -> Void) throws -> Void

    /// The one builder of a version's folder (`apply`, `assemble`): each entry of `manifest` is
    /// streamed from `fetched` or, when that has none, copied from the old folder (found by hash
    /// through its manifest), and checked on the way; the manifest's exact bytes are written last,
    /// and the folder appears by one rename. `missing` is the error for an entry found nowhere.
    static func build(
        _ manifest: PackageManifest, manifestBytes: Data, onto oldFolder: String?, to newFolder: String,
        fetched: (PackageManifest.Entry) -> Producer?, missing: (PackageManifest.Entry) -> Error
    ) throws -> PackageManifest {
        let fm = FileManager.default
        var oldPathByHash: [String: String] = [:]
        if let oldFolder, let data = fm.contents(atPath: oldFolder + "/" + PackageManifest.fileName),
            let old = try? PackageManifest(data: data)
        {
            for entry in old.entries { oldPathByHash[entry.sha256] = entry.path }
        }
        let temp = CoursePath.partial(for: newFolder)
        try? fm.removeItem(atPath: temp)
        do {
            try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
            for entry in manifest.entries {
                guard CoursePath.isSafeRelative(entry.path) else {
                    throw PackageError.invalidManifest("unsafe path \(entry.path)")
                }
                let target = temp + "/" + entry.path
                try fm.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if let produce = fetched(entry) {
                    try entry.write(to: target, from: produce)
                } else if let oldFolder, let old = oldPathByHash[entry.sha256] {
                    try entry.write(to: target) { sink in
                        try PackageManifest.Entry.stream(file: oldFolder + "/" + old, sink)
                    }
                } else {
                    throw missing(entry)
                }
            }
            try manifestBytes.write(to: URL(fileURLWithPath: temp + "/" + PackageManifest.fileName))
            guard rename(temp, newFolder) == 0 else {
                throw PackageError.cannotWrite(path: newFolder, reason: String(cString: strerror(errno)))
            }
            return manifest
        } catch {
            try? fm.removeItem(atPath: temp)
            throw error
        }
    }
}
